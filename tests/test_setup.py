"""A real school from nothing: the curriculum as data, a year set up through the command
line (and the Setup page), students from a workbook into the classes made, teachers who see
only their courses, a sheet approved and report cards whose courses are the curriculum's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind
from desktop.domain.curriculum import class_of_name, curriculum_for, parse, versions
from desktop.domain.errors import DaftarError, ValidationError
from desktop.domain.identity import make_national_code
from desktop.domain.text import to_persian_digits
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, Role, SheetState
from desktop.models.db import open_database
from desktop.models.entities import AuditEvent, ClassGroup, Course, Teaching
from desktop.services import approvals, auth, school_key, setup
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
from desktop.services.school import create_school, find_class, find_course, list_classes
from desktop.services.students import search_students
from tests.conftest import fixed
from tests.test_documents import same, strings

PASSWORD = "secret-1"
CODE = "29153406"


def daftar(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONIOENCODING": "utf-8", "DAFTAR_PASSWORD": PASSWORD, **env}
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args],
                          capture_output=True, text=True, env=environ, timeout=120)


# --- the curriculum as data -------------------------------------------------------------

def test_the_curriculum_names_a_source_for_every_course_and_holds_the_councils_table():
    (version,) = versions()
    assert curriculum_for(1405) is version and curriculum_for(1390) is version
    for grade, track in version.offered():
        for spec in version.courses(grade, track):
            assert spec.source in version.sources and spec.confidence in "HML"
            assert 0 <= spec.units <= 4 and spec.name
            assert (spec.units == 0) == (spec.discipline or grade <= 6)
    # the 12th-grade final-exam table as read (rows 1-8, and biology in science)
    found = {s.key: (s.units, s.national_exam) for s in version.courses(12, "math")
             if s.source == "council-12-final"}
    assert found == {"religion3": (2, True), "arabic3": (2, True), "farsi3": (2, True),
                     "english3": (4, True), "health": (2, True), "calculus2": (3, True),
                     "geometry3": (2, True), "discrete": (2, True)}
    science = {s.key: s.units for s in version.courses(12, "science")}
    assert science["biology3"] == 4 and science["math3"] == 4
    # 10th and 11th grades are not marked national: their table was not found
    assert not any(s.national_exam for g in (10, 11) for t in version.tracks(g)
                   for s in version.courses(g, t))
    assert all(s.confidence == "L" for s in version.courses(10, "math"))


@pytest.mark.parametrize("grade, track, code", [
    (7, "math", "setup.no_tracks"), (10, None, "setup.track_needed"),
    (11, "islamic", "setup.track"), (13, None, "setup.grade"), (0, None, "setup.grade")])
def test_a_track_the_grade_has_not_is_refused_in_persian(grade, track, code):
    with pytest.raises(ValidationError) as e:
        curriculum_for(1405).courses(grade, track)
    assert e.value.code == code and e.value.message().isascii() is False


def test_a_broken_curriculum_file_is_refused_whole():
    good = {"version": "x", "from_year": 1400, "title": "t",
            "sources": {"s": {"title": "t", "where": "w", "confidence": "H"}},
            "tracks": {"10": ["math"]},
            "programmes": [{"grades": [10], "track": "math", "source": "s",
                            "courses": [["a", "الف", 2], ["b", "ب", 2]]}]}
    assert parse(good).courses(10, "math")[1].name == "ب"
    twice = {**good, "programmes": [{**good["programmes"][0],
                                     "courses": [["a", "الف", 2], ["a", "ب", 2]]}]}
    unknown = {**good, "programmes": [{**good["programmes"][0], "source": "nowhere"}]}
    primary_numeric = {**good, "tracks": {}, "programmes": [
        {"grades": [3], "source": "s", "courses": [["a", "الف", 0]]}]}
    for bad in (twice, unknown, primary_numeric):
        with pytest.raises(ValueError):
            parse(bad)


def test_a_class_name_says_its_grade_and_track():
    c = curriculum_for(1405)
    assert class_of_name("دهم ریاضی ۱", c) == (10, "math")
    assert class_of_name("دوازدهم تجربی ۳", c) == (12, "science")
    assert class_of_name("هفتم الف", c) == (7, None)
    assert class_of_name("دهم الف", c) is None  # a 10th-grade class needs its track
    assert class_of_name("کلاس ویژه", c) is None


# --- the setup service: bad input changes nothing ---------------------------------------

@pytest.fixture
def school(db):
    create_school(db, CODE, "دبیرستان نمونه", "ناحیه ۲", "قم", ["upper_secondary"], year=1405)
    return db


def _events(db) -> int:
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_setup_refusals_change_nothing(school):
    db = school
    made = setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", count=2)
    assert [c.name for c in made] == ["دهم ریاضی 1", "دهم ریاضی 2"]
    assert {c.code for c in setup.grade_courses(db, 10, "math")} == {
        s.code(10, "math") for s in curriculum_for(1405).courses(10, "math")}
    before = _events(db), len(list_classes(db))
    refusals = [
        lambda: setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", names=["دهم رياضي ۱"]),
        lambda: setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", names=["الف", "الف"]),
        lambda: setup.make_classes(db, PRINCIPAL_ACTOR, 10, "biology", count=1),
        lambda: setup.make_classes(db, PRINCIPAL_ACTOR, 8, None, count=1),  # not this school's
        lambda: setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", count=0),
        lambda: setup.make_classes(db, auth.Actor("c", "c", Role.CLERK), 10, "math", count=1),
        lambda: setup.add_local_course(db, PRINCIPAL_ACTOR, 11, "math", "رباتیک", 1),  # not open
        lambda: setup.add_local_course(db, PRINCIPAL_ACTOR, 10, "math", "رباتیک", 5),
        lambda: setup.add_local_course(db, PRINCIPAL_ACTOR, 10, "math", "فیزیک ۱", 1),
        lambda: setup.remove_course(db, PRINCIPAL_ACTOR, find_course(db, "فیزیک ۱").id),
    ]
    for refused in refusals:
        with pytest.raises(DaftarError) as e:
            refused()
        assert any("\u0600" <= ch <= "\u06ff" for ch in e.value.message()), e.value.code
    assert (_events(db), len(list_classes(db))) == before

    # a local course: added, marked, out of the average with 0 units, removed while empty
    local = setup.add_local_course(db, PRINCIPAL_ACTOR, 10, "math", "رباتیک", 0)
    with db.unit() as s:
        row = s.get(Course, local.id)
        assert row.local and row.curriculum is None and local.code == "10-math-local1"
    klass = find_class(db, "دهم ریاضی ۱")
    setup.remove_course(db, PRINCIPAL_ACTOR, local.id)
    # a course with grades is never removed; an official one neither
    teacher = auth.create_user(db, "t1", "معلم فیزیک", Role.TEACHER, PASSWORD, PRINCIPAL_ACTOR)
    other_track = setup.make_classes(db, PRINCIPAL_ACTOR, 10, "science", count=1)[0]
    biology = find_course(db, "زیست‌شناسی ۱", other_track.id)
    with pytest.raises(ValidationError) as e:  # a course the class does not take
        auth.assign_course(db, teacher.id, klass.id, biology.id, PRINCIPAL_ACTOR)
    assert e.value.code == "setup.teaching_course"
    with db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Teaching)) == 0
    setup.remove_class(db, PRINCIPAL_ACTOR, other_track.id)
    assert [c.name for c in list_classes(db)] == ["دهم ریاضی 1", "دهم ریاضی 2"]


# --- a whole school through the command line --------------------------------------------

def _students_workbook(path: Path, classes: list[str], per_class: int) -> list[str]:
    wb = Workbook()
    ws = wb.active
    ws.append(["کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "محل تولد",
               "کلاس"])
    codes = []
    n = 0
    for klass in classes:
        grade = class_of_name(klass, curriculum_for(1405))[0]
        for i in range(per_class):
            n += 1
            code = make_national_code(f"{n + 100_000_000:09d}")
            codes.append(code)
            ws.append([code, "سارا", f"احمدی{to_persian_digits(i)}", "علی", "دختر",
                       f"{1405 - grade - 6}/07/{1 + i % 28:02d}", "قم", klass])
    wb.save(path)
    return codes


def test_a_school_from_nothing_through_the_command_line(tmp_path):
    path = tmp_path / "school.sqlite"
    done = daftar("init", "--code", CODE, "--name", "دبیرستان دخترانهٔ نمونه", "--district",
                  "ناحیه ۲ قم", "--province", "قم", "--year", "1405", db=path)
    assert done.returncode == 0, done.stderr
    for grade in (10, 11, 12):
        for track in ("math", "science"):
            done = daftar("setup", "classes", "--grade", str(grade), "--track", track,
                          "--count", "2", db=path)
            assert done.returncode == 0, done.stderr
    assert "دهم ریاضی ۱، دهم ریاضی ۲" in daftar("setup", "show", db=path).stdout
    # refused, each in Persian, and nothing made
    for args, words in ((("--grade", "10", "--track", "math", "--names", "دهم ریاضی ۱"),
                         "پیش‌تر هست"),
                        (("--grade", "11", "--track", "islamic", "--count", "1"), "ندارد"),
                        (("--grade", "8", "--count", "1"), "متوسطه اول"),
                        (("--grade", "10", "--count", "1"), "یکی را برگزینید")):
        refused = daftar("setup", "classes", *args, db=path)
        assert refused.returncode == 1 and words in refused.stderr, refused.stderr
    for user, role in (("t1", "teacher"), ("t2", "teacher"), ("deputy", "deputy"),
                       ("clerk", "clerk")):
        done = daftar("users", "--add", user, "--name", f"کاربر {user}", "--role", role,
                      db=path, DAFTAR_NEW_PASSWORD=PASSWORD)
        assert done.returncode == 0, done.stderr
    for course, teacher in (("فیزیک ۱", "t1"), ("شیمی ۱", "t2")):
        done = daftar("teaching", "--class", "دهم ریاضی ۱", "--course", course, "--teacher",
                      teacher, db=path)
        assert done.returncode == 0, done.stderr
    listed = daftar("teaching", "--class", "دهم ریاضی ۱", db=path).stdout
    assert "10-math-physics1\tفیزیک ۱\tکاربر t1" in listed
    refused = daftar("teaching", "--class", "دهم ریاضی ۱", "--course", "فارسی ۱",
                     "--teacher", "clerk", db=path)
    assert refused.returncode == 1 and "معلم" in refused.stderr

    db = fixed(open_database(path))
    try:
        assert len(list_classes(db)) == 12
        _students_and_a_sheet(db, tmp_path)
    finally:
        db.dispose()


def _students_and_a_sheet(db, tmp_path: Path) -> None:
    from desktop.services import certificates, workbook

    names = [c.name for c in list_classes(db)] + ["دوازدهم تجربی ۳"]
    book = tmp_path / "students.xlsx"
    codes = _students_workbook(book, names, 300 // len(names) + 1)
    plan = workbook.plan_students(db, book, 1405)
    assert plan.refused == 0 and plan.count(workbook.Action.ADD) == len(codes)
    assert any("کلاس تازهٔ «دوازدهم تجربی 3»" in d for r in plan.rows for d in r.details)
    assert len(list_classes(db)) == 12  # a dry run makes nothing
    clerk = auth.login(db, "clerk", PASSWORD)
    with pytest.raises(DaftarError):  # a clerk may not make a class: nothing imported
        workbook.apply_students(db, plan, clerk)
    assert all(c.students == 0 for c in list_classes(db))
    principal = auth.login(db, "principal", PASSWORD)
    workbook.apply_students(db, plan, principal)
    classes = {c.name: c for c in list_classes(db)}
    assert sum(c.students for c in classes.values()) == len(codes) >= 300
    again = tmp_path / "again.xlsx"  # an enrolled student named in a class yet to be made
    _students_workbook(again, ["دهم ریاضی ۳"], 1)
    (row,) = workbook.plan_students(db, again, 1405).rows
    where = next(c.name for c in classes.values() if c.students and
                 any(st.national_code == codes[0] for st in search_students(db, class_id=c.id)))
    assert row.action == workbook.Action.REFUSE
    assert f"در کلاس «{to_persian_digits(where)}»" in row.details[0]  # refused with where
    assert classes["دوازدهم تجربی 3"].grade_level == 12

    # the teacher sees and edits only the courses given to them
    klass = classes["دهم ریاضی 1"]
    sheets = {c.name: open_sheet(db, klass.id, c.id, SessionKind.DEY)
              for c in setup.grade_courses(db, 10, "math")}
    t1 = auth.login(db, "t1", PASSWORD)
    mine = approvals.queue(db, t1, 1405)
    assert [s.course_name for s in mine] == ["فیزیک 1"]
    deputy = auth.login(db, "deputy", PASSWORD)
    for name, sheet in sheets.items():
        data = read_sheet(db, sheet)
        who = t1 if name == "فیزیک 1" else principal
        edits = [CellEdit(r.student_id, col.code, "0" if "discipline" in col.code else
                          str(12 + (i + j) % 8))
                 for i, r in enumerate(data.rows) for j, col in enumerate(data.columns)
                 if col.editable]
        if name == "انضباط":
            edits = [CellEdit(e.student_id, e.component, "19") for e in edits]
        write_grades(db, sheet, edits, who)
        approvals.move(db, [sheet], Action.SUBMIT, who)
    with pytest.raises(DaftarError):
        write_grades(db, sheets["فارسی 1"], [CellEdit(data.rows[0].student_id, "c1", "20")],
                     t1)
    approvals.move(db, list(sheets.values()), Action.REVIEW, deputy)
    approvals.move(db, list(sheets.values()), Action.APPROVE, principal)

    # report cards: the key a real school gets at enrolment, here certified by a test centre
    with db.unit() as s:
        school_key.set_passphrase(s, PASSWORD)
        certificates.demo_keys(s, CODE)
    out = tmp_path / "cards.pdf"
    issued = certificates.issue_class(db, klass.id, DocumentKind.REPORT_CARD,
                                      SessionKind.DEY, principal, out)
    assert len(issued) == klass.students
    printed = [n for _x, _y, _s, n in strings(PdfReader(out).pages[0])]
    for spec in curriculum_for(1405).courses(10, "math"):  # every course on the card
        assert any(same(n, spec.name) for n in printed), spec.name
    assert not any(same(n, "حسابان ۱") for n in printed)  # the 11th grade's


def test_the_demo_is_made_through_the_setup_paths(demo_db):
    with demo_db.unit() as s:
        events = {a for (a,) in s.execute(select(AuditEvent.action).distinct())}
        classes = s.scalar(select(func.count()).select_from(ClassGroup))
        official = s.scalar(select(func.count()).select_from(Course).where(
            Course.curriculum == "1397"))
        courses = s.scalar(select(func.count()).select_from(Course))
    assert {"setup.open_grade", "class.create", "teaching.assign"} <= events
    assert classes == 28 and official == courses  # every demo course is the curriculum's
    twelve = {c.name for c in setup.grade_courses(demo_db, 12, "math")}
    ten = {c.name for c in setup.grade_courses(demo_db, 10, "math")}
    assert "حسابان 2" in twelve and "آمادگی دفاعی" not in twelve and "آمادگی دفاعی" in ten


# --- the same through the window --------------------------------------------------------

def test_a_new_school_opens_on_the_setup_page_and_is_set_up_there(qtbot, school, tmp_path,
                                                                   monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_fonts, install_translators
    from desktop.views import import_dialog, main_window
    from desktop.views.main_window import MainWindow

    told: list[str] = []  # what would be said in a message box
    monkeypatch.setattr(import_dialog, "inform", lambda _p, text: told.append(text))
    monkeypatch.setattr(main_window, "inform", lambda _p, text: told.append(text))

    install_fonts(QApplication.instance())
    install_translators(QApplication.instance(), "fa")
    db = school
    auth.create_user(db, "principal", "مدیر", Role.PRINCIPAL, PASSWORD, PRINCIPAL_ACTOR,
                     first=True)
    window = MainWindow(db, auth.login(db, "principal", PASSWORD))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.made("setup")
    assert page is not None and window.tabs.currentWidget().page is page  # the first page
    assert "کاربران" in page.guide.text() and "دانش‌آموزان" in page.guide.text()
    offered = [page.programme.itemData(i) for i in range(page.programme.count())]
    assert (10, "math") in offered and (7, None) not in offered  # the school's stages only

    page.programme.setCurrentIndex(offered.index((10, "math")))
    page.count.setValue(2)
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "" and "دهم ریاضی ۱" in page.said.text()
    level = window.classes.item(0).child(0)
    tree = [level.child(i).text() for i in range(level.rowCount())]
    assert tree == ["دهم ریاضی ۱ (۰)", "دهم ریاضی ۲ (۰)"]
    page.names.setText("دهم ریاضی ۱")  # twice: refused in Persian, nothing made
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert "پیش‌تر هست" in page.message.text() and len(list_classes(db)) == 2

    page.local_name.setText("رباتیک")
    page.local_units.setValue(0)
    qtbot.mouseClick(page.local_button, Qt.MouseButton.LeftButton)
    assert "رباتیک" in page.said.text()

    window.show_page("users")
    users = window.users
    users.username.setText("t1")
    users.name.setText("مریم فیزیک‌دان")
    users.role.setCurrentIndex(users.role.findData("teacher"))
    users.password.setText(PASSWORD)
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    window.show_page("setup")
    page.refresh()
    row = next(i for i in range(page.teaching.rowCount())
               if page.teaching.item(i, 0).text() == "فیزیک ۱")
    pick = page.teaching.cellWidget(row, 2)
    pick.setCurrentIndex(pick.findText("مریم فیزیک‌دان"))
    assert page.said.text() == "ذخیره شد." and page.message.text() == ""
    klass = find_class(db, "دهم ریاضی ۱")
    rows = {r.course.name: r.teacher for r in setup.teaching(db, klass.id)}
    assert rows["فیزیک 1"] == "مریم فیزیک‌دان" and rows["رباتیک"] is None
    window.grab().save(str(tmp_path / "setup.png"))
    if os.environ.get("DAFTAR_SHOTS"):  # to look at (an Xvfb run at 1366x768)
        window.grab().save(os.path.join(os.environ["DAFTAR_SHOTS"], "setup.png"))
    need = window.minimumSizeHint()  # the page asks no more than a 1366x768 screen gives
    assert need.width() <= 1366 and need.height() <= 700, need

    # 300 students from a workbook, through the window's import: one class it makes
    book = tmp_path / "students.xlsx"
    codes = _students_workbook(book, ["دهم ریاضی ۱", "دهم ریاضی ۲", "دهم ریاضی ۳"], 100)
    window.tabs.setCurrentIndex(0)  # the students' page
    window.import_students(str(book))
    qtbot.waitUntil(lambda: getattr(window, "_import_dialog", None) is not None, timeout=20000)
    dialog = window._import_dialog
    assert dialog.apply_button.isEnabled() and len(dialog.plan.rows) == 300
    assert "دهم ریاضی ۳" in dialog.summary.text() + " ".join(
        d for r in dialog.plan.rows for d in r.details).replace("3", "۳")
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=30000)
    assert told == ["ثبت شد."]
    counts = {c.name: c.students for c in list_classes(db)}
    assert counts == {"دهم ریاضی 1": 100, "دهم ریاضی 2": 100, "دهم ریاضی 3": 100}
    level = window.classes.item(0).child(0)
    assert [level.child(i).text() for i in range(level.rowCount())] == [
        "دهم ریاضی ۱ (۱۰۰)", "دهم ریاضی ۲ (۱۰۰)", "دهم ریاضی ۳ (۱۰۰)"]
    assert len(codes) == 300
    if os.environ.get("DAFTAR_SHOTS"):
        window.grab().save(os.path.join(os.environ["DAFTAR_SHOTS"], "students.png"))

    # the teacher signs in and finds only their course waiting for them
    for course in setup.grade_courses(db, 10, "math"):
        open_sheet(db, klass.id, course.id, SessionKind.DEY)
    teacher = MainWindow(db, auth.login(db, "t1", PASSWORD))
    qtbot.addWidget(teacher)
    teacher.show()
    queue = teacher.show_page("queue")
    queue.refresh()
    assert [r.course_name for r in queue.model.rows] == ["فیزیک 1"]
    assert teacher.made("setup") is None  # no setup page for a teacher

    # the teacher types their sheet in the grid (a block pasted from a spreadsheet) and
    # submits it; the other courses are filled by the office; deputy and principal approve
    principal = auth.login(db, "principal", PASSWORD)
    auth.create_user(db, "deputy", "معاون آموزشی", Role.DEPUTY, PASSWORD, principal)
    physics = find_course(db, "فیزیک ۱", klass.id)
    for course in setup.grade_courses(db, 10, "math"):
        if course.id == physics.id:
            continue
        sheet = open_sheet(db, klass.id, course.id, SessionKind.DEY)
        data = read_sheet(db, sheet)
        write_grades(db, sheet, [
            CellEdit(r.student_id, col.code, "19" if course.discipline else str(12 + i % 8))
            for i, r in enumerate(data.rows) for col in data.columns if col.editable],
            principal)
        approvals.move(db, [sheet], Action.SUBMIT, principal)
    teacher.show_page("grades")
    teacher.select_class(klass.id)
    teacher.grades.select(SessionKind.DEY, physics.id)
    grid = teacher.grades.model
    first = next(c for c in range(grid.columnCount()) if grid.is_editable_column(c))
    width = sum(1 for c in range(grid.columnCount()) if grid.is_editable_column(c))
    teacher.grades.table.setCurrentIndex(grid.index(0, first))
    assert teacher.grades.table.paste("\n".join(
        "\t".join(["۱۷٫۵"] * width) for _ in range(grid.rowCount())))
    assert grid.missing() == 0 and teacher.grades.message.text() == ""
    queue.refresh()
    queue.table.selectAll()
    queue.apply(Action.SUBMIT)
    assert queue.message.text() == ""
    for username, action in (("deputy", Action.REVIEW), ("principal", Action.APPROVE)):
        office = MainWindow(db, auth.login(db, username, PASSWORD))
        qtbot.addWidget(office)
        office.show()
        page = office.show_page("queue")
        page.refresh()
        page.table.selectAll()  # the Dey sheets: all in their hands now
        assert {r.session for r in page.model.rows} == {SessionKind.DEY}, username
        page.apply(action)
        assert page.message.text() == "", username
        page.refresh()
        done = SheetState.APPROVED if action is Action.APPROVE else SheetState.REVIEWED
        assert {r.state for r in approvals.queue(db, auth.login(db, username, PASSWORD), 1405)
                } <= {done}, username

    # the class's report cards, printed from the documents dialog to a PDF: every course of
    # the curriculum's 10th-grade math table on them, and the local one
    from pypdf import PdfReader

    from desktop.services import certificates
    from desktop.views import documents as documents_view

    with db.unit() as s:  # the key a real school gets at enrolment, here a test centre's
        school_key.set_passphrase(s, PASSWORD)
        certificates.demo_keys(s, CODE)
    dialog = documents_view.DocumentsDialog(db, principal, 1405, klass.id)
    qtbot.addWidget(dialog)
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.DEY.value))
    dialog.target.setCurrentIndex(dialog.target.findData(documents_view.TO_PDF))
    dialog.start(str(tmp_path / "cards.pdf"))
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=60_000)
    pdf = PdfReader(tmp_path / "cards.pdf")
    assert len(pdf.pages) == 100
    printed = [n for _x, _y, _s, n in strings(pdf.pages[0])]
    for spec in curriculum_for(1405).courses(10, "math"):
        assert any(same(n, spec.name) for n in printed), spec.name
    assert any(same(n, "رباتیک") for n in printed)
