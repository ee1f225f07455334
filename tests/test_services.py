"""Use cases through the service layer, on real database files (and PostgreSQL)."""

from decimal import Decimal as D

import jdatetime
import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError, NotFound, ValidationError, WorkflowError
from desktop.domain.grading import Descriptive, Mark, Stage
from desktop.domain.workflow import Role
from desktop.models.db import open_database
from desktop.models.entities import AuditEvent, Grade, Student
from desktop.services import Actor
from desktop.services.audit import GENESIS, event_digest
from desktop.services.class_grades import class_grades, read_class
from desktop.services.enrollment import enroll
from desktop.services.grades import open_sheet, read_sheet, write_grade
from desktop.services.school import (
    add_course,
    create_class,
    create_school,
    find_class,
    get_school,
    list_classes,
    list_courses,
    list_sessions,
)
from desktop.services.students import (
    StudentInput,
    add_student,
    search_students,
    update_student,
)
from tests.conftest import fixed

STUDENT = StudentInput(first_name="فاطمه‌زهرا", last_name="حسین‌زاده", father_name="علي",
                       gender="دختر", birth_date="۱۳۸۹/۰۵/۱۲", birth_place="تهران",
                       national_code="۰۴۹۹۳۷۰۸۹۹", birth_cert_serial="الف/۱۲ ۳۴۵۶۷۸")


def _school(db):
    create_school(db, "۱۲۳۴۵۶۷۸", "دبیرستان دخترانه نمونه", "منطقه ۶", "تهران",
                  [Stage.UPPER_SECONDARY, Stage.PRIMARY], year=1405)
    klass = create_class(db, 1405, 10, "دهم ریاضی ۱", "math")
    math = add_course(db, 10, "10-math", "ریاضی", 4, field_code="math")
    pe = add_course(db, 10, "10-pe", "تربیت بدنی", 2, has_final=False)
    return klass, math, pe


def _enrolled_sheet(db, session=SessionKind.DEY):
    """A school, one enrolled student and the math sheet of ``session``."""
    klass, math, _ = _school(db)
    st = add_student(db, STUDENT)
    enroll(db, st.id, klass.id)
    return st, open_sheet(db, klass.id, math.id, session)


def _count(db, model):
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_school_with_its_year_and_deadlines(any_db):
    _school(any_db)
    school = get_school(any_db)
    assert school.code == "12345678" and school.stages == (Stage.UPPER_SECONDARY, Stage.PRIMARY)
    sessions = {s.kind: s.deadline for s in list_sessions(any_db, 1405)}
    assert sessions == {SessionKind.DEY: jdatetime.date(1405, 12, 10),
                        SessionKind.KHORDAD: jdatetime.date(1406, 4, 30),
                        SessionKind.SHAHRIVAR: jdatetime.date(1406, 7, 30)}
    with pytest.raises(DaftarError) as e:
        create_school(any_db, "87654321", "دیگر", "م", "ا", [Stage.PRIMARY])
    assert e.value.code == "school.exists"


def test_student_is_stored_normalised_and_found_by_any_form(any_db):
    klass, _, _ = _school(any_db)
    st = add_student(any_db, STUDENT)
    assert st.national_code == "0499370899"
    assert st.father_name == "علی"
    assert st.birth_date == jdatetime.date(1389, 5, 12)
    enroll(any_db, st.id, klass.id)
    for typed in ("حسين زاده", "حسین‌زاده", "فاطمه زهرا", "۰۴۹۹", "0499370899"):
        found = search_students(any_db, typed)
        assert [f.id for f in found] == [st.id], typed
    # stored with ASCII digits; the views show Persian digits
    assert search_students(any_db, "", class_id=klass.id)[0].class_name == "دهم ریاضی 1"
    assert search_students(any_db, "رضایی") == []


@pytest.mark.parametrize("change,code", [
    ({"national_code": "0499370898"}, "national_code.checksum"),
    ({"national_code": "1111111111"}, "national_code.repeated"),
    ({"national_code": None}, "student.identity"),
    ({"foreign_id_type": "fida", "foreign_id_value": "123456789012"}, "student.identity"),
    ({"first_name": "  "}, "name.empty"),
    ({"gender": "x"}, "student.gender"),
    ({"birth_date": "۱۳۸۹/۱۳/۰۱"}, "date.format"),
    ({"birth_date": "1499/01/01"}, "student.birth_date"),
    ({"record_code": "123"}, "digits.length"),
])
def test_bad_student_input_is_refused_and_nothing_is_written(db, change, code):
    _school(db)
    before = (_count(db, Student), _count(db, AuditEvent))
    bad = StudentInput(**{**STUDENT.__dict__, **change})
    with pytest.raises(ValidationError) as e:
        add_student(db, bad)
    assert e.value.code == code
    assert (_count(db, Student), _count(db, AuditEvent)) == before


