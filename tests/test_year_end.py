"""The year's end (issue 23, points 1, 2 and 4): closing a school year, the Shahrivar
re-sits, undoing the closing, and the next year opened from it.

A real school made from nothing through the services a real office uses (no demo), on a
real SQLite file and on PostgreSQL (``any_db``): three classes (10th, 11th and 12th
grade, math), every grade written and every sheet moved through the school's approvals.
"""

from __future__ import annotations

import jdatetime
import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind, school_year_shown
from desktop.domain.errors import DaftarError, ValidationError, WorkflowError
from desktop.domain.identity import make_national_code
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, Role
from desktop.domain.year_end import ClosingStage, Outcome, next_class_name, subject_of
from desktop.models.entities import AuditEvent, Enrollment
from desktop.services import approvals, certificates, next_year, school_key, setup, year_end
from desktop.services.auth import assign_course, create_user
from desktop.services.context import PRINCIPAL_ACTOR, Actor
from desktop.services.enrollment import enroll, mark_left
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
from desktop.services.school import create_school, current_year, list_classes, list_years
from desktop.services.students import StudentInput, add_student, search_students

DEPUTY = Actor("deputy", "معاون", Role.DEPUTY)
CLERK = Actor("clerk", "دفتردار", Role.CLERK)
OPENING = jdatetime.date(1405, 7, 1)
PEOPLE = {"دهم ریاضی 1": 5, "یازدهم ریاضی 1": 3, "دوازدهم ریاضی 1": 3}


@pytest.fixture
def school(any_db):
    return make_school(any_db)


def make_school(db):
    create_school(db, "29153406", "دبیرستان نمونه", "ناحیه ۲", "قم", ["upper_secondary"],
                  year=1405)
    for grade in (10, 11, 12):
        setup.make_classes(db, PRINCIPAL_ACTOR, grade, "math", count=1)
    classes = {c.name: c for c in list_classes(db)}
    people: dict[str, list[int]] = {}
    n = 0
    for name, count in PEOPLE.items():
        for _ in range(count):
            n += 1
            st = add_student(db, StudentInput(
                f"نام{n}", f"خانواده{n}", "پدر", "F", "1389/01/01", "قم",
                national_code=make_national_code(f"{n:09d}")))
            enroll(db, st.id, classes[name].id, on=OPENING.togregorian())
            people.setdefault(name, []).append(st.id)
    return db, classes, people


def fill(db, class_id: int, session: SessionKind, low: dict[tuple[int, str], str] | None = None,
         only: set[int] | None = None, approve: bool = True) -> list[int]:
    """Every course's sheet of ``session`` written («16», or ``low`` for a student and a
    course name) for the class's students (or ``only``), then moved through the school."""
    low = low or {}
    sheets = []
    for course in setup.grade_courses(db, *_grade_track(db, class_id)):
        sheet = open_sheet(db, class_id, course.id, session)
        data = read_sheet(db, sheet)
        codes = [c.code for c in data.columns if c.editable]
        ids = [r.student_id for r in data.rows if r.editable
               and (only is None or r.student_id in only)]
        write_grades(db, sheet, [CellEdit(sid, code, low.get((sid, course.name), "16"))
                                 for sid in ids for code in codes], PRINCIPAL_ACTOR)
        sheets.append(sheet)
    if approve:
        for action, actor in ((Action.SUBMIT, CLERK), (Action.REVIEW, DEPUTY),
                              (Action.APPROVE, PRINCIPAL_ACTOR)):
            approvals.move(db, sheets, action, actor)
    return sheets


def _grade_track(db, class_id: int) -> tuple[int, str | None]:
    klass = next(c for c in list_classes(db) if c.id == class_id)
    return klass.grade_level, klass.field_code


def _events(db) -> int:
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_the_names_of_the_next_year():
    assert next_class_name("دهم ریاضی 1", 10) == "یازدهم ریاضی 1"
    assert next_class_name("کلاس الف", 7) == "هشتم کلاس الف"
    assert subject_of("فارسی ۱") == subject_of("فارسی (2)") == "فارسی"
    assert subject_of("انضباط") == "انضباط"


