"""A student moved between classes of a year, or gone from the school (issue 22, point 3).

A real SQLite file; the school made through the setup service as a real school would.
"""

from __future__ import annotations

import jdatetime
import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError, ValidationError, WorkflowError
from desktop.domain.identity import make_national_code
from desktop.domain.workflow import Role
from desktop.models.entities import AuditEvent, ClassGroup, Course, Enrollment
from desktop.services import approvals, setup
from desktop.services.class_grades import read_class
from desktop.services.context import DEFAULT_ACTOR, PRINCIPAL_ACTOR, Actor
from desktop.services.enrollment import enroll, history, mark_left, move_student
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
from desktop.services.school import create_school, list_classes
from desktop.services.students import StudentInput, add_student, search_students

TEACHER = Actor("t", "معلم", Role.TEACHER)
OPENING = jdatetime.date(1405, 7, 1)


@pytest.fixture
def school(any_db):
    db = any_db
    create_school(db, "29153406", "دبیرستان نمونه", "ناحیه ۲", "قم", ["upper_secondary"],
                  year=1405)
    setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", count=2)
    setup.make_classes(db, PRINCIPAL_ACTOR, 10, "science", count=1)
    classes = {c.name: c for c in list_classes(db)}
    ids = []
    for i in range(4):
        st = add_student(db, StudentInput(
            f"نام{i}", f"خانواده{i}", "پدر", "M", "1390/01/01", "قم",
            national_code=make_national_code(f"{i + 1:09d}")))
        enroll(db, st.id, classes["دهم ریاضی 1"].id, on=OPENING.togregorian())
        ids.append(st.id)
    return db, classes, ids


def exam_class(db) -> int:
    """A one-course class of the year (a repair exam's candidates)."""
    with db.unit() as s:
        klass = s.scalar(select(ClassGroup).where(ClassGroup.name_key.is_not(None)).limit(1))
        exam = ClassGroup(year_id=klass.year_id, grade_level_id=klass.grade_level_id,
                          field_id=klass.field_id, name="جبرانی", name_key="جبرانی",
                          only_course_id=s.scalar(select(Course.id).limit(1)))
        s.add(exam)
        s.flush()
        return exam.id


def test_a_name_with_a_control_character_is_refused(school):
    db = school[0]
    with pytest.raises(ValidationError) as e:
        add_student(db, StudentInput("علی\x00", "رضایی", "پدر", "M", "1390/01/01", "قم",
                                     national_code=make_national_code("000000777")))
    assert e.value.code == "text.control" and "نام" in e.value.message()


def _events(db) -> int:
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def _enrolments(db) -> list[tuple]:
    with db.unit() as s:
        return s.execute(select(Enrollment.student_id, Enrollment.class_id,
                                Enrollment.enrolled_on, Enrollment.left_on)
                         .order_by(Enrollment.id)).all()


