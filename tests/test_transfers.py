"""A student transferred between two schools through a real central server (issue 23,
point 3): two real school files made from nothing, the reference centre on PostgreSQL
over real HTTP on loopback.

Mid-year: the sending school's Dey grades reach the centre, the student leaves with a
slip, the receiving school finds them by national code, enrols them, and its cards count
the Dey grades from the old school once (never written again here) and say where they
were earned; the sending school hears of the arrival from its feed, days later.  Refused:
a transfer of a student the centre knows as another school's, an arrival for a school the
transfer does not name, a student enrolled twice.
"""

from __future__ import annotations

import jdatetime
import pytest
from pypdf import PdfReader

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError, ValidationError
from desktop.domain.identity import make_national_code
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, SheetState
from desktop.models.db import open_database
from desktop.services import approvals, certificates, school_key, setup, sync, transfers
from desktop.services.arrivals import find_incoming
from desktop.services.class_grades import read_class
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.enrollment import enroll
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
from desktop.services.school import create_school, list_classes
from desktop.services.students import StudentInput, add_student, search_students
from tests.conftest import fixed
from tests.test_documents import same, strings
from tests.test_year_end import fill

A, B = "29153406", "29153414"
OPENING = jdatetime.date(1405, 7, 1)


def _school(path, code: str, name: str, people: int, first: int):  # type: ignore[no-untyped-def]
    db = fixed(open_database(path))
    create_school(db, code, name, "ناحیه ۲", "قم", ["upper_secondary"], year=1405)
    setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", count=1)
    (klass,) = list_classes(db)
    ids = []
    for n in range(first, first + people):
        st = add_student(db, StudentInput(f"نام{n}", f"خانواده{n}", "پدر", "F", "1389/01/01",
                                          "قم", national_code=make_national_code(f"{n:09d}")))
        enroll(db, st.id, klass.id, on=OPENING.togregorian())
        ids.append(st.id)
    with db.unit() as s:
        school_key.set_passphrase(s, "school-seal-1")
    return db, klass, ids


def _send_dey(db, klass, only=None) -> None:  # type: ignore[no-untyped-def]
    sheets = fill(db, klass.id, SessionKind.DEY, only=only)
    approvals.move(db, sheets, Action.QUEUE, PRINCIPAL_ACTOR)


@pytest.fixture
def two_schools(central, tmp_path):  # type: ignore[no-untyped-def]
    a = _school(tmp_path / "a.sqlite", A, "دبیرستان نمونه", 3, 1)
    b = _school(tmp_path / "b.sqlite", B, "دبیرستان فرزانگان", 2, 100)
    for (db, _k, _i), code, name in ((a, A, "دبیرستان نمونه"), (b, B, "دبیرستان فرزانگان")):
        enrol = central.add_school(code, name, "قم", "ناحیه ۲")
        sync.connect(db, central.url, enrol, PRINCIPAL_ACTOR)
    yield a, b
    for db, _k, _i in (a, b):
        db.dispose()


