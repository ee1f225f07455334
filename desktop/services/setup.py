"""Setting up a school year: the grades and tracks the school teaches (their courses from
the official curriculum, :mod:`desktop.domain.curriculum`), local courses, classes, and who
teaches what.

Every step is one transaction with its audit event, taken by the principal or the academic
deputy, and refused with a Persian message that changes nothing: a track the grade has not,
a stage the school does not teach, a class name twice, a course with grades removed, a
teacher given a course the class does not take.  The demo school is made through these same
functions (:mod:`.demo`), so a demo bug is a real school's bug.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from ..domain.curriculum import Curriculum, check_local, curriculum_for, track_name
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.grading import stage_of
from ..domain.structure import GRADE_LEVEL_NAMES, TRACK_SHORT
from ..domain.text import normalize, search_key, to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import (
    ClassGroup,
    Course,
    Enrollment,
    Field,
    Grade,
    GradeLevel,
    GradeSheet,
    School,
    Teaching,
    User,
)
from . import audit
from .context import Actor
from .school import (
    ClassInfo,
    CourseInfo,
    current_year,
    get_class,
    level_id,
    list_courses,
    track_id,
    year_id,
)

SETUP_ROLES = frozenset({Role.PRINCIPAL, Role.DEPUTY})
SETUP_ACTION = "راه‌اندازی سال تحصیلی"
MOST_CLASSES = 30  # of one grade and track, at one go


@dataclass(frozen=True)
class Programme:
    """A grade and track the school teaches this year, with its counts."""

    grade: int
    track: str | None
    courses: int
    local: int
    classes: int

    @property
    def title(self) -> str:
        name = GRADE_LEVEL_NAMES[self.grade]
        return f"{name} {track_name(self.track)}" if self.track else name


@dataclass(frozen=True)
class TeachingRow:
    """One course of a class and its teacher (None: nobody yet)."""

    course: CourseInfo
    teacher_id: int | None
    teacher: str | None


def _track_suffix(track: str | None) -> str:
    return f" رشتهٔ {track_name(track)}" if track else ""


def _school(s: Session) -> School:
    school = s.scalar(select(School).limit(1))
    if school is None:
        raise DaftarError("school.missing")
    return school


def _check_stage(school: School, grade: int) -> None:
    stage = stage_of(grade)
    if stage.value not in school.stages.split(","):
        raise ValidationError("setup.stage", stage=stage.label_fa)


def _courses_of(s: Session, grade: int, track: str | None) -> list[Course]:
    field_id = track_id(s, track)
    return list(s.scalars(select(Course).where(
        Course.grade_level_id == level_id(s, grade),
        Course.field_id.is_(None) if field_id is None else Course.field_id == field_id,
        Course.exam_only.is_(False)).order_by(Course.id)))


def open_grade_in(s: Session, actor: Actor, grade: int, track: str | None,
                  curriculum: Curriculum) -> list[Course]:
    """The courses of a grade and track made from the curriculum, in the caller's
    transaction (those made before are kept: opening twice adds nothing)."""
    track = curriculum.check_track(grade, track)
    specs = curriculum.courses(grade, track)
    school = _school(s)
    _check_stage(school, grade)
    existing = {c.code: c for c in _courses_of(s, grade, track)}
    made = []
    grade_level_id, field_id = level_id(s, grade), track_id(s, track)
    for spec in specs:
        code = spec.code(grade, track)
        if code in existing:
            continue
        course = Course(school_id=school.id, grade_level_id=grade_level_id, field_id=field_id,
                        code=code, name=normalize(spec.name), units=spec.units,
                        national_exam=spec.national_exam, has_final=spec.has_final,
                        discipline=spec.discipline, curriculum=curriculum.version)
        s.add(course)
        made.append(course)
    if made:
        s.flush()
        audit.record(s, actor, "setup.open_grade", "grade_level", grade,
                     new={"track": track, "curriculum": curriculum.version,
                          "courses": [c.code for c in made]})
    return _courses_of(s, grade, track)


def open_grade(db: Database, actor: Actor, grade: int, track: str | None = None,
               year: int | None = None) -> list[CourseInfo]:
    """Open a grade (and track) at this school: its courses from the curriculum in force
    in ``year`` (the current school year by default)."""
    actor.require(SETUP_ROLES, SETUP_ACTION)
    curriculum = curriculum_for(year or current_year(db))
    with db.unit() as s:
        open_grade_in(s, actor, grade, track, curriculum)
    return grade_courses(db, grade, track)


def grade_courses(db: Database, grade: int, track: str | None = None) -> list[CourseInfo]:
    """The school's courses of a grade and track (official and local)."""
    with db.unit() as s:
        ids = {c.id for c in _courses_of(s, grade, track)}
    return [c for c in list_courses(db) if c.id in ids]


