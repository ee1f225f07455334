"""Alembic revisions of the local schema, shipped inside the package.

Run at start-up by ``desktop.models.db.upgrade`` (after a backup copy of the
file).  New revision: ``alembic -c desktop/migrations/alembic.ini revision
--autogenerate -m "..."`` against a database at the previous head.
"""
