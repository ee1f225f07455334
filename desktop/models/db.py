"""Engine, unit of work and start-up migration.

* The embedded default is a SQLite file in the user's data folder, opened with
  WAL, foreign keys on, synchronous FULL (a grade accepted is a grade on disk)
  and a busy timeout.  Any SQLAlchemy URL (``postgresql+psycopg://...``) runs
  the same models for a school that shares one database between office PCs.
* :meth:`Database.unit` is one unit of work: one transaction per user action,
  committed on leaving the block, rolled back on any error (nothing half-written).
* :func:`open_database` brings the schema to the head revision with Alembic.
  A new file is created at head; an existing SQLite file behind head is first
  copied aside (``<name>.before-<rev>-<stamp>.sqlite``) with SQLite's online
  backup, then upgraded.  A file from a newer Daftar, or a file that is not a
  Daftar database, is refused with a clear message and left untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import DaftarError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_SHIPPED = MIGRATIONS


def default_db_path() -> Path:
    """``~/.local/share/Daftar/daftar.sqlite`` (or the platform's own data folder)."""
    from platformdirs import user_data_path

    return user_data_path("Daftar", appauthor=False, ensure_exists=True) / "daftar.sqlite"


def to_url(target: str | Path) -> str:
    """A path becomes a SQLite URL; a URL is kept as it is."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own transaction handling is turned off so that SQLAlchemy's
    # BEGIN is the one that runs (see SQLAlchemy's "pysqlite serializable" recipe).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(target: str | Path, **kwargs: Any) -> Engine:
    url = make_url(to_url(target))
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # one writer; no upgrade deadlocks

    return engine


def is_sqlite_file(path: Path) -> bool:
    """Whether the file at ``path`` is a SQLite database, asked of SQLite itself.

    Never with Python's ``open()``: closing any descriptor of a file drops every POSIX lock
    this process holds on it, SQLite's included, so a header read beside an open connection
    lets another process take the file for its last user and delete the WAL and its index
    under that connection (a damaged school file).  SQLite keeps its descriptors open until
    its own locks are released."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return getattr(e, "sqlite_errorname", "") != "SQLITE_NOTADB"
    return True


def storage_refusal(error: BaseException, path: Path | None = None) -> DaftarError | None:
    """What a storage failure means at the desk, or None if it is not one."""
    import errno

    text = str(getattr(error, "orig", None) or error).lower()
    where = str(path.parent if path is not None else "-")
    if isinstance(error, OSError) and error.errno == errno.ENOSPC or "disk is full" in text \
            or "no space left" in text:
        return DaftarError("disk.full", path=Path(where))
    if "readonly database" in text or "read-only file system" in text or (
            "unable to open database file" in text and path is not None and path.exists()
            and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))):
        return DaftarError("db.read_only", path=path or Path("-"))
    if "malformed" in text or "not a database" in text or "disk i/o error" in text:
        return DaftarError("db.damaged", path=path or Path("-"))
    return None


def _system_clock() -> dt.datetime:
    return dt.datetime.now(tz=dt.UTC)


@dataclass
class Database:
    """An engine and its session factory.  Services open one unit of work per call.

    ``clock`` is where services read the time (deadlines, audit times); tests set it.
    """

    engine: Engine
    clock: Callable[[], dt.datetime] = _system_clock

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.engine.url.get_backend_name() != "sqlite" or not self.engine.url.database:
            return None
        return Path(self.engine.url.database)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any exception.  A full disk, a
        read-only or damaged file becomes a refusal that says so (nothing was written)."""
        try:
            with self._factory.begin() as session:
                yield session
        except DBAPIError as e:
            refusal = storage_refusal(e, self.path)
            if refusal is None:
                raise
            raise refusal from e

    def dispose(self) -> None:
        self.engine.dispose()


# --- migrations -------------------------------------------------------------

def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of a live SQLite file beside it (online backup API), written under
    a ``.part`` name and renamed when whole: a copy cut off by a power cut is never taken
    for a backup."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{label}-{stamp}{path.suffix}")
    part = target.with_name(target.name + ".part")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return target


def _stored_revision(engine: Engine) -> str | None:
    """The database's revision read directly (no Alembic import); None if unstamped."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(db: Database) -> Path | None:
    """Bring the schema to head; return the backup file made first, if any."""
    from ..migrations import HEAD

    engine = db.engine
    if MIGRATIONS == _SHIPPED and _stored_revision(engine) == HEAD:
        return None  # the usual start: nothing to do, Alembic not even imported
    from alembic import command

    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in _known_revisions():
        raise DaftarError("db.newer", revision=current)
    backup: Path | None = None
    if current is None:
        tables = set(inspect(engine).get_table_names())
        if tables:  # tables but no revision: not ours
            raise DaftarError("db.not_daftar", path=db.url)
    elif db.path is not None:
        backup = backup_sqlite(db.path, current)
    if db.path is None:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        return backup
    # SQLite: batch migrations copy a table and drop the old one, which foreign keys that
    # point at it would refuse; they are off for the migration (the pragma only takes
    # effect outside a transaction) and checked whole before it commits.
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                command.upgrade(_alembic_config(conn), "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DaftarError("db.migration", detail=str(broken[0]))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    return backup


def open_database(target: str | Path | None = None, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the database at a path or URL."""
    if target is None:
        target = default_db_path()
    url = to_url(target)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and path.stat().st_size > 0 and not is_sqlite_file(path):
            raise DaftarError("db.not_daftar", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(make_engine(url))
    if migrate:
        try:
            upgrade(db)
            if db.path is not None:
                _check_opens(db)
        except DBAPIError as e:
            db.dispose()
            refusal = storage_refusal(e, db.path)
            if refusal is None:
                raise
            raise refusal from e
        except Exception:
            db.dispose()
            raise
    return db


def _check_opens(db: Database) -> None:
    """At start, a quick look that the file reads and takes a write: a truncated file, one
    on a read-only medium or with its pages damaged is refused here, not in the middle of
    someone's work.  ``quick_check`` reads every page (~50 ms for the demo school)."""
    with db.engine.begin() as conn:  # BEGIN IMMEDIATE: takes the write lock, or says why not
        status = conn.exec_driver_sql("PRAGMA quick_check").scalar()
        if status != "ok":
            raise DaftarError("db.damaged", path=db.path or Path("-"))
