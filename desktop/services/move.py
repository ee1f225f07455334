"""Moving a school from this PC's SQLite file to a shared PostgreSQL database.

The first run of a school on several PCs: :func:`move_school` copies every table, row by
row and with its ids, into an empty database at the same schema version, in one
transaction on the target (a failure leaves it empty), then checks it: the same count in
every table and the whole audit chain verified on the server, ending at the same head.
The SQLite file is only read; it stays as it was, as the last copy of this PC's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, text

from ..domain.errors import DaftarError
from ..models.base import Base
from ..models.db import Database, open_database
from ..models.entities import AuditHead, School
from .audit import verify

CHUNK = 5_000


@dataclass(frozen=True)
class Moved:
    target: str
    rows: dict[str, int]
    events: int


def move_school(source: Database, target_url: str,
                progress: Callable[[int, int], None] | None = None) -> Moved:
    """Copy the school in ``source`` into the empty database at ``target_url``."""
    if "://" not in target_url or target_url.startswith("sqlite"):
        raise DaftarError("move.not_server")
    before = verify(source)
    if not before.ok:
        raise DaftarError("move.audit", event=before.broken_at or "-")
    with source.unit() as s:
        if s.scalar(select(School.code)) is None:
            raise DaftarError("school.missing")
    try:
        target = open_database(target_url)
    except DaftarError:
        raise
    except Exception as e:  # unreachable server, wrong password, no such database
        raise DaftarError("move.connect", detail=str(e).splitlines()[0]) from e
    tables = [t for t in Base.metadata.sorted_tables]
    try:
        with target.engine.connect() as probe:
            if probe.execute(select(func.count()).select_from(School.__table__)).scalar():
                raise DaftarError("move.target_not_empty", url=target.url)
        counts: dict[str, int] = {}
        with source.engine.connect() as src, target.engine.begin() as dst:
            for done, table in enumerate(tables, start=1):
                result = src.execution_options(yield_per=CHUNK).execute(select(table))
                n = 0
                for chunk in result.mappings().partitions(CHUNK):
                    dst.execute(table.insert(), [dict(r) for r in chunk])
                    n += len(chunk)
                counts[table.name] = n
                _restart_ids(dst, table)
                if progress is not None:
                    progress(done, len(tables))
        _check(source, target, counts, before.checked)
        return Moved(target.url, counts, before.checked)
    finally:
        target.dispose()


def _restart_ids(conn, table) -> None:  # type: ignore[no-untyped-def]
    """After rows were inserted with their ids, new rows continue after the largest."""
    if "id" not in table.c or not table.c.id.autoincrement or \
            not str(table.c.id.type).startswith(("INTEGER", "BIGINT")):
        return
    conn.execute(text(
        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))


def _check(source: Database, target: Database, counts: dict[str, int], events: int) -> None:
    with target.engine.connect() as conn:
        for name, n in counts.items():
            there = conn.execute(text(f"SELECT count(*) FROM {name}")).scalar()
            if there != n:
                raise DaftarError("move.mismatch", table=name, here=n, there=there or 0)
    after = verify(target)
    with source.unit() as s, target.unit() as t:
        same_head = s.scalar(select(AuditHead.last_hash)) == t.scalar(select(AuditHead.last_hash))
    if not after.ok or after.checked != events or not same_head:
        raise DaftarError("move.audit", event=after.broken_at or "-")
