"""Alembic revisions of the central schema (``daftar-central migrate`` runs them).

New revision: ``alembic -c central/migrations/alembic.ini -x url=postgresql+psycopg://...
revision --autogenerate -m "..."`` against a database at the previous head.
"""