def test_a_moved_student_keeps_the_old_classs_grades_there_and_carries_them(school):
    db, classes, (moved, stays, leaves, _) = school
    one, two = classes["دهم ریاضی 1"], classes["دهم ریاضی 2"]
    course = setup.grade_courses(db, 10, "math")[0]
    sheet = open_sheet(db, one.id, course.id, SessionKind.DEY)
    codes = [c.code for c in read_sheet(db, sheet).columns if c.editable]
    write_grades(db, sheet, [CellEdit(sid, code, "17") for sid in (moved, stays, leaves)
                             for code in codes], PRINCIPAL_ACTOR)

    move_student(db, DEFAULT_ACTOR, moved, two.id, jdatetime.date(1405, 8, 20))
    mark_left(db, DEFAULT_ACTOR, leaves, 1405, jdatetime.date(1405, 8, 25), "رفت به شهر دیگر")

    # the old class still shows them, read-only, with their grades and where they went
    rows = {r.student_id: r for r in read_sheet(db, sheet).rows}
    assert rows[moved].moved_to == "دهم ریاضی 2" and not rows[moved].editable
    assert rows[moved].left_on == jdatetime.date(1405, 8, 20)
    assert rows[leaves].moved_to is None and rows[leaves].left_on == jdatetime.date(1405, 8, 25)
    assert all(rows[sid].cells[codes[0]] == 17 for sid in (moved, stays, leaves))
    assert [r.student_id for r in read_sheet(db, sheet).rows][-2:] in (
        [moved, leaves], [leaves, moved])  # after those still in the class
    # no new grade for one who left, and the sheet waits only for its members
    before = _events(db)
    with pytest.raises(ValidationError) as e:
        write_grades(db, sheet, [CellEdit(moved, codes[0], "20")], PRINCIPAL_ACTOR)
    assert e.value.code == "sheet.student_left" and "۱۴۰۵/۰۸/۲۰" in e.value.message()
    assert _events(db) == before
    with db.unit() as s:
        (summary,) = approvals.sheet_summaries(s, sheet_ids=[sheet])
    assert summary.missing == len(codes)  # the fourth student's cells, not the leavers'
    # members: listed, counted and printed where they are now
    counts = {c.name: c.students for c in list_classes(db)}
    assert counts["دهم ریاضی 1"] == 2 and counts["دهم ریاضی 2"] == 1
    assert [st.id for st in search_students(db, class_id=two.id)] == [moved]
    assert leaves not in [st.id for st in search_students(db, year=1405) if st.class_id]
    # the new class's results carry what was given in the old one; its own cell wins
    (result,) = [r for r in read_class(db, two.id, SessionKind.DEY) if r.course_id == course.id]
    assert set(result.rows) == {moved} and result.rows[moved].grade == 17
    sheet2 = open_sheet(db, two.id, course.id, SessionKind.DEY)
    write_grades(db, sheet2, [CellEdit(moved, codes[0], "19")], PRINCIPAL_ACTOR)
    (result,) = [r for r in read_class(db, two.id, SessionKind.DEY) if r.course_id == course.id]
    assert result.rows[moved].grade != 17
    (old,) = [r for r in read_class(db, one.id, SessionKind.DEY) if r.course_id == course.id]
    assert moved not in old.rows and leaves not in old.rows and stays in old.rows
    # the history, and the audit trail
    assert [(h.class_name, h.left_on) for h in history(db, moved)] == [
        ("دهم ریاضی 1", jdatetime.date(1405, 8, 20)), ("دهم ریاضی 2", None)]
    with db.unit() as s:
        acts = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(20)).all()
    assert "student.move" in acts and "student.leave" in acts


def test_a_student_who_left_comes_back_in_a_new_row(school):
    db, classes, (sid, *_) = school
    one = classes["دهم ریاضی 1"]
    mark_left(db, DEFAULT_ACTOR, sid, 1405, jdatetime.date(1405, 8, 1))
    with pytest.raises(ValidationError) as e:
        move_student(db, DEFAULT_ACTOR, sid, classes["دهم ریاضی 2"].id)
    assert e.value.code == "setup.left"
    enroll(db, sid, one.id)  # back in the same class
    stays = [h for h in history(db, sid)]
    assert [h.left_on for h in stays] == [jdatetime.date(1405, 8, 1), None]
    assert [st.id for st in search_students(db, class_id=one.id)].count(sid) == 1
    sheet = open_sheet(db, one.id, setup.grade_courses(db, 10, "math")[0].id, SessionKind.DEY)
    rows = [r for r in read_sheet(db, sheet).rows if r.student_id == sid]
    assert len(rows) == 1 and rows[0].editable  # one row, live again


@pytest.mark.parametrize("case", ["other_track", "same", "future", "before_year", "teacher",
                                  "before_enrolment", "control", "exam_class"])
