"""The school, its years and exam sessions, grade levels, branches, fields, classes, courses."""

from __future__ import annotations

from dataclasses import dataclass

import jdatetime
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..domain.calendar import DEFAULT_CALENDAR, CalendarPolicy, SessionKind, today_tehran
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.grading import Stage, stage_of
from ..domain.identity import normalize_school_code
from ..domain.structure import BRANCHES, FIELDS, grade_levels
from ..domain.text import collation_key, normalize, search_key
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    Branch,
    ClassGroup,
    Course,
    Enrollment,
    ExamSession,
    Field,
    GradeLevel,
    School,
)
from . import audit
from .context import PRINCIPAL_ACTOR, Actor
from .enrollment import LIVE


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    code: str
    name: str
    district: str
    province: str
    stages: tuple[Stage, ...]


@dataclass(frozen=True)
class SessionInfo:
    id: int
    year: int
    kind: SessionKind
    deadline: jdatetime.date


@dataclass(frozen=True)
class ClassInfo:
    id: int
    year: int
    name: str
    grade_level: int
    stage: Stage
    field_code: str | None
    field_name: str | None
    students: int


@dataclass(frozen=True)
class CourseInfo:
    id: int
    code: str
    name: str
    grade_level: int
    field_code: str | None
    units: int
    national_exam: bool
    has_final: bool
    discipline: bool
    exam_only: bool = False


def _school_info(s: School) -> SchoolInfo:
    return SchoolInfo(s.id, s.code, s.name, s.district, s.province,
                      tuple(Stage(x) for x in s.stages.split(",") if x))


def _required(text: str | None, field: str) -> str:
    value = normalize(text)
    if not value:
        raise ValidationError("name.empty", field=field)
    return value


def seed_reference(session: Session) -> None:
    """Grade levels, branches and fields (idempotent)."""
    if session.scalar(select(func.count()).select_from(GradeLevel)) == 0:
        session.add_all(GradeLevel(number=n, name=name, stage=stage)
                        for n, name, stage in grade_levels())
    if session.scalar(select(func.count()).select_from(Branch)) == 0:
        session.add_all(Branch(code=c, name=n) for c, n in BRANCHES.items())
        session.flush()
        branch_ids = dict(session.execute(select(Branch.code, Branch.id)).all())
        session.add_all(Field(code=c, branch_id=branch_ids[b], name=n)
                        for c, (b, n) in FIELDS.items())
    session.flush()


def ensure_year(session: Session, school_id: int, start_year: int,
                calendar: CalendarPolicy = DEFAULT_CALENDAR) -> AcademicYear:
    """The academic year and its three sessions with their deadlines (created if missing)."""
    year = session.scalar(select(AcademicYear).where(
        AcademicYear.school_id == school_id, AcademicYear.start_year == start_year))
    if year is None:
        year = AcademicYear(school_id=school_id, start_year=start_year,
                            opening_date=calendar.opening_date(start_year).togregorian())
        session.add(year)
        session.flush()
        session.add_all(
            ExamSession(year_id=year.id, kind=kind,
                        deadline=calendar.deadline(kind, start_year).togregorian())
            for kind in SessionKind
        )
        session.flush()
    return year


def create_school(db: Database, code: str, name: str, district: str, province: str,
                  stages: list[Stage] | tuple[Stage, ...], year: int | None = None,
                  actor: Actor = PRINCIPAL_ACTOR) -> SchoolInfo:
    """The school's identity; one school per database.  Also seeds reference data and the year."""
    clean_code = normalize_school_code(code)
    values = dict(
        code=clean_code,
        name=_required(name, "نام مدرسه"),
        district=_required(district, "منطقه"),
        province=_required(province, "استان"),
        stages=",".join(Stage(s).value for s in stages),
    )
    if not stages:
        raise ValidationError("name.empty", field="دوره‌های تحصیلی")
    start_year = year or DEFAULT_CALENDAR.school_year_of(today_tehran())
    with db.unit() as s:
        existing = s.scalar(select(School).limit(1))
        if existing is not None:
            raise DaftarError("school.exists", name=existing.name)
        school = School(**values)
        s.add(school)
        s.flush()
        seed_reference(s)
        ensure_year(s, school.id, start_year)
        audit.record(s, actor, "school.create", "school", school.id, new=values)
        return _school_info(school)