def test_foreign_student_and_duplicates(any_db):
    _school(any_db)
    foreign = StudentInput(**{**STUDENT.__dict__, "national_code": None,
                              "foreign_id_type": "fida", "foreign_id_value": "۱۲۳۴۵۶۷۸۹۰۱۲"})
    st = add_student(any_db, foreign)
    assert (st.foreign_id_type, st.foreign_id_value) == ("fida", "123456789012")
    add_student(any_db, STUDENT)
    with pytest.raises(ValidationError) as e:
        add_student(any_db, StudentInput(**{**STUDENT.__dict__, "first_name": "دیگری",
                                            "national_code": "499370899"}))
    assert e.value.code == "student.duplicate"
    with pytest.raises(ValidationError):
        add_student(any_db, foreign)


def test_update_student_records_what_changed(db):
    _school(db)
    st = add_student(db, STUDENT)
    update_student(db, st.id, StudentInput(**{**STUDENT.__dict__, "birth_place": "کرج"}))
    with db.unit() as s:
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert ev.action == "student.update"
    assert '"birth_place":"تهران"' in ev.old and '"birth_place":"کرج"' in ev.new
    assert "first_name" not in ev.new


def test_one_class_per_student_per_year(db):
    klass, _, _ = _school(db)
    other = create_class(db, 1405, 10, "دهم ریاضی ۲", "math")
    st = add_student(db, STUDENT)
    enroll(db, st.id, klass.id)
    with pytest.raises(ValidationError) as e:
        enroll(db, st.id, other.id)
    assert "دهم ریاضی ۱" in str(e.value)


def test_courses_of_a_class_are_its_level_and_field(db):
    klass, math, pe = _school(db)
    add_course(db, 10, "10-bio", "زیست‌شناسی", 4, field_code="science")
    assert {c.code for c in list_courses(db, klass.id)} == {"10-math", "10-pe"}
    assert find_class(db, "دهم رياضي ۱").id == klass.id
    with pytest.raises(NotFound):
        find_class(db, "یازدهم")


def test_write_and_read_back_after_reopening(tmp_path):
    path = tmp_path / "office.sqlite"
    db = fixed(open_database(path))
    klass, math, _ = _school(db)
    st = add_student(db, STUDENT)
    enroll(db, st.id, klass.id)
    dey = open_sheet(db, klass.id, math.id, SessionKind.DEY)
    khordad = open_sheet(db, klass.id, math.id, SessionKind.KHORDAD)
    assert open_sheet(db, klass.id, math.id, SessionKind.DEY) == dey
    write_grade(db, dey, st.id, "c1", "۱۸")
    result = write_grade(db, dey, st.id, "f1", "15/5")
    assert result.entry == D("15.50")
    assert result.outcome.grade == D("16.50")  # (18 + 31) / 3 = 16.33 -> 16.50
    write_grade(db, khordad, st.id, "c2", "19")
    result = write_grade(db, khordad, st.id, "f2", "غ")
    assert result.entry is Mark.ABSENT
    # (18 + 31 + 19 + 0) / 8 = 8.5
    assert result.outcome.grade == D("8.50") and result.outcome.passed is False
    db.dispose()  # as if the program were closed

    db = fixed(open_database(path))
    sheet = read_sheet(db, khordad)
    assert [c.code for c in sheet.columns] == ["c1", "f1", "c2", "f2"]
    assert [c.editable for c in sheet.columns] == [False, False, True, True]
    row = sheet.rows[0]
    assert row.cells == {"c1": D(18), "f1": D("15.5"), "c2": D(19), "f2": Mark.ABSENT}
    assert row.outcome.grade == D("8.50")
    assert sheet.average == D("8.50")
    db.dispose()