def programmes(db: Database, year: int | None = None) -> list[Programme]:
    """The grades and tracks the school has opened, with their courses and this year's
    classes."""
    year = year or current_year(db)
    with db.unit() as s:
        yid = year_id(s, year)
        courses = s.execute(
            select(GradeLevel.number, Field.code, func.count(),
                   func.sum(case((Course.local, 1), else_=0)))
            .select_from(Course).join(GradeLevel, Course.grade_level_id == GradeLevel.id)
            .outerjoin(Field, Course.field_id == Field.id)
            .where(Course.exam_only.is_(False))
            .group_by(GradeLevel.number, Field.code)).all()
        classes = dict(((g, f), n) for g, f, n in s.execute(
            select(GradeLevel.number, Field.code, func.count())
            .select_from(ClassGroup).join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
            .outerjoin(Field, ClassGroup.field_id == Field.id)
            .where(ClassGroup.year_id == yid, ClassGroup.only_course_id.is_(None))
            .group_by(GradeLevel.number, Field.code)).all())
    found = [Programme(g, f, n, int(local or 0), classes.get((g, f), 0))
             for g, f, n, local in courses]
    return sorted(found, key=lambda p: (p.grade, p.track or ""))


def default_names(grade: int, track: str | None, count: int, taken: set[str]) -> list[str]:
    """«دهم ریاضی ۱», «دهم ریاضی ۲» …: the next free numbers after the names ``taken``
    (search keys of the year's class names)."""
    base = GRADE_LEVEL_NAMES[grade] + (f" {TRACK_SHORT.get(track, track_name(track))}"
                                       if track else "")
    names: list[str] = []
    n = 1
    while len(names) < count:
        name = f"{base} {to_persian_digits(n)}"
        if search_key(name) not in taken:
            names.append(name)
        n += 1
    return names


def make_classes_in(s: Session, actor: Actor, year: int, grade: int, track: str | None,
                    names: list[str], curriculum: Curriculum) -> list[ClassGroup]:
    """Classes of a grade and track in the caller's transaction (the grade opened first
    if it was not); every name checked before anything is added."""
    track = curriculum.check_track(grade, track)
    _check_stage(_school(s), grade)
    yid = year_id(s, year)
    clean = [normalize(n) for n in names]
    if any(not n for n in clean):
        raise ValidationError("name.empty", field="نام کلاس")
    taken = set(s.scalars(select(ClassGroup.name_key).where(ClassGroup.year_id == yid)))
    seen: set[str] = set()
    for name in clean:
        key = search_key(name)
        if key in taken or key in seen:
            raise ValidationError("setup.class_exists", name=name, year=year)
        seen.add(key)
    if not _courses_of(s, grade, track):
        open_grade_in(s, actor, grade, track, curriculum)
    made = []
    grade_level_id, field_id = level_id(s, grade), track_id(s, track)
    for name in clean:
        klass = ClassGroup(year_id=yid, grade_level_id=grade_level_id, field_id=field_id,
                           name=name, name_key=search_key(name))
        s.add(klass)
        made.append(klass)
    s.flush()
    for klass in made:
        audit.record(s, actor, "class.create", "class_group", klass.id,
                     new={"name": klass.name, "grade_level": grade, "field": track,
                          "year": year})
    return made


def make_classes(db: Database, actor: Actor, grade: int, track: str | None = None,
                 names: list[str] | None = None, count: int | None = None,
                 year: int | None = None) -> list[ClassInfo]:
    """Add classes to a grade and track: by their names, or ``count`` of them named
    «دهم ریاضی ۱», «دهم ریاضی ۲» … after those the year has."""
    actor.require(SETUP_ROLES, SETUP_ACTION)
    year = year or current_year(db)
    curriculum = curriculum_for(year)
    track = curriculum.check_track(grade, track)
    if not names:
        if count is None or not 1 <= count <= MOST_CLASSES:
            raise ValidationError("setup.class_count", value=count, most=MOST_CLASSES)
    with db.unit() as s:
        if not names:
            taken = set(s.scalars(select(ClassGroup.name_key).where(
                ClassGroup.year_id == year_id(s, year))))
            names = default_names(grade, track, count or 0, taken)
        ids = [k.id for k in make_classes_in(s, actor, year, grade, track, names, curriculum)]
    return [get_class(db, i) for i in ids]


