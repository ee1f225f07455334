"""Registering a past graduate at this adult school for grade repair or creating an
academic record (seed 000; rules in ``domain.repair``), in the repair window.

The office types the graduate's 19-digit record code and identity; the central server
answers with their record's final-exam courses (it checks that the code is theirs);
the office chooses the courses to retake, keeps the registration and prints the
selection slip (نمونه برگ انتخاب واحد).

:func:`prepare_exam` puts the registered graduates on the exam's sheets: one class per
course (a one-course class of the school year, its candidates enrolled) and an
``exam_only`` course, so the grid, the approvals and sync treat the exam like any
sheet.  The province's approval makes the central server compare each grade with the
record by the policy's repair rule (``central.repairs``); the school that holds the
record hears of a replaced grade in its feed, which writes it there with the old value
in the grade's history, while the revoked certificates are printed
again with new codes from the recomputed record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import DEFAULT_CALENDAR, SessionKind, format_jalali, to_jalali, today_tehran
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.grading import DEFAULT_POLICY
from ..domain.identity import normalize_record_code
from ..domain.repair import RecordCourse, choose
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import normalize, search_key
from ..domain.verification import format_code
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import (
    ClassGroup,
    Course,
    Enrollment,
    GradeLevel,
    RepairRegistration,
    School,
    Student,
)
from . import audit
from .central_calls import ask
from .context import Actor
from .enrollment import enroll_in
from .grades import open_sheet_in
from .school import ensure_year, get_school, level_id
from .students import (
    GENDERS,
    StudentInput,
    insert_student,
    student_by_identity,
    validate_student,
)

WHO = frozenset({Role.PRINCIPAL, Role.CLERK, Role.DEPUTY})


@dataclass(frozen=True)
class Registration:
    id: int
    record_code: str
    identity: str
    name: str
    father: str
    courses: tuple[RecordCourse, ...]


def _in_window(db: Database) -> None:
    today = today_tehran(db.clock())
    if DEFAULT_CALENDAR.open_window("repair", today) is None:
        year = DEFAULT_CALENDAR.school_year_of(today)
        first, last = DEFAULT_CALENDAR.window("repair", year)
        if last < today:
            first, last = DEFAULT_CALENDAR.window("repair", year + 1)
        raise ValidationError("repair.window", first=format_jalali(first),
                              last=format_jalali(last))


def graduate_courses(db: Database, record_code: str, kind: str, value: str, secret: str
                     ) -> tuple[dict[str, str], list[RecordCourse]]:
    """Who the graduate is and their record's final-exam courses, from the central server."""
    answer = ask(db, "POST", "/v1/repair/record", json={
        "record_code": record_code, "kind": kind, "value": value, "secret": secret}).json()
    courses = [RecordCourse(str(c["code"]), str(c["name"]), int(c["units"]),
                            int(c["grade_level"]), int(c["year"]), str(c["grade"]))
               for c in answer["courses"]]
    person = {k: str(answer[k]) for k in ("identity", "first", "last", "father")}
    person["birth"] = str(answer.get("birth") or "")
    return person, courses


def register(db: Database, actor: Actor, record_code: str, kind: str, value: str, secret: str,
             wanted: list[str], *, gender: str) -> Registration:
    """Register the graduate for the chosen courses (refused outside the window, for a
    course not in their record, or when the record code is not theirs)."""
    actor.require(WHO, "ثبت‌نام ترمیم نمره")
    sex = GENDERS.get(normalize(gender))
    if sex is None:
        raise ValidationError("student.gender", value=gender)
    _in_window(db)
    code = normalize_record_code(record_code)
    person, record = graduate_courses(db, code, kind, value, secret)
    chosen = choose(record, wanted)
    with db.unit() as s:
        row = RepairRegistration(
            record_code=code, identity=person["identity"], first_name=person["first"],
            last_name=person["last"], father_name=person["father"], gender=sex,
            birth_date=dt.date.fromisoformat(person["birth"]) if person["birth"] else None,
            birth_cert_serial=secret.strip() if kind == "national" else None,
            courses=json.dumps([asdict(c) for c in chosen], ensure_ascii=False),
            registered_by=actor.username)
        s.add(row)
        s.flush()
        audit.record(s, actor, "repair.register", "repair_registration", row.id,
                     new={"record_code": code, "courses": [c.code for c in chosen]})
        return _info(row)


def _info(row: RepairRegistration) -> Registration:
    courses = tuple(RecordCourse(**c) for c in json.loads(row.courses))
    return Registration(row.id, row.record_code, row.identity,
                        f"{row.first_name} {row.last_name}", row.father_name, courses)


def registrations(db: Database) -> list[Registration]:
    with db.unit() as s:
        return [_info(r) for r in s.scalars(select(RepairRegistration)
                                            .order_by(RepairRegistration.id))]


