"""Who sits in which class: enrolment, a move between classes of one year, leaving.

A student has one ordinary class a year at a time (beside it, a graduate may sit in any
number of one-course repair-exam classes).  A move or a departure never deletes the row:
it is kept with ``left_on`` set, so the class the student left still shows them on its
sheets, with the grades given there (read-only), and the class they went to reads those
grades for its cards (:func:`carried_cells_query`).  Only live rows (no ``left_on``) are
members: they are counted, listed, graded and printed.  Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jdatetime
from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from ..domain.calendar import SessionKind, format_jalali, school_year_label, to_jalali, today_tehran
from ..domain.errors import NotFound, ValidationError
from ..domain.structure import check_leaving_date
from ..domain.typed import typed_text
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    Course,
    Enrollment,
    ExamSession,
    Grade,
    GradeSheet,
    Student,
)
from . import audit
from .context import DEFAULT_ACTOR, Actor

ENROLMENT_ROLES = frozenset({Role.PRINCIPAL, Role.DEPUTY, Role.CLERK})
ENROLMENT_ACTION = "جابه‌جایی یا رفتن دانش‌آموز"

LIVE: ColumnElement[bool] = Enrollment.left_on.is_(None)


@dataclass(frozen=True)
class Stay:
    """One row of a student's history: a class, from when, until when (None: still)."""

    class_id: int
    class_name: str
    school_year: int
    enrolled_on: jdatetime.date
    left_on: jdatetime.date | None


def enroll(db: Database, student_id: int, class_id: int, actor: Actor = DEFAULT_ACTOR,
           on: dt.date | None = None) -> None:
    """Put a student in a class for the class's school year (one class per year)."""
    with db.unit() as s:
        student, klass = _student_and_class(s, student_id, class_id)
        enroll_in(s, student, klass, actor, on or today_tehran(db.clock()).togregorian())


def _student_and_class(s: Session, student_id: int, class_id: int) -> tuple[Student,
                                                                           ClassGroup]:
    student = s.get(Student, student_id)
    klass = s.get(ClassGroup, class_id)
    if student is None:
        raise NotFound("not_found", what="دانش‌آموز", value=student_id)
    if klass is None:
        raise NotFound("not_found", what="کلاس", value=class_id)
    return student, klass


def enroll_in(s: Session, student: Student, klass: ClassGroup, actor: Actor,
              on: dt.date | None = None) -> bool:
    """Enrol in the caller's transaction.  False if already in that class; refused if in
    another class of the same year (a one-course class, a repair exam's candidates for
    that course, stands beside the others: a graduate may retake several courses).  A
    student who left comes back this way, in a new row."""
    q = (select(Enrollment).join(ClassGroup, Enrollment.class_id == ClassGroup.id)
         .where(Enrollment.student_id == student.id, Enrollment.year_id == klass.year_id, LIVE))
    q = q.where(ClassGroup.id == klass.id) if klass.only_course_id is not None else \
        q.where(ClassGroup.only_course_id.is_(None))
    existing = s.scalar(q)
    if existing is not None:
        if existing.class_id == klass.id:
            return False
        other = s.get(ClassGroup, existing.class_id)
        year = s.get(AcademicYear, klass.year_id)
        raise ValidationError("enrollment.duplicate", klass=other.name if other else "?",
                              year=year.start_year if year else "?")
    s.add(Enrollment(student_id=student.id, class_id=klass.id, year_id=klass.year_id,
                     enrolled_on=on or today_tehran().togregorian(),
                     exam_course_id=klass.only_course_id))
    audit.record(s, actor, "student.enroll", "student", student.id,
                 new={"class_id": klass.id, "class": klass.name})
    return True


def _ordinary(s: Session, student_id: int, year_id: int) -> tuple[Enrollment | None,
                                                                   Enrollment | None]:
    """(the live ordinary row, the latest left one) of the student in the year."""
    rows = s.scalars(select(Enrollment).where(
        Enrollment.student_id == student_id, Enrollment.year_id == year_id,
        Enrollment.exam_course_id.is_(None)).order_by(Enrollment.id)).all()
    live = next((r for r in rows if r.left_on is None), None)
    left = next((r for r in reversed(rows) if r.left_on is not None), None)
    return live, left