def remove_class(db: Database, actor: Actor, class_id: int) -> None:
    """Remove a class made by mistake: only while it has no student and no grade."""
    actor.require(SETUP_ROLES, SETUP_ACTION)
    with db.unit() as s:
        klass = s.get(ClassGroup, class_id)
        if klass is None:
            raise NotFound("not_found", what="کلاس", value=class_id)
        students = s.scalar(select(func.count()).select_from(Enrollment).where(
            Enrollment.class_id == class_id)) or 0
        grades = s.scalar(select(func.count()).select_from(Grade).join(GradeSheet).where(
            GradeSheet.class_id == class_id)) or 0
        if students or grades:
            raise ValidationError("setup.class_not_empty", name=klass.name, students=students,
                                  grades=grades)
        s.execute(delete(Teaching).where(Teaching.class_id == class_id))
        s.execute(delete(GradeSheet).where(GradeSheet.class_id == class_id))
        audit.record(s, actor, "class.remove", "class_group", class_id, old={"name": klass.name})
        s.delete(klass)


def add_local_course(db: Database, actor: Actor, grade: int, track: str | None, name: str,
                     units: int, has_final: bool = True) -> CourseInfo:
    """A course of the school's own beside the curriculum's (marked local); 0 units keeps
    it out of the average."""
    actor.require(SETUP_ROLES, SETUP_ACTION)
    curriculum = curriculum_for(current_year(db))
    track = curriculum.check_track(grade, track)
    clean = normalize(name)
    check_local(grade, clean, units)
    with db.unit() as s:
        school = _school(s)
        _check_stage(school, grade)
        courses = _courses_of(s, grade, track)
        if not courses:
            raise ValidationError("setup.not_open", grade=GRADE_LEVEL_NAMES[grade],
                                  track=_track_suffix(track))
        if any(search_key(c.name) == search_key(clean) for c in courses):
            raise ValidationError("setup.course_exists", name=clean,
                                  grade=GRADE_LEVEL_NAMES[grade], track=_track_suffix(track))
        n = 1 + sum(1 for c in courses if c.local)
        prefix = f"{grade}-{track}-" if track else f"{grade}-"
        codes = {c.code for c in courses}
        while f"{prefix}local{n}" in codes:
            n += 1
        course = Course(school_id=school.id, grade_level_id=level_id(s, grade),
                        field_id=track_id(s, track), code=f"{prefix}local{n}", name=clean,
                        units=units, has_final=has_final, local=True)
        s.add(course)
        s.flush()
        audit.record(s, actor, "course.create", "course", course.id,
                     new={"code": course.code, "name": clean, "units": units, "local": True})
        course_id = course.id
    return next(c for c in list_courses(db) if c.id == course_id)


def remove_course(db: Database, actor: Actor, course_id: int) -> None:
    """Remove a local course: refused for the curriculum's courses and for any course
    that has grades."""
    actor.require(SETUP_ROLES, SETUP_ACTION)
    with db.unit() as s:
        course = s.get(Course, course_id)
        if course is None:
            raise NotFound("not_found", what="درس", value=course_id)
        grades, sheets = s.execute(
            select(func.count(Grade.id), func.count(func.distinct(GradeSheet.id)))
            .select_from(GradeSheet).outerjoin(Grade, Grade.sheet_id == GradeSheet.id)
            .where(GradeSheet.course_id == course_id)).one()
        if grades:
            raise ValidationError("setup.course_has_grades", name=course.name, grades=grades,
                                  sheets=sheets)
        if not course.local:
            raise ValidationError("setup.course_official", name=course.name)
        s.execute(delete(Teaching).where(Teaching.course_id == course_id))
        s.execute(delete(GradeSheet).where(GradeSheet.course_id == course_id))
        audit.record(s, actor, "course.remove", "course", course_id,
                     old={"code": course.code, "name": course.name})
        s.delete(course)


def teaching(db: Database, class_id: int) -> list[TeachingRow]:
    """A class's courses and who teaches each."""
    courses = list_courses(db, class_id)
    with db.unit() as s:
        who = {cid: (uid, name) for cid, uid, name in s.execute(
            select(Teaching.course_id, User.id, User.display_name)
            .join(User, Teaching.user_id == User.id).where(Teaching.class_id == class_id))}
    return [TeachingRow(c, *who.get(c.id, (None, None))) for c in courses]


def teacher_id(db: Database, username: str) -> int:
    """A teacher's user id by their username."""
    with db.unit() as s:
        found = s.scalar(select(User).where(User.username == normalize(username).lower()))
        if found is None:
            raise NotFound("not_found", what="کاربر", value=username)
        if found.role is not Role.TEACHER:
            raise ValidationError("auth.not_teacher")
        return found.id


def unassign(db: Database, actor: Actor, class_id: int, course_id: int) -> None:
    """Take a class's course back from its teacher."""
    actor.require(SETUP_ROLES, "واگذاری درس")
    with db.unit() as s:
        row = s.scalar(select(Teaching).where(Teaching.class_id == class_id,
                                              Teaching.course_id == course_id))
        if row is None:
            return
        audit.record(s, actor, "teaching.unassign", "teaching", f"{class_id}:{course_id}",
                     old={"teacher": row.user_id})
        s.delete(row)