def test_a_student_moves_mid_year_and_their_grades_count_once(two_schools, tmp_path):
    (a_db, a_class, (moving, _x, _y)), (b_db, b_class, b_ids) = two_schools
    _send_dey(a_db, a_class)
    assert sync.run(a_db).ok
    identity = make_national_code("000000001")

    # not yet filed: the receiving school finds nothing, and says why
    with pytest.raises(DaftarError) as nothing:
        find_incoming(b_db, identity)
    assert "انتقالی به این مدرسه" in nothing.value.message()

    slip = transfers.transfer_out(a_db, PRINCIPAL_ACTOR, moving, B,
                                  jdatetime.date(1405, 9, 1), "جابه‌جایی خانواده")
    assert slip.slip == "05000001" and "صف" in slip.state_fa
    # the slip the family carries: who, where to, and the year's grades given here
    paper = tmp_path / "slip.pdf"
    assert transfers.print_slip(a_db, slip.id, paper, PRINCIPAL_ACTOR) == 1
    printed = [n for _x, _y, _s, n in strings(PdfReader(paper).pages[0])]
    for said in ("برگۀ انتقال تحصیلی", "فارسی 1", "مستمر نوبت اول", "پایانی نوبت اول", "16"):
        assert any(same(n, said) for n in printed), said
    lines = " ".join(printed)
    for said in ("05000001", "نام1", "خانواده1", B):  # inside the lines under the title
        assert any(same(word.strip("،.«»"), said) for word in lines.split()), said
    assert moving not in {st.id for st in search_students(a_db, class_id=a_class.id)}
    with pytest.raises(ValidationError):  # gone from A: not sent twice
        transfers.transfer_out(a_db, PRINCIPAL_ACTOR, moving, B)
    report = sync.run(a_db)
    assert report.ok, report.failure
    assert transfers.list_transfers(a_db)[0].sent

    # B finds them on the centre with the grades it holds, and enrols them
    incoming = find_incoming(b_db, identity)
    assert (incoming.from_school, incoming.from_name, incoming.slip) == (
        A, "دبیرستان نمونه", "05000001")
    assert incoming.details["first"] == "نام1" and incoming.details["class"] == "دهم ریاضی 1"
    dey = [g for g in incoming.grades if g["session"] == "DEY"]
    assert dey and {g["value"] for g in dey} == {"16"}
    arrived = transfers.transfer_in(b_db, PRINCIPAL_ACTOR, incoming, b_class.id,
                                    jdatetime.date(1405, 9, 1))
    with pytest.raises(ValidationError) as twice:
        transfers.transfer_in(b_db, PRINCIPAL_ACTOR, incoming, b_class.id)
    assert twice.value.code == "transfer.arrived"

    # B's Dey sheet: their cells from A, shown, counted, never written again here
    with pytest.raises(DaftarError) as pasted:  # the whole class pasted: the newcomer's refused
        fill(b_db, b_class.id, SessionKind.DEY)
    assert "مدرسهٔ پیشین" in pasted.value.message() and "نام۱ خانواده۱" in pasted.value.message()
    _send_dey(b_db, b_class, set(b_ids))  # complete without writing the newcomer's cells
    course = setup.grade_courses(b_db, 10, "math")[0]
    sheet = open_sheet(b_db, b_class.id, course.id, SessionKind.DEY)
    data = read_sheet(b_db, sheet)
    row = next(r for r in data.rows if r.student_id == arrived)
    assert row.cells["c1"] == 16 and row.outcome.grade == 16
    assert data.state is SheetState.QUEUED
    khordad = fill(b_db, b_class.id, SessionKind.KHORDAD, approve=False)
    with pytest.raises(ValidationError) as again:
        write_grades(b_db, khordad[0], [CellEdit(arrived, "c1", "20")], PRINCIPAL_ACTOR)
    assert again.value.code == "sheet.component"  # a Dey column is not the Khordad sheet's
    # the year's result reads A's Dey and B's Khordad: once each
    (result,) = [r for r in read_class(b_db, b_class.id) if r.course_id == course.id]
    assert result.rows[arrived].grade == 16
    for action in (Action.SUBMIT,):
        approvals.move(b_db, khordad, action, PRINCIPAL_ACTOR)

    # B's card for them says where the Dey grades were earned
    out = tmp_path / "card.pdf"
    keep: list = []
    certificates.issue_class(b_db, b_class.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                             PRINCIPAL_ACTOR, out, student_ids=[arrived], keep=keep)
    (doc,) = keep
    assert any("دبیرستان نمونه" in n and A in n and "نوبت اول" in n for n in doc.notes)
    assert len(PdfReader(out).pages) == 1

    # the arrival goes to the centre; A hears of it when it next connects
    report = sync.run(b_db)
    assert report.ok, (report.failure, report.refused)
    assert transfers.list_transfers(a_db)[0].arrived_on is None
    assert sync.run(a_db).ok
    (sent,) = [t for t in transfers.list_transfers(a_db) if t.direction == "out"]
    assert sent.arrived_on == jdatetime.date(1405, 9, 1) and "رسید" in sent.state_fa
    assert sent.other_name == "دبیرستان فرزانگان"
    # the same on the command line
    done = _daftar(a_db, "transfer", "list")
    assert done.returncode == 0 and "۰۵۰۰۰۰۰۱" in done.stdout and "به مدرسهٔ مقصد رسید" in \
        done.stdout


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    import os

    if os.environ.get("DAFTAR_SHOTS"):
        widget.show()
        widget.grab().save(os.path.join(os.environ["DAFTAR_SHOTS"], name))


def _daftar(db, *args: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop", "--db", db.engine.url.database,
                           *args], capture_output=True, text=True, env=env, timeout=120)


