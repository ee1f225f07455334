"""Backups and restore of the school file: checked copies, rotation, refusals, kill -9.

Real SQLite files; the command line as the office runs it; child processes killed with
SIGKILL in the middle of a backup and of a restore.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.errors import DaftarError
from desktop.models.db import open_database
from desktop.services import backup
from desktop.services.audit import verify

from .faults import digest

ROOT = Path(__file__).resolve().parent.parent


def daftar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "DAFTAR_PASSWORD": "daftar", **(env or {})})


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def add_student(school: Path, code: str = "0013542419") -> None:
    from desktop.services.students import StudentInput
    from desktop.services.students import add_student as add

    db = open_database(school)
    try:
        add(db, StudentInput(national_code=code, first_name="نگار", last_name="پاکزاد",
                             father_name="حمید", birth_date="1390/02/03", gender="دختر",
                             birth_place="تهران"))
    finally:
        db.dispose()


def test_a_backup_is_checked_rotated_and_restored_with_what_it_holds(demo_db, tmp_path):
    school = demo_db.path
    stick = tmp_path / "usb"
    assert daftar("--db", str(school), "backup", "--folder", str(stick)).returncode == 0
    made = daftar("--db", str(school), "backup")
    assert made.returncode == 0, made.stderr
    (first,) = backup.list_backups(stick)
    assert str(first.path) in made.stdout and "بررسی‌شده" in made.stdout
    assert first.path.name.startswith("daftar-12345678-")
    assert backup.check(first.path).counts["student"] == count(school, "student")
    assert not list(stick.glob("*.part")) and not list(stick.glob("*-wal"))

    demo_db.dispose()
    students = count(school, "student")
    add_student(school)  # work done after the backup
    assert count(school, "student") == students + 1
    done = daftar("--db", str(school), "restore", str(first.path))
    assert done.returncode == 0, done.stderr
    assert f"{students:,}".replace(",", "") in done.stdout.translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    assert "کنار گذاشته شد" in done.stdout
    assert count(school, "student") == students  # the backup's state
    (aside,) = tmp_path.glob("demo.before-restore-*.sqlite")
    assert count(aside, "student") == students + 1  # and the work after it, kept aside
    reopened = open_database(school)
    assert verify(reopened).ok
    reopened.dispose()


def test_restore_refuses_another_school_a_newer_version_and_damaged_files(demo_db, tmp_path):
    school = demo_db.path
    good = backup.make(demo_db, tmp_path / "b").path
    demo_db.dispose()
    before = digest(school)

    other = tmp_path / "other.sqlite"
    env = {"DAFTAR_PASSWORD": "a-long-password"}
    assert daftar("--db", str(other), "init", "--code", "87654321", "--name", "هنرستان دیگر",
                  "--district", "منطقه ۲", "--province", "تهران", env=env).returncode == 0
    foreign = backup.make(open_database(other), tmp_path / "o").path

    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    truncated = tmp_path / "cut.sqlite"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"these are not the grades you are looking for" * 100)
    tampered = tmp_path / "tampered.sqlite"
    tampered.write_bytes(good.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute("UPDATE audit_event SET reason = 'x' WHERE id = (SELECT min(id) FROM "
                     "audit_event)")

    cases = {foreign: "مدرسه دیگری", newer: "تازه‌تری", truncated: "آسیب دیده",
             garbage: "پشتیبان دفتر نیست", tampered: "رویدادهای", school: "خود پرونده مدرسه",
             tmp_path / "mistyped.sqlite": "پیدا نشد"}
    for path, words in cases.items():
        result = daftar("--db", str(school), "restore", str(path))
        assert result.returncode == 1, path
        assert words in result.stderr, (path, result.stderr)
        assert "Traceback" not in result.stderr
        assert digest(school) == before, path  # untouched
    assert not list(tmp_path.glob("demo.before-restore-*"))  # nothing was even set aside


def test_rotation_keeps_seven_daily_and_four_weekly():
    start = dt.datetime(2026, 9, 1, 8, 0)
    made = [start + dt.timedelta(days=d, hours=h) for d in range(60) for h in (0, 6)]
    keep = sorted(backup.kept(made))
    days = sorted({t.date() for t in made})
    # the newest of each of the last 7 days
    assert keep[-7:] == [dt.datetime.combine(d, dt.time(14, 0)) for d in days[-7:]]
    weekly = keep[:-7]
    assert len(weekly) == 4
    assert len({t.isocalendar()[:2] for t in weekly}) == 4
    assert all(t.date() < days[-7] for t in weekly)
    # each is the newest backup of its week
    for t in weekly:
        assert t == max(m for m in made if m.isocalendar()[:2] == t.isocalendar()[:2]
                        and m.date() < days[-7])
    assert backup.kept([]) == set()
    assert backup.kept(made[:3]) == set(made[:3]) - {made[0]}  # two days: newest of each


def test_backups_rotate_in_the_folder_and_a_cut_off_part_is_never_listed(demo_db, tmp_path):
    where = tmp_path / "b"
    where.mkdir()
    (where / ".daftar-12345678-20261201-101010.sqlite.part").write_bytes(b"half")
    (where / "daftar-99999999-20200101-000000.sqlite").write_bytes(b"another school's")
    base = dt.datetime(2026, 10, 1, 9, 0)
    for day in range(30):
        backup.make(demo_db, where, now=base + dt.timedelta(days=day))
    listed = backup.list_backups(where, "12345678")
    assert len(listed) == 7 + 4
    assert not list(where.glob("*.part"))
    assert (where / "daftar-99999999-20200101-000000.sqlite").exists()  # not ours: left alone
    assert backup.due(demo_db, now=dt.datetime.now(tz=dt.UTC)) is False
    assert backup.due(demo_db, now=dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1, hours=1))


@pytest.mark.postgres
def test_a_school_on_a_server_database_is_not_backed_up_as_a_file(pg_url, tmp_path):
    server = open_database(pg_url)
    try:
        assert backup.due(server) is False
        with pytest.raises(DaftarError) as e:
            backup.make(server, tmp_path)
        assert "pg_dump" in str(e.value)
        assert not list(tmp_path.iterdir())
    finally:
        server.dispose()


# --- kill -9 ----------------------------------------------------------------

CHILD = """
import sys
from desktop.models.db import open_database
from desktop.services import backup
action, school, other = sys.argv[1:4]
if action == "backup":
    db = open_database(school)
    print("ready", flush=True)
    while True:
        backup.make(db, other)