def test_a_bad_move_or_leave_changes_nothing(school, case):
    db, classes, (sid, *_) = school
    before, events = _enrolments(db), _events(db)
    with pytest.raises(DaftarError) as e:
        if case == "other_track":
            move_student(db, DEFAULT_ACTOR, sid, classes["دهم تجربی 1"].id)
        elif case == "same":
            move_student(db, DEFAULT_ACTOR, sid, classes["دهم ریاضی 1"].id)
        elif case == "future":  # the tests' today is 1 Azar 1405
            mark_left(db, DEFAULT_ACTOR, sid, 1405, jdatetime.date(1405, 9, 2))
        elif case == "before_year":
            mark_left(db, DEFAULT_ACTOR, sid, 1405, jdatetime.date(1405, 6, 20))
        elif case == "teacher":
            move_student(db, TEACHER, sid, classes["دهم ریاضی 2"].id)
        elif case == "control":  # a reason pasted from a broken file
            mark_left(db, DEFAULT_ACTOR, sid, 1405, None, "رفت\x00")
        elif case == "exam_class":
            move_student(db, DEFAULT_ACTOR, sid, exam_class(db))
        elif case == "before_enrolment":
            move_student(db, DEFAULT_ACTOR, sid, classes["دهم ریاضی 2"].id,
                         jdatetime.date(1405, 8, 1))
            move_student(db, DEFAULT_ACTOR, sid, classes["دهم ریاضی 1"].id,
                         jdatetime.date(1405, 7, 30))
    expected = {"other_track": "setup.move_track", "same": "setup.same_class",
                "future": "setup.left_date", "before_year": "setup.left_date",
                "teacher": "workflow.role", "before_enrolment": "setup.left_date",
                "control": "text.control", "exam_class": "setup.move_exam_class"}[case]
    assert e.value.code == expected
    assert not e.value.message().isascii()
    if case == "teacher":
        assert isinstance(e.value, WorkflowError)
    if case != "before_enrolment":
        assert _enrolments(db) == before and _events(db) == events


def test_move_and_leave_from_the_command_line(db, tmp_path):
    from desktop.services.auth import create_user
    from tests.test_setup import PASSWORD, daftar

    create_school(db, "29153406", "دبیرستان نمونه", "ناحیه ۲", "قم", ["upper_secondary"],
                  year=1405)
    create_user(db, "principal", "مدیر", Role.PRINCIPAL, PASSWORD, PRINCIPAL_ACTOR, first=True)
    setup.make_classes(db, PRINCIPAL_ACTOR, 10, "math", count=2)
    one = {c.name: c for c in list_classes(db)}["دهم ریاضی 1"]
    codes = []
    for i in range(2):
        code = make_national_code(f"{i + 11:09d}")
        st = add_student(db, StudentInput(f"نام{i}", "رضایی", "پدر", "F", "1390/01/01", "قم",
                                          national_code=code))
        enroll(db, st.id, one.id, on=OPENING.togregorian())
        codes.append(code)
    path = db.url.split("///", 1)[1]
    done = daftar("student", "move", "--student", codes[0], "--class", "دهم ریاضی ۲",
                  "--on", "1405/08/10", db=path)
    assert done.returncode == 0, done.stderr
    assert "منتقل شد" in done.stdout and "دهم ریاضی ۲\t۱۴۰۵/۰۸/۱۰" in done.stdout
    refused = daftar("student", "move", "--student", codes[1], "--class", "دهم ریاضی ۱",
                     db=path)
    assert refused.returncode != 0 and "هم‌اکنون در کلاس" in refused.stderr
    done = daftar("student", "leave", "--student", codes[1], "--on", "1405/08/12",
                  "--reason", "مهاجرت", db=path)
    assert done.returncode == 0, done.stderr
    assert [st.national_code for st in search_students(db, class_id=one.id)] == []
    with db.unit() as s:
        reason = s.scalar(select(AuditEvent.reason).where(AuditEvent.action == "student.leave"))
    assert reason == "مهاجرت"
