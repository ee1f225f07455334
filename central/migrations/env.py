"""Alembic environment of the central server: the connection comes from ``central.db``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from central.schema import metadata, not_a_partition

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata, compare_type=True,
                      include_object=not_a_partition)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # alembic -x url=postgresql+psycopg://... revision --autogenerate
    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])
    with engine.begin() as conn:
        _run(conn)
