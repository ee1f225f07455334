"""Alembic revisions of the local schema, shipped inside the package.

Run at start-up by ``desktop.models.db.upgrade`` (after a backup copy of the
file).  New revision: ``alembic -c desktop/migrations/alembic.ini revision
--autogenerate -m "..."`` against a database at the previous head.
"""

# The newest revision.  Start-up compares the database's revision with this and
# imports Alembic only when an upgrade is due (importing it costs ~0.1 s of every
# start).  tests/test_models.py fails if this is not Alembic's own head.
HEAD = "0011"
