"""Shared fixtures: real SQLite files in tmp folders, and a real PostgreSQL when
``DAFTAR_TEST_PG_URL`` names a server (``./dev.sh test`` and CI start one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This PC's settings (the chosen database) of the tests and their child processes: their own.
import tempfile as _tempfile  # noqa: E402

os.environ["XDG_CONFIG_HOME"] = _tempfile.mkdtemp(prefix="daftar-test-config-")
os.environ["XDG_STATE_HOME"] = _tempfile.mkdtemp(prefix="daftar-test-state-")  # the log

import pytest  # noqa: E402

from desktop.models.db import Database, open_database  # noqa: E402

PG_URL = os.environ.get("DAFTAR_TEST_PG_URL")

# Tests run on a fixed clock: 1 Azar 1405, inside the 1405-1406 school year, before
# any of its deadlines.  Tests about deadlines move it themselves.
import datetime as _dt  # noqa: E402

FIXED_NOW = _dt.datetime(2026, 11, 22, 9, 0, tzinfo=_dt.UTC)


def fixed(database: Database) -> Database:
    database.clock = lambda: FIXED_NOW
    return database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = fixed(open_database(tmp_path / "daftar.sqlite"))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo school file built once per run; tests that change it copy it first."""
    from desktop.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = fixed(open_database(path))  # the graduating class is decided at FIXED_NOW
    build_demo(database, year=1405)
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo school."""
    from desktop.models.db import backup_sqlite
    from desktop.services import school_key
    from desktop.services.demo import DEMO_PASSWORD

    copy = backup_sqlite(demo_path, "test")
    target = tmp_path / "demo.sqlite"
    copy.rename(target)
    database = fixed(open_database(target))
    # As after the principal's sign-in: the school's seal is open in this process.
    school_key.unlock(database, DEMO_PASSWORD)
    yield database
    database.dispose()


def _pg_database() -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    base = make_url(PG_URL)
    name = f"daftar_test_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        database = fixed(open_database(tmp_path / "daftar.sqlite"))
        yield database
        database.dispose()
        return
    if not PG_URL:
        pytest.skip("DAFTAR_TEST_PG_URL is not set (./dev.sh test starts PostgreSQL)")
    gen = _pg_database()
    url = next(gen)
    database = fixed(open_database(url))
    try:
        yield database
    finally:
        database.dispose()
        next(gen, None)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (its URL)."""
    if not PG_URL:
        pytest.skip("DAFTAR_TEST_PG_URL is not set (./dev.sh test starts PostgreSQL)")
    yield from _pg_database()


# --- the central server -------------------------------------------------------------

@pytest.fixture(scope="session")
def central_server() -> Iterator[object]:
    """``daftar-central init`` + ``serve`` on a fresh PostgreSQL database, on a loopback
    port, its clock starting at FIXED_NOW (DAFTAR_CENTRAL_NOW)."""
    if not PG_URL:
        pytest.skip("DAFTAR_TEST_PG_URL is not set (./dev.sh test starts PostgreSQL)")
    from tests.central_rig import CentralServer, central_cli

    gen = _pg_database()
    url = next(gen)
    done = central_cli(url, "init")
    assert done.returncode == 0, done.stderr
    server = CentralServer(url, FIXED_NOW.isoformat())
    try:
        yield server
    finally:
        server.stop()
        next(gen, None)


@pytest.fixture
def central(central_server):  # type: ignore[no-untyped-def]
    """The running server with empty tables (its key kept) and its service for admin work."""
    from sqlalchemy import text

    from central.db import make_engine
    from central.service import Central
    from tests.central_rig import TABLES

    engine = make_engine(central_server.db_url, 2)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    service = Central(engine, clock=lambda: FIXED_NOW)
    service.url = central_server.url  # type: ignore[attr-defined]
    service.port = central_server.port  # type: ignore[attr-defined]
    yield service
    engine.dispose()


@pytest.fixture
def enrolled(demo_db, central):  # type: ignore[no-untyped-def]
    """The demo school enrolled with the central server, its Dey sheets queued."""
    from desktop.domain.workflow import Action, SheetState
    from desktop.services import approvals, sync
    from desktop.services.context import PRINCIPAL_ACTOR

    code = central.add_school("12345678", "فرهیختگان", "تهران", "منطقه ۶ تهران")
    sync.connect(demo_db, central.url, code, PRINCIPAL_ACTOR)
    ready = [x.sheet_id for x in approvals.queue(demo_db, PRINCIPAL_ACTOR, 1405)
             if x.state is SheetState.APPROVED]
    approvals.move(demo_db, ready, Action.QUEUE, PRINCIPAL_ACTOR)
    return demo_db