def selection_slip(db: Database, registration_id: int, out: Path) -> int:
    """The selection slip (نمونه برگ انتخاب واحد) as PDF; returns the courses on it."""
    from ..printing.slips import selection_slip_page

    with db.unit() as s:
        row = s.get(RepairRegistration, registration_id)
        if row is None:
            raise NotFound("not_found", what="ثبت‌نام ترمیم", value=registration_id)
        reg = _info(row)
        day = format_jalali(today_tehran(db.clock()))
    school = get_school(db)
    policy = DEFAULT_POLICY.repair
    rule = ("نمرۀ تازه فقط اگر بیشتر باشد جای نمرۀ پیشین را می‌گیرد"
            if policy.rule == "higher" else "نمرۀ تازه جای نمرۀ پیشین را می‌گیرد")
    selection_slip_page(out, f"{school.name} — کد مدرسه {school.code}", [
        ("نام و نام خانوادگی", reg.name), ("نام پدر", reg.father),
        ("کد ملی / شناسه", reg.identity), ("کد سابقۀ تحصیلی", format_code(reg.record_code)),
        ("تاریخ ثبت‌نام", day)],
        [{"course": c.name, "units": str(c.units), "level": str(c.grade_level),
          "year": str(c.year), "grade": c.grade} for c in reg.courses],
        f"قاعدۀ ترمیم: {rule} ({policy.source}).")
    return len(reg.courses)


# --- the exam: sheets like any other ------------------------------------------------------

@dataclass(frozen=True)
class ExamSheet:
    sheet_id: int
    class_id: int
    class_name: str
    course: str
    candidates: int


def prepare_exam(db: Database, actor: Actor, session: SessionKind = SessionKind.KHORDAD
                 ) -> list[ExamSheet]:
    """Put every registered graduate on the sheets of the school year's ``session`` for
    the courses they chose (again and again: what is there already is kept); returns
    the exam's sheets.  Each course is a one-course class and an ``exam_only`` course."""
    actor.require(WHO, "برگه‌های امتحان ترمیم")
    if session is SessionKind.DEY:
        raise ValidationError("repair.session")
    today = today_tehran(db.clock())
    year = DEFAULT_CALENDAR.school_year_of(today)
    with db.unit() as s:
        school_id = s.scalar(select(School.id).limit(1))
        if school_id is None:
            raise DaftarError("school.missing")
        year_row = ensure_year(s, school_id, year)
        sheets: dict[int, tuple[ClassGroup, Course]] = {}
        for reg in s.scalars(select(RepairRegistration).order_by(RepairRegistration.id)):
            student = _placed(s, reg, actor, today)
            for c in (RecordCourse(**x) for x in json.loads(reg.courses)):
                course = _exam_course(s, school_id, c, actor)
                klass = _exam_class(s, year_row.id, course, actor)
                enroll_in(s, student, klass, actor, on=today.togregorian())
                sheet_id = open_sheet_in(s, klass.id, course.id, session)
                sheets[sheet_id] = (klass, course)
        s.flush()
        counts = dict(s.execute(select(Enrollment.class_id, func.count())
                                .where(Enrollment.class_id.in_(
                                    [k.id for k, _ in sheets.values()]))
                                .group_by(Enrollment.class_id)).all())
        return [ExamSheet(sid, k.id, k.name, c.name, counts.get(k.id, 0))
                for sid, (k, c) in sheets.items()]


def _placed(s: Session, reg: RepairRegistration, actor: Actor, today: Any) -> Student:
    """The graduate as a student of this school (found, or made from the registration)."""
    if reg.student_id is not None:
        return s.get_one(Student, reg.student_id)
    student = student_by_identity(s, reg.identity)
    if student is None:
        if reg.birth_date is None:
            raise ValidationError("repair.birth", name=f"{reg.first_name} {reg.last_name}")
        foreign = reg.identity.split(":", 1) if ":" in reg.identity else None
        values = validate_student(StudentInput(
            reg.first_name, reg.last_name, reg.father_name, reg.gender,
            to_jalali(reg.birth_date), "—",
            national_code=None if foreign else reg.identity,
            foreign_id_type=foreign[0] if foreign else None,
            foreign_id_value=foreign[1] if foreign else None,
            birth_cert_serial=reg.birth_cert_serial, record_code=reg.record_code), today)
        student = insert_student(s, values, actor)
    reg.student_id = student.id
    return student


def _exam_course(s: Session, school_id: int, c: RecordCourse, actor: Actor) -> Course:
    course = s.scalar(select(Course).join(GradeLevel, Course.grade_level_id == GradeLevel.id)
                      .where(Course.code == c.code, Course.exam_only.is_(True),
                             GradeLevel.number == c.grade_level))
    if course is None:
        course = Course(school_id=school_id, grade_level_id=level_id(s, c.grade_level),
                        code=c.code, name=c.name, units=c.units, national_exam=True,
                        has_final=True, exam_only=True)
        s.add(course)
        s.flush()
        audit.record(s, actor, "course.create", "course", course.id,
                     new={"code": c.code, "name": c.name, "units": c.units, "exam_only": True})
    return course


def _exam_class(s: Session, year_id: int, course: Course, actor: Actor) -> ClassGroup:
    klass = s.scalar(select(ClassGroup).where(ClassGroup.year_id == year_id,
                                              ClassGroup.only_course_id == course.id))
    if klass is None:
        level = s.get_one(GradeLevel, course.grade_level_id)
        name = f"ترمیم {course.name} — {GRADE_LEVEL_NAMES[level.number]}"
        klass = ClassGroup(year_id=year_id, grade_level_id=course.grade_level_id,
                           name=name, name_key=search_key(name), only_course_id=course.id)
        s.add(klass)
        s.flush()
        audit.record(s, actor, "class.create", "class_group", klass.id,
                     new={"name": name, "grade_level": level.number, "course": course.code})
    return klass


