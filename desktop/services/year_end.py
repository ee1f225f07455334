"""Closing a school year: each student's outcome, the Shahrivar re-sits settled, and the
closing undone while the next year has no grades.

The rule is :func:`desktop.domain.year_end.decide`; this reads what it needs, class by
class (:func:`read_class_sessions`: a student moved within the year is read in the class
they ended it in, with the grades they brought), and keeps the outcomes in
``year_outcome``.  Two steps, both the principal's, both audited:

1. :func:`close_year` after Khordad: refused, naming them, while a Khordad sheet of a
   class with students is not approved by the school (or a grade is missing).  Every
   student gets an outcome; those with courses to re-sit wait for Shahrivar.  The year's
   Dey and Khordad sheets take no more grades (:func:`closed_sessions`).
2. :func:`settle_resits` after Shahrivar: refused while a Shahrivar sheet of a re-sat
   course is not approved.  The re-sitters are promoted (graduated) or repeat the grade
   (grade 12: unfinished), and the year is wholly closed.  With nobody to re-sit, the
   first step closes it wholly.

:func:`reopen_year` undoes the closing (and the next year opened from it, while that has
no grade).  Opening the next year is :mod:`.next_year`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain.calendar import SessionKind, school_year_label
from ..domain.errors import ValidationError
from ..domain.grading import DEFAULT_POLICY, CourseOutcome, GradingPolicy, to_centi
from ..domain.identity import identity_text
from ..domain.results import CourseRow
from ..domain.text import collation_key
from ..domain.workflow import SCHOOL_APPROVED, Role
from ..domain.year_end import ClosingStage, Decision, Outcome, decide
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    Course,
    Enrollment,
    ExamSession,
    Grade,
    GradeLevel,
    GradeSheet,
    Student,
    Teaching,
    YearOutcome,
)
from . import audit, live
from .class_grades import read_class_sessions
from .context import Actor
from .enrollment import LIVE
from .school import courses_taken_by

YEAR_END_ROLES = frozenset({Role.PRINCIPAL})
CLOSE_ACTION = "بستن سال تحصیلی"
OPEN_ACTION = "گشودن سال تحصیلی بعد"
SHOWN = 12  # the names a refusal lists before «و … دیگر»


@dataclass(frozen=True)
class StudentOutcome:
    student_id: int
    name: str
    identity: str
    class_id: int
    class_name: str
    grade_level: int
    field_id: int | None
    outcome: Outcome
    courses: tuple[str, ...]
    average: Decimal | None


@dataclass(frozen=True)
class YearState:
    year: int
    stage: ClosingStage | None
    outcomes: tuple[StudentOutcome, ...]
    next_opened: bool

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.outcome is outcome)


def _listing(items: list[str]) -> str:
    shown = "، ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return shown + (f" و {more} مورد دیگر" if more > 0 else "")


def _year(s: Session, year: int) -> AcademicYear:
    row = s.scalar(select(AcademicYear).where(AcademicYear.start_year == year))
    if row is None:
        raise ValidationError("not_found", what="سال تحصیلی", value=school_year_label(year))
    return row


def _classes(s: Session, year_id: int) -> list[ClassGroup]:
    """The year's ordinary classes with anyone who was ever in them."""
    return list(s.scalars(
        select(ClassGroup).where(ClassGroup.year_id == year_id,
                                 ClassGroup.only_course_id.is_(None),
                                 ClassGroup.id.in_(select(Enrollment.class_id)))
        .order_by(ClassGroup.id)))


def _courses(s: Session, klass: ClassGroup) -> list[Course]:
    return list(s.scalars(select(Course).where(courses_taken_by(klass),
                                               Course.exam_only.is_(False)).order_by(Course.id)))


def _unapproved(s: Session, year_id: int, kind: SessionKind,
                wanted: dict[int, set[int]]) -> list[str]:
    """«class / course (state)» for each (class -> course ids) sheet of ``kind`` not
    approved by the school (or never opened)."""
    states = {(c, k): st for c, k, st in s.execute(
        select(GradeSheet.class_id, GradeSheet.course_id, GradeSheet.state)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .where(ExamSession.year_id == year_id, ExamSession.kind == kind,
               GradeSheet.class_id.in_(list(wanted))))}
    names = dict(s.execute(select(ClassGroup.id, ClassGroup.name)
                           .where(ClassGroup.id.in_(list(wanted)))).all())
    courses = dict(s.execute(select(Course.id, Course.name).where(
        Course.id.in_({c for ids in wanted.values() for c in ids}))).all())
    out = []
    for class_id in sorted(wanted, key=lambda c: collation_key(names[c])):
        for course_id in sorted(wanted[class_id]):
            state = states.get((class_id, course_id))
            if state not in SCHOOL_APPROVED:
                said = state.label_fa if state is not None else "باز نشده"
                out.append(f"«{names[class_id]} / {courses[course_id]}» ({said})")
    return out