def test_a_transfer_of_another_schools_student_is_refused(two_schools):
    (a_db, a_class, _a_ids), (b_db, b_class, (theirs, _other)) = two_schools
    _send_dey(b_db, b_class)   # the centre knows the student as B's
    assert sync.run(b_db).ok
    with b_db.unit() as s:
        from desktop.models.entities import Student

        code = s.get(Student, theirs).national_code
    # A, by mistake or not, has a student with the same national code and sends them off
    st = add_student(a_db, StudentInput("کسی", "دیگر", "پدر", "F", "1389/01/01", "قم",
                                        national_code=code))
    enroll(a_db, st.id, a_class.id, on=OPENING.togregorian())
    transfers.transfer_out(a_db, PRINCIPAL_ACTOR, st.id, B, jdatetime.date(1405, 9, 1))
    report = sync.run(a_db)
    assert not report.ok and any("مدرسهٔ دیگری" in r for r in report.refused), report
    # and a school the transfer does not name finds nothing
    with pytest.raises(DaftarError) as e:
        find_incoming(b_db, code)
    assert "انتقالی به این مدرسه" in e.value.message()
    done = _daftar(b_db, "transfer", "find", "--student", code)
    assert done.returncode == 1 and "انتقالی به این مدرسه" in done.stderr


def test_a_transfer_from_the_windows_of_both_schools(two_schools, qtbot, monkeypatch,
                                                    tmp_path):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from desktop.app import install_fonts, install_translators
    from desktop.domain.text import to_persian_digits
    from desktop.views import import_dialog
    from desktop.views.enrollment_dialog import EnrollmentDialog
    from desktop.views.student_dialog import StudentDialog

    (a_db, a_class, (moving, *_rest)), (b_db, b_class, _b_ids) = two_schools
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")
    told: list[str] = []
    monkeypatch.setattr(import_dialog, "inform", lambda _p, text: told.append(text))
    from desktop.views import files

    slip_file = tmp_path / "slip.pdf"
    monkeypatch.setattr(files, "ask_save_file", lambda *_a: str(slip_file))
    save = QDialogButtonBox.StandardButton.Save

    # A: the move-or-leave dialog sends the student to B, and says the slip's number
    student = next(st for st in search_students(a_db, class_id=a_class.id) if st.id == moving)
    out = EnrollmentDialog(a_db, 1405, student, PRINCIPAL_ACTOR)
    qtbot.addWidget(out)
    out.transfer.setChecked(True)
    assert out.to_school.isEnabled() and not out.klass.isEnabled()
    out.to_school.setText("۲۹۱۵۳۴۰۶")  # its own code: refused, the dialog stays
    out.day.setText("۱۴۰۵/۰۹/۰۱")
    out.buttons.button(save).click()
    assert "همین مدرسه" in out.message.text() and out.slip is None
    out.to_school.setText(to_persian_digits(B))
    _shot(out, "transfer_out.png")
    out.buttons.button(save).click()
    assert out.slip == "05000001" and "۰۵۰۰۰۰۰۱" in told[-1] and out.result()
    assert slip_file.stat().st_size > 0 and str(slip_file) in told[-1]
    assert sync.run(a_db).ok

    # B: New student → from another school: found by national code, enrolled
    new = StudentDialog(b_db, 1405, actor=PRINCIPAL_ACTOR)
    qtbot.addWidget(new)
    assert not new.arriving_button.isHidden()
    inbound = new.arriving()
    inbound.identity.setText("۰۰۰۰۰۰۰۰۱۸")  # a wrong check digit: said, nothing asked
    inbound.find_button.click()
    assert inbound.message.text() and not inbound.buttons.button(save).isEnabled()
    inbound.identity.setText(to_persian_digits(make_national_code("000000001")))
    inbound.find_button.click()
    assert inbound.message.text() == "", inbound.message.text()
    assert "دبیرستان نمونه" in inbound.details.text() and "۰۵۰۰۰۰۰۱" in inbound.details.text()
    assert inbound.grades.rowCount() == 0  # A sent no sheet yet: nothing held at the centre
    inbound.klass.setCurrentIndex(inbound.klass.findData(b_class.id))
    _shot(inbound, "transfer_in.png")
    inbound.day.setText("۱۴۰۵/۰۹/۰۱")
    inbound.buttons.button(save).click()
    assert inbound.result() and new.result() and inbound.student_id is not None
    assert inbound.student_id in {st.id for st in search_students(b_db, class_id=b_class.id)}