def get_school(db: Database) -> SchoolInfo:
    with db.unit() as s:
        school = s.scalar(select(School).limit(1))
        if school is None:
            raise DaftarError("school.missing")
        return _school_info(school)


def list_years(db: Database) -> list[int]:
    with db.unit() as s:
        return list(s.scalars(select(AcademicYear.start_year).order_by(AcademicYear.start_year)))


def current_year(db: Database) -> int:
    """The latest school year in the database."""
    years = list_years(db)
    if not years:
        raise DaftarError("school.missing")
    return years[-1]


def list_sessions(db: Database, year: int) -> list[SessionInfo]:
    with db.unit() as s:
        rows = s.execute(
            select(ExamSession.id, AcademicYear.start_year, ExamSession.kind, ExamSession.deadline)
            .join(AcademicYear).where(AcademicYear.start_year == year)
        ).all()
    order = list(SessionKind)
    return sorted(
        (SessionInfo(i, y, k, jdatetime.date.fromgregorian(date=d)) for i, y, k, d in rows),
        key=lambda x: order.index(x.kind),
    )


def year_id(s: Session, year: int) -> int:
    """The id of school year ``year`` (Jalali year of 1 Mehr), or ``not_found``."""
    found = s.scalar(select(AcademicYear.id).where(AcademicYear.start_year == year))
    if found is None:
        raise NotFound("not_found", what="سال تحصیلی", value=year)
    return found


def track_id(s: Session, field_code: str | None) -> int | None:
    """The id of a track (رشته) by its code, None for none, or ``not_found``."""
    if field_code is None:
        return None
    found = s.scalar(select(Field.id).where(Field.code == field_code))
    if found is None:
        raise NotFound("not_found", what="رشته", value=field_code)
    return found


def level_id(s: Session, number: int) -> int:
    """The id of grade level ``number`` (پایه), or ``not_found``."""
    level_id = s.scalar(select(GradeLevel.id).where(GradeLevel.number == number))
    if level_id is None:
        raise NotFound("not_found", what="پایه", value=number)
    return level_id


def create_class(db: Database, year: int, grade_level: int, name: str,
                 field_code: str | None = None, actor: Actor = PRINCIPAL_ACTOR) -> ClassInfo:
    clean = _required(name, "نام کلاس")
    stage = stage_of(grade_level)
    with db.unit() as s:
        klass = ClassGroup(year_id=year_id(s, year), grade_level_id=level_id(s, grade_level),
                           field_id=track_id(s, field_code), name=clean,
                           name_key=search_key(clean))
        s.add(klass)
        s.flush()
        audit.record(s, actor, "class.create", "class_group", klass.id,
                     new={"name": clean, "grade_level": grade_level, "field": field_code})
        field_name = FIELDS[field_code][1] if field_code else None
        return ClassInfo(klass.id, year, clean, grade_level, stage, field_code, field_name, 0)


def _class_query(year: int | None):  # type: ignore[no-untyped-def]
    counts = (select(Enrollment.class_id, func.count().label("n")).where(LIVE)
              .group_by(Enrollment.class_id).subquery())
    q = (select(ClassGroup.id, AcademicYear.start_year, ClassGroup.name, GradeLevel.number,
                GradeLevel.stage, Field.code, Field.name, func.coalesce(counts.c.n, 0))
         .join(AcademicYear, ClassGroup.year_id == AcademicYear.id)
         .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
         .outerjoin(Field, ClassGroup.field_id == Field.id)
         .outerjoin(counts, counts.c.class_id == ClassGroup.id))
    if year is not None:
        q = q.where(AcademicYear.start_year == year)
    return q