def _current(s: Session, student_id: int, year_id: int) -> Enrollment:
    live, left = _ordinary(s, student_id, year_id)
    if live is not None:
        return live
    if left is not None:
        raise ValidationError("setup.left", date=format_jalali(left.left_on))
    year = s.get(AcademicYear, year_id)
    raise ValidationError("setup.not_enrolled",
                          year=school_year_label(year.start_year) if year else "?")


def _leave(s: Session, row: Enrollment, on: jdatetime.date | None,
           clock: dt.datetime | None) -> dt.date:
    year = s.get(AcademicYear, row.year_id)
    assert year is not None
    today = today_tehran(clock)
    day = on or today
    check_leaving_date(day, year.start_year, today, to_jalali(row.enrolled_on))
    row.left_on = day.togregorian()
    return row.left_on


def move_student(db: Database, actor: Actor, student_id: int, class_id: int,
                 on: jdatetime.date | None = None) -> None:
    """Move a student from their class to ``class_id`` of the same year, grade and track,
    on ``on`` (today if None).  The old class keeps its row, ended that day, and the
    grades given there stay on its sheets."""
    actor.require(ENROLMENT_ROLES, ENROLMENT_ACTION)
    with db.unit() as s:
        _student, target = _student_and_class(s, student_id, class_id)
        if target.only_course_id is not None:
            raise ValidationError("setup.move_exam_class", klass=target.name)
        row = _current(s, student_id, target.year_id)
        here = s.get(ClassGroup, row.class_id)
        assert here is not None
        if here.id == target.id:
            raise ValidationError("setup.same_class", klass=here.name)
        if (here.grade_level_id, here.field_id) != (target.grade_level_id, target.field_id):
            raise ValidationError("setup.move_track", klass=target.name, here=here.name)
        day = _leave(s, row, on, db.clock())
        s.add(Enrollment(student_id=student_id, class_id=target.id, year_id=target.year_id,
                         enrolled_on=day))
        audit.record(s, actor, "student.move", "student", student_id,
                     old={"class_id": here.id, "class": here.name},
                     new={"class_id": target.id, "class": target.name, "on": day.isoformat()})


def mark_left(db: Database, actor: Actor, student_id: int, school_year: int,
              on: jdatetime.date | None = None, reason: str | None = None) -> None:
    """The student left the school on ``on`` (today if None): their class of
    ``school_year`` ends that day; they are no longer listed, graded or printed there."""
    actor.require(ENROLMENT_ROLES, ENROLMENT_ACTION)
    why = typed_text(reason, "علت رفتن") or None
    with db.unit() as s:
        leave_in(s, actor, student_id, school_year, on, why, db.clock())


def leave_in(s: Session, actor: Actor, student_id: int, school_year: int,
             on: jdatetime.date | None, why: str | None,
             clock: dt.datetime | None) -> tuple[ClassGroup, dt.date]:
    """:func:`mark_left` in the caller's transaction (a transfer to another school too):
    the class they left and the day."""
    if s.get(Student, student_id) is None:
        raise NotFound("not_found", what="دانش‌آموز", value=student_id)
    year_id = s.scalar(select(AcademicYear.id).where(AcademicYear.start_year == school_year))
    if year_id is None:
        raise ValidationError("setup.not_enrolled", year=school_year_label(school_year))
    row = _current(s, student_id, year_id)
    klass = s.get(ClassGroup, row.class_id)
    assert klass is not None
    day = _leave(s, row, on, clock)
    audit.record(s, actor, "student.leave", "student", student_id,
                 old={"class_id": row.class_id, "class": klass.name},
                 new={"left_on": day.isoformat()}, reason=why)
    return klass, day


