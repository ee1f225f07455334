"""SQLAlchemy 2.0 typed models, engine and session setup.  No Qt here.

``entities`` holds the tables, ``db`` the engine (SQLite file by default, or any
URL such as PostgreSQL for a school that shares one database between PCs),
the unit of work, and the start-up migration with its backup copy.
"""

from .db import Database, open_database  # noqa: F401
