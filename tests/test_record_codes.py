"""The 19-digit academic-record code end to end: the demo school's students sent to a real
central server, a code asked for by the office (command line, slip PDF) and on the public
page; the same person always gets the same code; wrong identities and other schools'
students are refused with the reason and nothing is issued."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from desktop.domain.errors import DaftarError
from desktop.domain.record_code import PROVINCES, is_ours, make_record_code, province_number
from desktop.domain.text import to_persian_digits
from desktop.models.entities import Student
from desktop.services import record_codes, sync
from desktop.services.context import PRINCIPAL_ACTOR
from tests.central_rig import ROOT

pytestmark = pytest.mark.postgres


def test_our_layout_checks_its_digit_and_keeps_the_province() -> None:
    code = make_record_code("استان تهران", 1405, rng=lambda n: 123456789012 % n)
    assert code == f"{province_number('تهران'):02d}1405123456789012{code[-1]}"
    assert len(code) == 19 and is_ours(code) and len(PROVINCES) == 31
    for i in range(19):   # any one digit wrong fails the check
        wrong = code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1:]
        assert not is_ours(wrong)
    assert make_record_code("جای ناشناخته", 1405).startswith("001405")


def sent_students(db) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(national code, birth serial) of students without a code, whose rows were sent."""
    assert sync.run(db).ok
    with db.unit() as s:
        rows = s.execute(select(Student.national_code, Student.birth_cert_serial).where(
            Student.record_code.is_(None), Student.national_code.is_not(None),
            Student.birth_cert_serial.is_not(None))).all()
    return [tuple(r) for r in rows]


def test_the_office_and_the_page_get_the_same_one_code(enrolled, central, tmp_path: Path
                                                       ) -> None:
    students = sent_students(enrolled)
    national, serial = students[0]
    code, before = record_codes.request(enrolled, PRINCIPAL_ACTOR, national)
    assert is_ours(code) and code[:2] == "08" and not before      # تهران
    assert record_codes.request(enrolled, PRINCIPAL_ACTOR, national) == (code, True)
    # on the public page, the person themselves: the same code, in Persian digits
    page = httpx.post(central.url + "/record-code",
                      data={"kind": "national", "value": national, "secret": serial})
    assert page.status_code == 200 and to_persian_digits(code[:5]) in page.text
    assert "پیش‌تر" in page.text
    # a wrong serial or an unknown person: refused, logged, nothing issued
    for value, secret in ((national, "ب/۱۲ ۳۴۵۶۷۸"), ("0012345679", serial)):
        refused = httpx.post(central.url + "/record-code",
                             data={"kind": "national", "value": value, "secret": secret})
        assert refused.status_code == 403 and "کد سابقۀ تحصیلی داده نشد" in refused.text
    with central.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM record_code")).scalar_one() == 1
        logged = dict(conn.execute(text("SELECT status, count(*) FROM inquiry "
                                        "WHERE channel IN ('record', 'school') "
                                        "GROUP BY status")).all())
    assert logged == {"issued": 2, "refused": 2}   # the office asked once: it keeps the code
    # the slip
    slip = tmp_path / "slip.pdf"
    assert record_codes.slip(enrolled, national, slip) == code
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(slip),
                    str(tmp_path / "slip")], check=True)
    # another school's office may not ask for this school's student
    central.add_school("87654321", "دبیرستان دیگر", "فارس", "ناحیه ۱ شیراز")
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE student SET school_code = '87654321' WHERE identity = :i"),
                     {"i": students[1][0]})
    with pytest.raises(DaftarError, match="مدرسۀ دیگری"):
        record_codes.request(enrolled, PRINCIPAL_ACTOR, students[1][0])


def test_record_code_from_the_command_line(enrolled, central, tmp_path: Path) -> None:
    national, _serial = sent_students(enrolled)[2]
    path = Path(enrolled.engine.url.database)
    enrolled.dispose()
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), "--lang",
                           "en", "record-code", national, "--out", str(tmp_path / "s.pdf")],
                          cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, DAFTAR_PASSWORD="daftar"))
    assert done.returncode == 0, done.stderr
    code = done.stdout.split("record code: ")[1].split()[0]
    assert is_ours(code) and (tmp_path / "s.pdf").stat().st_size > 3000
    missing = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path),
                              "record-code", "0012345679"], cwd=ROOT, capture_output=True,
                             text=True, env=dict(os.environ, DAFTAR_PASSWORD="daftar"))
    assert missing.returncode == 1 and "دانش‌آموز" in missing.stderr