def test_a_year_closed_settled_opened_and_undone(school, tmp_path):
    db, classes, people = school
    ten, eleven, twelve = (classes[n] for n in PEOPLE)
    math10 = next(c for c in setup.grade_courses(db, 10, "math") if not c.discipline)
    math11 = next(c for c in setup.grade_courses(db, 11, "math") if not c.discipline)
    # a teacher of the 10th grade's first course, carried to the 11th's course that goes on
    teacher = create_user(db, "t1", "معلم یک", Role.TEACHER, "secret-pass-1",
                          PRINCIPAL_ACTOR)
    assign_course(db, teacher.id, ten.id, math10.id, PRINCIPAL_ACTOR)
    a, b, c, d, e = people[ten.name]
    f, g, h = people[eleven.name]
    for klass in classes.values():
        fill(db, klass.id, SessionKind.DEY)
    fill(db, ten.id, SessionKind.KHORDAD, approve=False,
         low={(a, math10.name): "3", (b, math10.name): "2"})
    # one leaves mid-year: gone, not graded, not placed
    mark_left(db, PRINCIPAL_ACTOR, e, 1405, jdatetime.date(1405, 8, 1), "به شهر دیگر")

    # a Shahrivar sheet before the closing: empty, and says why
    early = read_sheet(db, open_sheet(db, ten.id, math10.id, SessionKind.SHAHRIVAR))
    assert early.rows == () and "بستن سال" in (early.lock_reason or "")
    # closing waits for the Khordad sheets, and names them
    before = _events(db)
    with pytest.raises(ValidationError) as refused:
        year_end.close_year(db, PRINCIPAL_ACTOR, 1405)
    assert refused.value.code == "year.sheets_missing"
    said = refused.value.message()
    assert "«دوازدهم ریاضی ۱ / " in said and "(باز نشده)" in said and "۴۵ برگه" in said
    with pytest.raises(WorkflowError):
        year_end.close_year(db, DEPUTY, 1405)  # the principal's
    assert _events(db) == before and year_end.year_state(db, 1405).stage is None

    ten_sheets = [open_sheet(db, ten.id, x.id, SessionKind.KHORDAD)
                  for x in setup.grade_courses(db, 10, "math")]
    for action, actor in ((Action.SUBMIT, CLERK), (Action.REVIEW, DEPUTY),
                          (Action.APPROVE, PRINCIPAL_ACTOR)):
        approvals.move(db, ten_sheets, action, actor)
    fill(db, eleven.id, SessionKind.KHORDAD, low={(f, math11.name): "5"})
    fill(db, twelve.id, SessionKind.KHORDAD)

    state = year_end.close_year(db, PRINCIPAL_ACTOR, 1405)
    got = {o.student_id: o for o in state.outcomes}
    assert state.stage is ClosingStage.KHORDAD
    assert got[a].outcome is got[b].outcome is got[f].outcome is Outcome.RESIT
    assert got[a].courses == (math10.name,) and got[f].courses == (math11.name,)
    assert {got[x].outcome for x in (c, d, g, h)} == {Outcome.PROMOTED}
    assert {got[x].outcome for x in people[twelve.name]} == {Outcome.GRADUATED}
    assert got[e].outcome is Outcome.LEFT and got[e].class_name == ten.name
    assert got[c].average == 16
    # closing twice, and grades of the closed sessions: refused
    with pytest.raises(ValidationError) as twice:
        year_end.close_year(db, PRINCIPAL_ACTOR, 1405)
    assert twice.value.code == "year.closed_already"
    with pytest.raises(DaftarError) as locked:
        write_grades(db, ten_sheets[0], [CellEdit(c, "f2", "20")], PRINCIPAL_ACTOR)
    assert locked.value.code == "sheet.year_closed"
    with pytest.raises(WorkflowError) as back:
        approvals.move(db, ten_sheets[:1], Action.REJECT, PRINCIPAL_ACTOR, "اشتباه")
    assert "بسته شده" in back.value.message()
    # the next year waits for Shahrivar
    with pytest.raises(ValidationError) as early:
        next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405)
    assert early.value.code == "year.resits_pending" and "۳" in early.value.message()

    # Shahrivar: its sheet lists the re-sitters only, takes no one else's grade
    summer = open_sheet(db, ten.id, math10.id, SessionKind.SHAHRIVAR)
    assert {r.student_id for r in read_sheet(db, summer).rows} == {a, b}
    with pytest.raises(ValidationError) as not_theirs:
        write_grades(db, summer, [CellEdit(c, "sf", "12")], PRINCIPAL_ACTOR)
    assert not_theirs.value.code == "sheet.not_resit"
    with pytest.raises(ValidationError) as waits:
        year_end.settle_resits(db, PRINCIPAL_ACTOR, 1405)
    assert waits.value.code == "year.summer_missing"
    fill(db, ten.id, SessionKind.SHAHRIVAR, only={a, b}, low={(b, math10.name): "7"})
    fill(db, eleven.id, SessionKind.SHAHRIVAR, only={f})
    state = year_end.settle_resits(db, PRINCIPAL_ACTOR, 1405)
    got = {o.student_id: o for o in state.outcomes}
    assert state.stage is ClosingStage.FINAL
    assert got[a].outcome is got[f].outcome is Outcome.PROMOTED
    assert got[b].outcome is Outcome.REPEAT and got[b].courses == (math10.name,)
    with pytest.raises(DaftarError) as summer_locked:
        write_grades(db, summer, [CellEdit(a, "sf", "20")], PRINCIPAL_ACTOR)
    assert summer_locked.value.code == "sheet.year_closed"

    # the next year: classes carried, the promoted up a grade, the repeating one kept
    plan = next_year.propose(db, 1405)
    assert {(p.source_name, p.promote_to, p.repeat_to) for p in plan} == {
        (ten.name, "یازدهم ریاضی 1", ten.name), (eleven.name, "دوازدهم ریاضی 1", None)}
    opened = next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405)
    assert (opened.year, opened.promoted, opened.repeating) == (1406, 6, 1)
    assert current_year(db) == 1406 and list_years(db) == [1405, 1406]
    # the teacher goes on with the subject (فارسی ۱ → فارسی ۲) and keeps the repeated grade's
    assert opened.teaching == 2
    new = {k.name: k.id for k in list_classes(db, 1406)}
    taught = {(name, row.course.name) for name in new for row in setup.teaching(db, new[name])
              if row.teacher_id == teacher.id}
    assert taught == {("یازدهم ریاضی 1", math11.name), ("دهم ریاضی 1", math10.name)}
    assert subject_of(math10.name) == subject_of(math11.name)
    now = {st.id: st.class_name for st in search_students(db, year=1406) if st.class_id}
    assert now == {a: "یازدهم ریاضی 1", c: "یازدهم ریاضی 1", d: "یازدهم ریاضی 1",
                   b: "دهم ریاضی 1", f: "دوازدهم ریاضی 1", g: "دوازدهم ریاضی 1",
                   h: "دوازدهم ریاضی 1"}
    # the past year as it was: its classes and members, its outcomes
    assert {st.id for st in search_students(db, class_id=ten.id, year=1405)} == {a, b, c, d}
    with pytest.raises(ValidationError) as again:
        next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405)
    assert again.value.code == "year.next_exists"

    # undone while the next year has no grade: the next year goes with it
    year_end.reopen_year(db, PRINCIPAL_ACTOR, 1405)
    assert list_years(db) == [1405] and year_end.year_state(db, 1405).stage is None
    with db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Enrollment)
                        .where(Enrollment.student_id == a)) == 1
    # closed again and opened, a grade in the new year: the closing stays
    year_end.close_year(db, PRINCIPAL_ACTOR, 1405)
    year_end.settle_resits(db, PRINCIPAL_ACTOR, 1405)
    next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405)
    new_eleven = next(k for k in list_classes(db, 1406) if k.name == "یازدهم ریاضی 1")
    sheet = open_sheet(db, new_eleven.id, math11.id, SessionKind.DEY)
    write_grades(db, sheet, [CellEdit(c, "c1", "18")], PRINCIPAL_ACTOR)
    with pytest.raises(ValidationError) as kept:
        year_end.reopen_year(db, PRINCIPAL_ACTOR, 1405)
    assert kept.value.code == "year.next_has_grades"

    # the past year prints again with its own year on it: its class, its members
    with db.unit() as s:
        school_key.set_passphrase(s, "school-seal-1")
        certificates.demo_keys(s, "29153406")
    keep: list = []
    issued = certificates.issue_class(db, ten.id, DocumentKind.REPORT_CARD,
                                      SessionKind.KHORDAD, PRINCIPAL_ACTOR,
                                      tmp_path / "1405.pdf", keep=keep)
    assert {i.student_id for i in issued} == {a, b, c, d}
    assert {dict(k.fields)["سال تحصیلی"] for k in keep} == {school_year_shown(1405)}
    assert all(i.code[8:10] == "05" for i in issued)  # the code's year is the card's


