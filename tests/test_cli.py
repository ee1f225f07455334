"""The ``daftar`` command as a user runs it: a real process, a real file, exit codes."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.identity import is_valid_national_code


def daftar(*args: str, db: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DAFTAR_PASSWORD", None)
    if password is not None:
        env["DAFTAR_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "school.sqlite"
    done = daftar("demo", "--year", "1405", db=path)
    assert done.returncode == 0, done.stderr
    assert "۱۰۰۰ دانش‌آموز" in done.stdout
    return path


def test_demo_twice_is_refused(demo_file):
    done = daftar("demo", db=demo_file)
    assert done.returncode == 1
    assert "پیش‌تر برای مدرسه" in done.stderr
    done = daftar("--lang", "en", "demo", db=demo_file)
    assert done.returncode == 1 and "already belongs" in done.stderr


def test_init_validates_and_creates(tmp_path):
    path = tmp_path / "new.sqlite"
    bad = daftar("init", "--code", "۱۲۳", "--name", "دبستان", "--district", "۶",
                 "--province", "تهران", db=path)
    assert bad.returncode == 1 and "۸ رقم" in bad.stderr
    args = ("init", "--code", "۱۲۳۴۵۶۷۸", "--name", "دبستان امید", "--district", "منطقه ۶",
            "--province", "تهران", "--stages", "primary")
    no_password = daftar(*args, db=path)
    assert no_password.returncode == 1 and "DAFTAR_PASSWORD" in no_password.stderr
    short = daftar(*args, db=path, password="123")
    assert short.returncode == 1 and "دست‌کم" in short.stderr
    good = daftar(*args, db=path, password="secret-1")
    assert good.returncode == 0, good.stderr
    assert "دبستان امید" in good.stdout and "۱۲۳۴۵۶۷۸" in good.stdout
    users = daftar("users", db=path)
    assert users.stdout.startswith("principal\t")


def test_students_listing_in_persian_and_csv(demo_file, tmp_path):
    done = daftar("students", "--class", "دهم رياضي", db=demo_file)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("کد ملی") and lines[-1] == "۴۰ دانش‌آموز"
    assert all(ch not in "0123456789" for ch in "".join(lines[1:-1]))  # Persian digits only

    out = tmp_path / "students.csv"
    done = daftar("students", "--class", "دهم ریاضی", "--csv", str(out), db=demo_file)
    assert done.returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 40
    assert all(is_valid_national_code(r["national_code"]) for r in rows)
    assert all(r["class"] == "دهم ریاضی" for r in rows)


def test_grades_export(demo_file):
    done = daftar("grades", "--class", "دهم ریاضی", "--course", "فیزیک ۱", "--session", "DEY",
                  "--csv", "-", db=demo_file)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 80
    assert {r["component"] for r in rows} == {"c1", "f1"}
    assert all(r["value"] == "absent" or 0 <= float(r["value"]) <= 20 for r in rows)


@pytest.mark.parametrize("args,needle", [
    (("grades", "--class", "یازدهم هنر"), "پیدا نشد"),
    (("grades", "--class", "دهم ریاضی", "--course", "نجوم"), "پیدا نشد"),
])
def test_bad_input_exits_one_with_a_persian_message(demo_file, args, needle):
    done = daftar(*args, db=demo_file)
    assert done.returncode == 1
    assert done.stderr.startswith("خطا:") and needle in done.stderr


def test_malformed_command_line_exits_two(demo_file):
    done = daftar("grades", "--session", "NOWRUZ", "--class", "x", db=demo_file)
    assert done.returncode == 2


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database", encoding="utf-8")
    done = daftar("classes", db=path)
    assert done.returncode == 1 and "پایگاه داده دفتر نیست" in done.stderr
    assert path.read_text(encoding="utf-8") == "not a database"