def test_refused_grades_change_nothing(db):
    st, dey = _enrolled_sheet(db)
    write_grade(db, dey, st.id, "c1", "17")
    before = (_count(db, Grade), _count(db, AuditEvent))
    for typed, code in (("21", "grade.range"), ("17.1", "grade.step"), ("x", "grade.not_number")):
        with pytest.raises(ValidationError) as e:
            write_grade(db, dey, st.id, "c1", typed)
        assert e.value.code == code
    with pytest.raises(ValidationError) as e:
        write_grade(db, dey, st.id, "c2", "17")  # a Khordad column on the Dey sheet
    assert e.value.code == "sheet.component"
    stranger = add_student(db, StudentInput(**{**STUDENT.__dict__, "national_code": "0084575948"}))
    before = (_count(db, Grade), _count(db, AuditEvent))
    with pytest.raises(ValidationError) as e:
        write_grade(db, dey, stranger.id, "c1", "17")
    assert e.value.code == "sheet.student"
    with pytest.raises(WorkflowError):
        write_grade(db, dey, st.id, "c1", "12",
                    actor=Actor("district1", "کارشناس", Role.DISTRICT))
    assert (_count(db, Grade), _count(db, AuditEvent)) == before
    assert read_sheet(db, dey).rows[0].cells["c1"] == D(17)


def test_a_sheet_past_draft_is_read_only(demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    course = list_courses(demo_db, klass.id)[0]
    dey = open_sheet(demo_db, klass.id, course.id, SessionKind.DEY)  # approved in the demo
    sheet = read_sheet(demo_db, dey)
    assert not sheet.editable
    with pytest.raises(WorkflowError) as e:
        write_grade(demo_db, dey, sheet.rows[0].student_id, "c1", "20")
    assert "تأییدشده مدیر" in str(e.value)


def test_clearing_a_cell_and_no_op_writes(db):
    st, dey = _enrolled_sheet(db)
    write_grade(db, dey, st.id, "c1", "17")
    events = _count(db, AuditEvent)
    write_grade(db, dey, st.id, "c1", "۱۷")  # the same value: nothing to record
    assert _count(db, AuditEvent) == events
    write_grade(db, dey, st.id, "c1", "")
    assert _count(db, Grade) == 0
    with db.unit() as s:
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (ev.action, ev.old, ev.new) == ("grade.clear", '"17"', None)


def test_primary_levels_through_the_service(db):
    _school(db)
    klass = create_class(db, 1405, 3, "سوم الف")
    course = add_course(db, 3, "3-farsi", "فارسی", 0)
    st = add_student(db, STUDENT)
    enroll(db, st.id, klass.id)
    sheet = open_sheet(db, klass.id, course.id, SessionKind.KHORDAD)
    result = write_grade(db, sheet, st.id, "d2", "خیلی خوب")
    assert result.entry is Descriptive.VERY_GOOD and result.outcome.passed
    with pytest.raises(ValidationError):
        write_grade(db, sheet, st.id, "d2", "18")
    data = read_sheet(db, sheet)
    assert data.descriptive and data.average is None


def test_audit_chain_links_every_event(any_db):
    st, dey = _enrolled_sheet(any_db)
    for v in ("10", "11", "12"):
        write_grade(any_db, dey, st.id, "c1", v)
    with any_db.unit() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    prev = GENESIS
    for ev in events:
        assert ev.prev_hash == prev
        assert ev.hash == event_digest(prev, ev.at, ev.actor, ev.role, ev.action, ev.entity,
                                       ev.entity_id, ev.old, ev.new, ev.reason)
        prev = ev.hash
    grade_events = [e for e in events if e.entity == "grade"]
    assert [(e.old, e.new) for e in grade_events] == [(None, '"10"'), ('"10"', '"11"'),
                                                      ('"11"', '"12"')]


def test_demo_school(demo_db):
    classes = list_classes(demo_db, 1405)
    assert len(classes) == 28 and sum(c.students for c in classes) == 1000
    assert {c.stage for c in classes} == set(Stage)
    students = search_students(demo_db)
    from desktop.domain.identity import is_valid_national_code
    assert all(is_valid_national_code(s.national_code) for s in students)
    assert len({s.national_code for s in students}) == 1000
    assert any("\u200c" in s.last_name for s in students)
    twelfth = find_class(demo_db, "دوازدهم تجربی")
    assert all(s.record_code and len(s.record_code) == 19
               for s in search_students(demo_db, class_id=twelfth.id))
    primary = find_class(demo_db, "سوم الف")
    results = read_class(demo_db, primary.id)
    assert results and all(o.level is not None and o.grade is None
                           for r in results for o in r.rows.values())
    math = find_class(demo_db, "دهم ریاضی")
    results = read_class(demo_db, math.id)
    assert len(results) == 15 and all(len(r.rows) == 40 for r in results)
    graded = [o for r in results for o in r.rows.values()]
    assert all(o.complete for o in graded)
    assert any(o.passed is False for o in graded) and any(o.passed for o in graded)
    rows = class_grades(demo_db, math.id, SessionKind.DEY)
    # 11 courses with c1 + f1; the lab, the workshop, PE and discipline have no final: c1
    assert len(rows) == 40 * (11 * 2 + 4)