def history(db: Database, student_id: int) -> list[Stay]:
    """The student's classes, oldest first."""
    with db.unit() as s:
        rows = s.execute(
            select(ClassGroup.id, ClassGroup.name, AcademicYear.start_year,
                   Enrollment.enrolled_on, Enrollment.left_on)
            .join(ClassGroup, Enrollment.class_id == ClassGroup.id)
            .join(AcademicYear, Enrollment.year_id == AcademicYear.id)
            .where(Enrollment.student_id == student_id)
            .order_by(AcademicYear.start_year, Enrollment.enrolled_on, Enrollment.id)).all()
    return [Stay(cid, name, year, to_jalali(since), to_jalali(until) if until else None)
            for cid, name, year, since, until in rows]


def members(class_id: int) -> Select[tuple[int]]:
    """The ids of the class's live members (a subquery to filter or join on)."""
    return select(Enrollment.student_id).where(Enrollment.class_id == class_id, LIVE)


def carried_cells_filter(s: Session, class_id: int, year_id: int) -> ColumnElement[bool]:
    """Which grade rows a class's results read: its own sheets' cells of its live members,
    and the cells a member was given in the classes of the same year they moved from
    (read first, so this class's own cell wins where both have one: see
    :func:`own_sheet_last`)."""
    came_from = s.execute(
        select(Enrollment.student_id, Enrollment.class_id)
        .where(Enrollment.year_id == year_id, Enrollment.left_on.is_not(None),
               Enrollment.exam_course_id.is_(None), Enrollment.class_id != class_id,
               Enrollment.student_id.in_(members(class_id)))).all()
    own = GradeSheet.class_id == class_id
    if not came_from:
        return own
    return or_(own, *[and_(GradeSheet.class_id == old, Grade.student_id == sid)
                      for sid, old in came_from])


def own_sheet_last(class_id: int) -> ColumnElement[bool]:
    """An ORDER BY key: cells of the classes moved from before the class's own."""
    return GradeSheet.class_id == class_id


def departures(s: Session, class_id: int) -> dict[int, tuple[dt.date, str | None]]:
    """Student id -> (the day they left this class, the class of the same year they are
    in now, or None if they left the school) for those no longer in it."""
    left = dict(s.execute(select(Enrollment.student_id, Enrollment.left_on).where(
        Enrollment.class_id == class_id, Enrollment.left_on.is_not(None))).all())
    if not left:
        return {}
    year_id = s.scalar(select(ClassGroup.year_id).where(ClassGroup.id == class_id))
    now = dict(s.execute(
        select(Enrollment.student_id, ClassGroup.name)
        .join(ClassGroup, Enrollment.class_id == ClassGroup.id)
        .where(Enrollment.student_id.in_(list(left)), Enrollment.year_id == year_id, LIVE,
               Enrollment.exam_course_id.is_(None))).all())
    back = set(s.scalars(members(class_id).where(Enrollment.student_id.in_(list(left)))))
    return {sid: (day, now.get(sid)) for sid, day in left.items() if sid not in back}


def sheets_behind(s: Session, student_id: int, session_id: int | None) -> list[int]:
    """The sheets a student's card of an exam session reads (issue 24): every sheet of
    that session and the earlier ones of the year, of the class they are in (or were
    last in) and of the classes they moved from, repair sheets aside.  Sent with a
    printed document, so the centre knows when it holds all it rests on."""
    session = s.get(ExamSession, session_id) if session_id is not None else None
    if session is None:
        return []
    live, left = _ordinary(s, student_id, session.year_id)
    classes = [r.class_id for r in (live, left) if r is not None]
    classes += list(s.scalars(select(Enrollment.class_id).where(
        Enrollment.student_id == student_id, Enrollment.year_id == session.year_id,
        Enrollment.exam_course_id.is_(None), Enrollment.left_on.is_not(None))))
    kinds = [k for k in SessionKind if k.number <= session.kind.number]
    return sorted(s.scalars(
        select(GradeSheet.id).join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .join(Course, GradeSheet.course_id == Course.id)
        .where(GradeSheet.class_id.in_(set(classes)), ExamSession.year_id == session.year_id,
               ExamSession.kind.in_(kinds), Course.exam_only.is_(False))))