def _members(s: Session, class_id: int) -> list[Student]:
    return list(s.scalars(select(Student).join(Enrollment, Enrollment.student_id == Student.id)
                          .where(Enrollment.class_id == class_id, LIVE)))


def _left(s: Session, year_id: int) -> list[tuple[Student, int]]:
    """Students who left the school during the year (no live ordinary class in it), with the
    class they left last."""
    live = select(Enrollment.student_id).where(Enrollment.year_id == year_id, LIVE,
                                               Enrollment.exam_course_id.is_(None))
    rows = s.execute(select(Student, Enrollment.class_id)
                     .join(Enrollment, Enrollment.student_id == Student.id)
                     .where(Enrollment.year_id == year_id, Enrollment.left_on.is_not(None),
                            Enrollment.exam_course_id.is_(None),
                            Student.id.not_in(live))
                     .order_by(Enrollment.left_on, Enrollment.id)).all()
    return list({st.id: (st, class_id) for st, class_id in rows}.values())


def _khordad_rows(db: Database, klass: ClassGroup, courses: list[Course],
                  member_ids: list[int], policy: GradingPolicy
                  ) -> tuple[dict[int, list[CourseRow]], dict[int, dict[int, CourseOutcome]]]:
    """Each member's Khordad row of every course of the class (a course without a cell is
    a row without a result), and each course's Shahrivar outcomes by student."""
    read = read_class_sessions(db, klass.id, (SessionKind.KHORDAD, SessionKind.SHAHRIVAR),
                               policy)
    khordad = {r.course_id: r.rows for r in read[SessionKind.KHORDAD]}
    nothing = CourseOutcome(None, None)
    rows = {sid: [CourseRow(c.name, c.units, khordad.get(c.id, {}).get(sid, nothing),
                            c.national_exam, c.discipline) for c in courses]
            for sid in member_ids}
    summer = {r.course_id: r.rows for r in read[SessionKind.SHAHRIVAR]}
    return rows, summer


def _centi(value: Decimal | None) -> int | None:
    return None if value is None else to_centi(value)


def close_year(db: Database, actor: Actor, year: int,
               policy: GradingPolicy = DEFAULT_POLICY) -> YearState:
    """Step 1 (after Khordad): every student's outcome; refused, naming what is missing,
    while a Khordad sheet is not approved or a grade is missing."""
    actor.require(YEAR_END_ROLES, CLOSE_ACTION)
    with db.unit() as s:
        row = _year(s, year)
        if row.closed is not None:
            raise ValidationError("year.closed_already", year=school_year_label(year),
                                  stage=ClosingStage(row.closed).label_fa)
        later = s.scalar(select(func.count()).select_from(AcademicYear)
                         .where(AcademicYear.start_year > year))
        if later:
            raise ValidationError("year.not_latest", year=school_year_label(year))
        year_id = row.id
        classes = _classes(s, year_id)
        courses = {k.id: _courses(s, k) for k in classes}
        levels = dict(s.execute(select(GradeLevel.id, GradeLevel.number)).all())
        members = {k.id: _members(s, k.id) for k in classes}
        # the classes with live members only: a class everyone left waits for no sheet
        missing = _unapproved(s, year_id, SessionKind.KHORDAD,
                              {k: {c.id for c in courses[k]} for k in members if members[k]})
        if missing:
            raise ValidationError("year.sheets_missing", year=school_year_label(year),
                                  count=len(missing), sheets=_listing(missing))
        left = _left(s, year_id)
    decided: list[tuple[Student, ClassGroup, Decision]] = []
    short: list[str] = []
    for klass in classes:
        if not members[klass.id]:
            continue
        rows, _summer = _khordad_rows(db, klass, courses[klass.id],
                                      [st.id for st in members[klass.id]], policy)
        for st in members[klass.id]:
            d = decide(levels[klass.grade_level_id], rows[st.id], None, policy)
            if d.outcome is None:
                short.append(f"{st.first_name} {st.last_name} ({_listing(list(d.missing))})")
            decided.append((st, klass, d))
    if short:
        raise ValidationError("year.grades_missing", count=len(short), names=_listing(short))
    with db.unit() as s:
        live.exclusive(s, "daftar.year_end")
        row = _year(s, year)
        if row.closed is not None:  # another PC closed it meanwhile
            raise ValidationError("year.closed_already", year=school_year_label(year),
                                  stage=ClosingStage(row.closed).label_fa)
        ids_by_name = {k.id: {c.name: c.id for c in courses[k.id]} for k in classes}
        for st, klass, d in decided:
            s.add(YearOutcome(year_id=row.id, student_id=st.id, class_id=klass.id,
                              outcome=d.outcome,
                              courses=json.dumps([ids_by_name[klass.id][n] for n in d.courses]),
                              average_centi=_centi(d.average)))
        for st, class_id in left:
            s.add(YearOutcome(year_id=row.id, student_id=st.id, class_id=class_id,
                              outcome=Outcome.LEFT, courses="[]"))
        resits = sum(1 for *_, d in decided if d.outcome is Outcome.RESIT)
        row.closed = ClosingStage.KHORDAD if resits else ClosingStage.FINAL
        row.closed_at = db.clock()
        counts = _counts([d.outcome for *_, d in decided] + [Outcome.LEFT] * len(left))
        audit.record(s, actor, "year.close", "academic_year", year,
                     new={"stage": str(row.closed), **counts,
                          "resit": {f"{st.first_name} {st.last_name}": list(d.courses)
                                    for st, _k, d in decided if d.outcome is Outcome.RESIT}})
    return year_state(db, year)