else:
    import pathlib
    a, b = other.split(",")
    print("ready", flush=True)
    while True:
        for source in (a, b):
            backup.restore(school, source)
            for aside in pathlib.Path(school).parent.glob("*.before-restore-*"):
                aside.unlink()
"""


def _kill_at_random(args: list[str], kills: int, rng: random.Random):
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE,
                                 cwd=ROOT)
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        yield


def _school_is_whole(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db = open_database(path)
    try:
        assert verify(db).ok
    finally:
        db.dispose()
    return count(path, "student")


def test_looking_at_an_open_school_file_keeps_its_locks(demo_db):
    """Opening or checking the school file again beside an open connection must not drop this
    process's POSIX locks on it (a Python ``open()`` + ``close()`` of the file does): another
    process would then take itself for the file's last user and delete the WAL and its index
    under the open connection, and later reads see a damaged file."""
    school = demo_db.path
    demo_db.dispose()
    conn = sqlite3.connect(school, isolation_level=None)  # open, idle: no transaction
    try:
        conn.execute("SELECT count(*) FROM student").fetchone()
        again = open_database(school)
        again.dispose()
        backup.check(school)
        writer = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                  "c.execute('UPDATE school SET name = name'); c.commit(); c.close()")
        subprocess.run([sys.executable, "-c", writer, str(school)], check=True)
        # the other process saw this one still holding the file: it left the WAL in place
        assert school.with_name(school.name + "-wal").exists()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_kill_9_during_backups_and_restores_never_damages_the_school_file(demo_db, tmp_path):
    rng = random.Random(1405)
    school = demo_db.path
    where = tmp_path / "b"
    state_a = backup.make(demo_db, where / "a").path
    demo_db.dispose()
    add_student(school)
    opened = open_database(school)
    state_b = backup.make(opened, where / "b").path
    opened.dispose()
    students_a, students_b = count(state_a, "student"), count(state_b, "student")

    for _ in _kill_at_random(["backup", str(school), str(where / "loop")], 12, rng):
        assert _school_is_whole(school) == students_b
        for b in backup.list_backups(where / "loop"):
            assert backup.check(b.path).counts["student"] == students_b  # every listed one
    seen = set()
    for _ in _kill_at_random(["restore", str(school), f"{state_a},{state_b}"], 12, rng):
        seen.add(_school_is_whole(school))
        assert seen <= {students_a, students_b}
    assert len(seen) == 2  # kills landed in both halves of the loop


def test_the_window_backs_up_restores_and_says_what_it_restored(demo_db, tmp_path, qtbot,
                                                                 monkeypatch):
    from desktop.services.auth import login
    from desktop.views import office_menu
    from desktop.views.main_window import MainWindow

    said: list[str] = []
    monkeypatch.setattr(office_menu, "inform", lambda _p, text: said.append(text))
    asked: list[str] = []
    monkeypatch.setattr(office_menu, "ask_yes", lambda _p, text: asked.append(text) or True)
    clerk = MainWindow(demo_db, login(demo_db, "clerk", "daftar"))
    qtbot.addWidget(clerk)
    assert clerk.office.backup_action.isEnabled()
    assert not clerk.office.restore_action.isEnabled()  # the principal's
    clerk.close()

    window = MainWindow(demo_db, login(demo_db, "principal", "daftar"))
    qtbot.addWidget(window)
    window.office.choose_folder(str(tmp_path / "usb"))
    assert "usb" in said[-1]
    status: list[str] = []
    window.office.said.connect(status.append)
    window.office.start_automatic()
    qtbot.waitUntil(lambda: any("daftar-12345678-" in s for s in status), timeout=20_000)
    # the audit chain is checked first (in English or Persian, by the translator loaded)
    assert status[0].startswith(("Audit trail intact", "دفتر رویدادها سالم است"))
    assert window.office.timer.isActive()
    (first,) = backup.list_backups(tmp_path / "usb")
    from desktop import __version__

    assert __version__ in to_ascii(window.office.about_text())

    school = demo_db.path
    students = count(school, "student")
    add_student(school)
    foreign = tmp_path / "foreign.sqlite"
    foreign.write_bytes(b"not a backup at all" * 50)
    assert window.office.restore(str(foreign)) is False
    assert "پشتیبان دفتر نیست" in said[-1] and not asked
    assert window.office.restore(str(first.path)) is True
    assert to_ascii(asked[-1]).count(str(students)) == 1
    assert "demo.before-restore-" in said[-1]
    assert count(school, "student") == students


def to_ascii(text: str) -> str:
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