def list_classes(db: Database, year: int | None = None) -> list[ClassInfo]:
    with db.unit() as s:
        found = [ClassInfo(*row) for row in s.execute(_class_query(year)).all()]
    return sorted(found, key=lambda c: (c.year, c.grade_level, collation_key(c.name)))


def find_class(db: Database, name: str, year: int | None = None) -> ClassInfo:
    """A class by its name, typed in any ی/ک/digit form."""
    key = search_key(name)
    with db.unit() as s:
        row = s.execute(_class_query(year).where(ClassGroup.name_key == key)).first()
    if row is None:
        raise NotFound("not_found", what="کلاس", value=normalize(name))
    return ClassInfo(*row)


def get_class(db: Database, class_id: int) -> ClassInfo:
    with db.unit() as s:
        row = s.execute(_class_query(None).where(ClassGroup.id == class_id)).first()
    if row is None:
        raise NotFound("not_found", what="کلاس", value=class_id)
    return ClassInfo(*row)


def add_course(db: Database, grade_level: int, code: str, name: str, units: int,
               national_exam: bool = False, has_final: bool = True, discipline: bool = False,
               field_code: str | None = None, actor: Actor = PRINCIPAL_ACTOR) -> CourseInfo:
    clean_name = _required(name, "نام درس")
    clean_code = _required(code, "کد درس")
    if not (0 <= units <= 20):
        raise ValidationError("course.units", value=units)
    with db.unit() as s:
        school_id = s.scalar(select(School.id).limit(1))
        if school_id is None:
            raise DaftarError("school.missing")
        course = Course(school_id=school_id, grade_level_id=level_id(s, grade_level),
                        field_id=track_id(s, field_code), code=clean_code, name=clean_name,
                        units=units, national_exam=national_exam, has_final=has_final,
                        discipline=discipline)
        s.add(course)
        s.flush()
        audit.record(s, actor, "course.create", "course", course.id,
                     new={"code": clean_code, "name": clean_name, "units": units})
        return CourseInfo(course.id, clean_code, clean_name, grade_level, field_code, units,
                          national_exam, has_final, discipline)


def _course_query():  # type: ignore[no-untyped-def]
    return (select(Course.id, Course.code, Course.name, GradeLevel.number, Field.code,
                   Course.units, Course.national_exam, Course.has_final, Course.discipline,
                   Course.exam_only)
            .join(GradeLevel, Course.grade_level_id == GradeLevel.id)
            .outerjoin(Field, Course.field_id == Field.id)
            .order_by(GradeLevel.number, Course.id))


def list_courses(db: Database, class_id: int | None = None) -> list[CourseInfo]:
    """All courses, or those a class takes (its grade level, and its field or no field)."""
    with db.unit() as s:
        q = _course_query()
        if class_id is not None:
            klass = s.get(ClassGroup, class_id)
            if klass is None:
                raise NotFound("not_found", what="کلاس", value=class_id)
            q = q.where(courses_taken_by(klass))
        return [CourseInfo(*row) for row in s.execute(q).all()]


def courses_taken_by(klass: ClassGroup) -> ColumnElement[bool]:
    """Which courses a class takes (a WHERE clause): its grade level's, of its track or of
    no track; a one-course class (a repair exam's candidates), that course alone."""
    if klass.only_course_id is not None:
        return Course.id == klass.only_course_id
    track = Course.field_id.is_(None) if klass.field_id is None else \
        (Course.field_id == klass.field_id) | Course.field_id.is_(None)
    return (Course.grade_level_id == klass.grade_level_id) & track


def find_course(db: Database, code_or_name: str, class_id: int | None = None) -> CourseInfo:
    key = search_key(code_or_name)
    for course in list_courses(db, class_id):
        if key in (search_key(course.code), search_key(course.name)):
            return course
    raise NotFound("not_found", what="درس", value=normalize(code_or_name))