def _counts(outcomes: list[Outcome | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for o in outcomes:
        if o is not None:
            counts[o.value] = counts.get(o.value, 0) + 1
    return counts


def settle_resits(db: Database, actor: Actor, year: int,
                  policy: GradingPolicy = DEFAULT_POLICY) -> YearState:
    """Step 2 (after Shahrivar): the re-sitters' outcomes from their summer grades; refused
    while a Shahrivar sheet of a re-sat course is not approved."""
    actor.require(YEAR_END_ROLES, CLOSE_ACTION)
    with db.unit() as s:
        row = _year(s, year)
        if row.closed is None:
            raise ValidationError("year.not_closed", year=school_year_label(year))
        if row.closed is not ClosingStage.KHORDAD:
            raise ValidationError("year.no_resits", year=school_year_label(year))
        waiting = s.scalars(select(YearOutcome).where(YearOutcome.year_id == row.id,
                                                      YearOutcome.outcome == Outcome.RESIT)
                            ).all()
        wanted: dict[int, set[int]] = defaultdict(set)
        for o in waiting:
            wanted[o.class_id] |= set(json.loads(o.courses))
        missing = _unapproved(s, row.id, SessionKind.SHAHRIVAR, wanted)
        if missing:
            raise ValidationError("year.summer_missing", year=school_year_label(year),
                                  count=len(missing), sheets=_listing(missing))
        classes = {k.id: k for k in s.scalars(select(ClassGroup)
                                              .where(ClassGroup.id.in_(list(wanted))))}
        courses = {k: _courses(s, classes[k]) for k in classes}
        levels = dict(s.execute(select(GradeLevel.id, GradeLevel.number)).all())
        people = {st.id: st for st in s.scalars(select(Student).where(
            Student.id.in_([o.student_id for o in waiting])))}
        plan = [(o.id, o.student_id, o.class_id, json.loads(o.courses)) for o in waiting]
    decided: dict[int, Decision] = {}
    short: list[str] = []
    for class_id in classes:
        rows, summer = _khordad_rows(db, classes[class_id], courses[class_id],
                                     [sid for _o, sid, cid, _c in plan if cid == class_id],
                                     policy)
        names = {c.id: c.name for c in courses[class_id]}
        for oid, sid, cid, course_ids in plan:
            if cid != class_id:
                continue
            given = {names[c]: summer.get(c, {}).get(sid, CourseOutcome(None, None))
                     for c in course_ids}
            d = decide(levels[classes[class_id].grade_level_id], rows[sid], given, policy)
            if d.outcome is None:
                st = people[sid]
                short.append(f"{st.first_name} {st.last_name} ({_listing(list(d.missing))})")
            decided[oid] = d
    if short:
        raise ValidationError("year.grades_missing", count=len(short), names=_listing(short))
    with db.unit() as s:
        live.exclusive(s, "daftar.year_end")
        row = _year(s, year)
        if row.closed is not ClosingStage.KHORDAD:
            raise ValidationError("year.no_resits", year=school_year_label(year))
        for oid, d in decided.items():
            o = s.get(YearOutcome, oid)
            assert o is not None and d.outcome is not None
            o.outcome = d.outcome
            o.average_centi = _centi(d.average)  # ``courses`` stays: what was re-sat
        row.closed = ClosingStage.FINAL
        audit.record(s, actor, "year.settle", "academic_year", year,
                     new=_counts([d.outcome for d in decided.values()]))
    return year_state(db, year)


def year_state(db: Database, year: int) -> YearState:
    """How far the year is closed and every student's outcome (by class, then name)."""
    with db.unit() as s:
        row = _year(s, year)
        rows = s.execute(
            select(YearOutcome, Student, ClassGroup.name, GradeLevel.number, ClassGroup.field_id)
            .join(Student, YearOutcome.student_id == Student.id)
            .join(ClassGroup, YearOutcome.class_id == ClassGroup.id)
            .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
            .where(YearOutcome.year_id == row.id)).all()
        course_names = dict(s.execute(select(Course.id, Course.name)).all())
        opened = s.scalar(select(func.count()).select_from(AcademicYear)
                          .where(AcademicYear.start_year == year + 1)) > 0
        stage = ClosingStage(row.closed) if row.closed is not None else None
    outcomes = [StudentOutcome(
        st.id, f"{st.first_name} {st.last_name}",
        identity_text(st.national_code, st.foreign_id_type, st.foreign_id_value),
        o.class_id, class_name,
        level, field_id, Outcome(o.outcome),
        tuple(course_names[c] for c in json.loads(o.courses)),
        None if o.average_centi is None else Decimal(o.average_centi) / 100)
        for o, st, class_name, level, field_id in rows]
    outcomes.sort(key=lambda o: (o.grade_level, collation_key(o.class_name),
                                 collation_key(o.name)))
    return YearState(year, stage, tuple(outcomes), opened)


def reopen_year(db: Database, actor: Actor, year: int) -> None:
    """Undo the closing, and the next year opened from it (its classes, enrolments and
    teaching), while that has no grade.  Audited with what was removed."""
    actor.require(YEAR_END_ROLES, CLOSE_ACTION)
    with db.unit() as s:
        live.exclusive(s, "daftar.year_end")
        row = _year(s, year)
        if row.closed is None:
            raise ValidationError("year.not_closed", year=school_year_label(year))
        removed: dict[str, int] = {}
        nxt = s.scalar(select(AcademicYear).where(AcademicYear.start_year == year + 1))
        if nxt is not None:
            sessions = select(ExamSession.id).where(ExamSession.year_id == nxt.id)
            sheets = select(GradeSheet.id).where(GradeSheet.session_id.in_(sessions))
            grades = s.scalar(select(func.count()).select_from(Grade)
                              .where(Grade.sheet_id.in_(sheets)))
            if grades:
                raise ValidationError("year.next_has_grades", year=school_year_label(year),
                                      next=school_year_label(year + 1), count=grades)
            classes = select(ClassGroup.id).where(ClassGroup.year_id == nxt.id)
            removed["classes"] = s.scalar(select(func.count()).select_from(ClassGroup)
                                          .where(ClassGroup.year_id == nxt.id)) or 0
            removed["enrolments"] = s.execute(delete(Enrollment).where(
                Enrollment.year_id == nxt.id)).rowcount
            s.execute(delete(Teaching).where(Teaching.class_id.in_(classes)))
            s.execute(delete(GradeSheet).where(GradeSheet.session_id.in_(sessions)))
            s.execute(delete(ClassGroup).where(ClassGroup.year_id == nxt.id))
            s.execute(delete(ExamSession).where(ExamSession.year_id == nxt.id))
            s.delete(nxt)
        removed["outcomes"] = s.execute(delete(YearOutcome).where(
            YearOutcome.year_id == row.id)).rowcount
        old = str(row.closed)
        row.closed = None
        row.closed_at = None
        audit.record(s, actor, "year.reopen", "academic_year", year,
                     old={"stage": old}, new=removed)
