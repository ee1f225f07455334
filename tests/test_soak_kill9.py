"""The kill -9 soak (bench/soak_kill9.py) run by the tests, and what it found first: a
school file of the previous schema version, with its data, upgrades at open."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.migrations import HEAD
from desktop.models.db import open_database
from desktop.services.audit import verify

ROOT = Path(__file__).resolve().parent.parent
KILLS = 17  # per scenario: 102 in all with the six


def test_the_soak_kills_the_program_at_random_and_loses_nothing() -> None:
    done = subprocess.run([sys.executable, "bench/soak_kill9.py", "--kills", str(KILLS)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200)
    print(done.stdout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    found = dict(re.findall(r"^(\w+): (\d+) kills .* data lost 0", done.stdout, re.M))
    expected = {"entry", "import", "approve", "print", "migrate", "sync"}
    if "sync: skipped" in done.stdout:
        expected.remove("sync")
    assert set(found) == expected and all(int(n) == KILLS for n in found.values())
    assert re.search(r"kill -9 soak: \d+ kills in all, (\d+) survived, data lost 0",
                     done.stdout)


def test_a_school_file_of_the_previous_version_upgrades_with_its_data(demo_path, tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    old = tmp_path / "old.sqlite"
    shutil.copy(demo_path, old)
    engine = create_engine(f"sqlite:///{old}")
    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "desktop" / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    engine.dispose()
    with sqlite3.connect(old) as conn:
        before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("student", "grade", "course", "audit_event")}
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] != HEAD
    db = open_database(old)  # foreign keys point at tables the migration copies
    try:
        assert verify(db).ok
    finally:
        db.dispose()
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in before} == before
    assert list(tmp_path.glob("old.before-*.sqlite"))  # the copy made first