def test_a_merge_of_two_grades_into_one_class_is_refused(school):
    db, classes, _people = school
    for klass in classes.values():
        fill(db, klass.id, SessionKind.DEY, approve=False)
        fill(db, klass.id, SessionKind.KHORDAD)
    year_end.close_year(db, PRINCIPAL_ACTOR, 1405)
    plan = next_year.propose(db, 1405)
    mixed = [p if p.source_name != "یازدهم ریاضی 1" else
             type(p)(**{**p.__dict__, "promote_to": "یازدهم ریاضی 1"}) for p in plan]
    before = _events(db)
    with pytest.raises(ValidationError) as e:
        next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405, mixed)
    assert e.value.code == "year.plan_mixed"
    assert _events(db) == before and list_years(db) == [1405]
    # renamed and merged as the office wants: both 10th-grade sources into one class
    renamed = [type(p)(**{**p.__dict__, "promote_to": "یازدهم الف"})
               if p.promote_to == "یازدهم ریاضی 1" else p for p in plan]
    opened = next_year.open_next_year(db, PRINCIPAL_ACTOR, 1405, renamed)
    assert "یازدهم الف" in opened.classes and opened.promoted == 8


def test_the_year_end_from_the_command_line(db, tmp_path):
    """``daftar year``: a real process on the school's file, the principal signed in."""
    import os
    import subprocess
    import sys

    _db, classes, people = make_school(db)
    create_user(db, "principal", "مدیر", Role.PRINCIPAL, "secret-pass-9", PRINCIPAL_ACTOR,
                first=True)
    for klass in classes.values():
        fill(db, klass.id, SessionKind.DEY, approve=False)
        fill(db, klass.id, SessionKind.KHORDAD)
    path = db.engine.url.database
    db.dispose()

    def daftar(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "DAFTAR_PASSWORD": "secret-pass-9"}
        return subprocess.run([sys.executable, "-m", "desktop", "--db", path, *args],
                              capture_output=True, text=True, env=env, timeout=120)

    done = daftar("year", "open")
    assert done.returncode == 1 and "هنوز بسته نشده" in done.stderr
    done = daftar("year", "close")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("ارتقا به پایۀ بالاتر") == 8
    assert done.stdout.count("دانش‌آموخته") == 3
    done = daftar("year", "close")
    assert done.returncode == 1 and "پیش‌تر بسته شده" in done.stderr
    done = daftar("year", "plan")
    assert "«دهم ریاضی ۱»: ۵ ارتقا → یازدهم ریاضی ۱" in done.stdout
    done = daftar("year", "open", "--rename", "یازدهم ریاضی 1=یازدهم الف")
    assert done.returncode == 0, done.stderr
    assert "سال تحصیلی ۱۴۰۶-۱۴۰۷ گشوده شد: ۲ کلاس، ۸ ارتقا" in done.stdout
    done = daftar("classes")
    assert "یازدهم الف" in done.stdout and "دوازدهم ریاضی ۱" in done.stdout
    done = daftar("--lang", "en", "year", "reopen", "--year", "1405")
    assert done.returncode == 0 and "undone" in done.stdout
