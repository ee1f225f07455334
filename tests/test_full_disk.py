"""A full disk and damaged school files: a clear Persian message, nothing half written, the
program going on.  Real tmpfs mounts (root, as in CI) filled with a real file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError
from desktop.domain.verification import DocumentKind
from desktop.models.db import open_database
from desktop.models.entities import CertificatePrint, Student
from desktop.services import auth, backup, school_key
from desktop.services import certificates as C
from desktop.services.audit import verify
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
from desktop.services.school import find_class, find_course
from desktop.services.workbook import apply_students, plan_students

from .conftest import fixed
from .faults import digest, fill, remount_read_only, small_disk, students_workbook
from .test_records_cli import daftar

ROOT = Path(__file__).resolve().parent.parent


def test_a_full_disk_refuses_entry_import_backup_and_printing_and_nothing_is_half_written(
        demo_path, tmp_path):
    book = students_workbook(tmp_path / "students.xlsx", 1000)
    with small_disk(tmp_path / "disk", "12m") as disk:
        school = disk / "school.sqlite"
        shutil.copy(demo_path, school)
        db = fixed(open_database(school))
        school_key.unlock(db, "daftar")
        clerk = auth.login(db, "clerk", "daftar")
        klass = find_class(db, "دهم ریاضی")
        sheet = open_sheet(db, klass.id, find_course(db, "فیزیک ۱", klass.id).id,
                           SessionKind.KHORDAD)
        student = read_sheet(db, sheet).rows[0].student_id
        before = read_sheet(db, sheet).rows[0].cells.get("c2")
        plan = plan_students(db, book, 1405)
        with db.unit() as s:
            students = s.scalar(select(func.count()).select_from(Student))
            prints = s.scalar(select(func.count()).select_from(CertificatePrint))
        filler = fill(disk)

        refusals = {}
        with pytest.raises(DaftarError) as e:
            write_grades(db, sheet, [CellEdit(student, "c2", "7.25")], clerk)
        refusals["entry"] = e.value
        with pytest.raises(DaftarError) as e:
            apply_students(db, plan, clerk)
        refusals["import"] = e.value
        with pytest.raises(DaftarError) as e:
            backup.make(db, disk / "backups")
        refusals["backup"] = e.value
        dey_class = find_class(db, "هفتم ب")
        with pytest.raises(DaftarError) as e:
            C.issue_class(db, dey_class.id, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                          disk / "cards.pdf")
        refusals["print"] = e.value
        for what, refusal in refusals.items():
            message = str(refusal)
            assert "پر است" in message or "نوشته نشد" in message, (what, message)
            assert "Error" not in message and "sqlite" not in message.lower(), (what, message)
        assert not list(disk.glob("backups/.*part")) and not list(disk.glob("tmp*.pdf"))

        filler.unlink()  # space again: the same program goes on
        assert read_sheet(db, sheet).rows[0].cells.get("c2") == before  # nothing half written
        with db.unit() as s:
            assert s.scalar(select(func.count()).select_from(Student)) == students
            assert s.scalar(select(func.count()).select_from(CertificatePrint)) == prints
        write_grades(db, sheet, [CellEdit(student, "c2", "7.25")], clerk)
        assert apply_students(db, plan_students(db, book, 1405), clerk)["add"] == 1000
        assert verify(db).ok
        db.dispose()
        with sqlite3.connect(school) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damaged_foreign_newer_and_read_only_files_are_refused_at_start_untouched(
        demo_path, tmp_path):
    good = tmp_path / "good.sqlite"
    shutil.copy(demo_path, good)
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"PK\x03\x04 a spreadsheet, not a school" * 200)
    newer = tmp_path / "newer.sqlite"
    shutil.copy(good, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the change in the file itself
    cases = {cut: "آسیب دیده", garbage: "پایگاه داده دفتر نیست", newer: "تازه‌تری"}
    for path, words in cases.items():
        before = digest(path)
        done = daftar(path, "classes")
        assert done.returncode == 1, (path, done.stdout)
        assert words in done.stderr and "Traceback" not in done.stderr, (path, done.stderr)
        assert digest(path) == before, path
    with small_disk(tmp_path / "ro", "8m") as disk:
        school = disk / "school.sqlite"
        shutil.copy(good, school)
        before = digest(school)
        remount_read_only(disk)
        done = daftar(school, "classes")
        assert done.returncode == 1 and "فقط‌خواندنی" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert digest(school) == before


def test_the_window_refuses_a_file_that_now_holds_another_school(demo_path, tmp_path):
    from desktop.app import open_default
    from desktop.services import settings

    school = tmp_path / "school.sqlite"
    shutil.copy(demo_path, school)
    settings.choose_database(str(school))
    open_default(None).dispose()  # remembered: this PC's school is the demo's 12345678
    other = tmp_path / "other.sqlite"
    env = {"DAFTAR_PASSWORD": "a-long-password"}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(other), "init",
                           "--code", "87654321", "--name", "هنرستان دیگر", "--district", "۲",
                           "--province", "تهران"], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, **env})
    assert done.returncode == 0, done.stderr
    shutil.copy(other, school)  # someone copied another school's file over this PC's
    before = digest(school)
    try:
        with pytest.raises(DaftarError) as e:
            open_default(None)
        assert e.value.code == "db.other_school"
        assert "هنرستان دیگر" in str(e.value) and "۱۲۳۴۵۶۷۸" in str(e.value)
        assert digest(school) == before
        settings.accept_school(str(school))  # `daftar database --accept`: it is intended
        open_default(None).dispose()
    finally:
        settings.choose_database(None)
