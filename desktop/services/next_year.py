"""Opening the next school year from a closed one: its classes, its students, its teachers.

:func:`propose` reads the closed year's outcomes class by class: the promoted students of
«دهم ریاضی ۱» go to «یازدهم ریاضی ۱» (:func:`desktop.domain.year_end.next_class_name`),
the repeating ones to a class of the same name and grade.  The office may rename a target
or give two classes one name to merge them (of one grade and track only); a class is split
after opening, by moving students (:func:`desktop.services.enrollment.move_student`).
:func:`open_next_year` then, in one transaction: the year with its three sessions and
deadlines (the calendar's), the classes (their grade opened from the curriculum in force
that year if it was not), every placed student enrolled on the opening day, and each
teacher carried to the course that goes on (same subject: «فارسی ۱» → «فارسی ۲»; the same
course for a repeated grade).  Graduates, the unfinished, those who left and the promoted
whose next grade this school does not teach (or whose track the office chooses: 9 → 10)
are not placed, and are named.  The closed year stays as it is: readable, printable, its
sheets closed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calendar import DEFAULT_CALENDAR, school_year_label
from ..domain.curriculum import curriculum_for
from ..domain.errors import DaftarError, ValidationError
from ..domain.grading import stage_of
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import search_key
from ..domain.typed import typed_text
from ..domain.year_end import ClosingStage, Outcome, next_class_name, next_grade, subject_of
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    Course,
    Field,
    School,
    Student,
    Teaching,
    User,
)
from . import audit, live
from .context import Actor
from .enrollment import enroll_in
from .school import courses_taken_by, ensure_year
from .setup import make_classes_in
from .year_end import OPEN_ACTION, YEAR_END_ROLES, YearState, year_state


@dataclass(frozen=True)
class ClassPlan:
    """Where the students of one class of the closed year go."""

    source_id: int
    source_name: str
    grade_level: int
    track: str | None
    promoted: int
    repeating: int
    promote_to: str | None    # None: the promoted are not placed (``note`` says why)
    repeat_to: str | None
    note: str = ""


@dataclass(frozen=True)
class NextYear:
    year: int
    classes: tuple[str, ...]
    promoted: int
    repeating: int
    teaching: int
    not_placed: tuple[str, ...]


def _why_not(grade: int, track: str | None, stages: set[str], year: int) -> str:
    """Why the promoted of a grade are not placed by the opening ('' if they are)."""
    nxt = next_grade(grade)
    if nxt is None:
        return "پس از پایهٔ دوازدهم پایه‌ای نیست"
    if stage_of(nxt).value not in stages:
        return f"پایهٔ {GRADE_LEVEL_NAMES[nxt]} در این مدرسه تدریس نمی‌شود"
    try:
        curriculum_for(year + 1).check_track(nxt, track)
    except DaftarError:
        return f"رشتهٔ پایهٔ {GRADE_LEVEL_NAMES[nxt]} را دفتر برای هر دانش‌آموز برمی‌گزیند"
    return ""


def propose(db: Database, year: int, state: YearState | None = None) -> list[ClassPlan]:
    """The next year's classes as the closed year's outcomes (``state``, read if not
    given) suggest them."""
    state = state or year_state(db, year)
    with db.unit() as s:
        school = s.scalar(select(School).limit(1))
        stages = set(school.stages.split(",")) if school else set()
        tracks = dict(s.execute(select(Field.id, Field.code)).all())
    promoted: Counter[int] = Counter()
    repeating: Counter[int] = Counter()
    first: dict[int, tuple[str, int, int | None]] = {}
    for o in state.outcomes:
        first.setdefault(o.class_id, (o.class_name, o.grade_level, o.field_id))
        if o.outcome is Outcome.PROMOTED:
            promoted[o.class_id] += 1
        elif o.outcome is Outcome.REPEAT:
            repeating[o.class_id] += 1
    plans = []
    for class_id, (name, grade, field_id) in first.items():
        if not promoted[class_id] and not repeating[class_id]:
            continue
        track = tracks.get(field_id) if field_id is not None else None
        why = _why_not(grade, track, stages, year) if promoted[class_id] else ""
        plans.append(ClassPlan(
            class_id, name, grade, track, promoted[class_id], repeating[class_id],
            next_class_name(name, grade) if promoted[class_id] and not why else None,
            name if repeating[class_id] else None, why))
    return plans


def _targets(plan: Sequence[ClassPlan]) -> dict[str, tuple[str, int, str | None, str]]:
    """search key -> (name, grade, track, the first class sending students there); refused
    when one name would hold two grades or tracks."""
    out: dict[str, tuple[str, int, str | None, str]] = {}
    for p in plan:
        for name, grade in ((p.promote_to, p.grade_level + 1), (p.repeat_to, p.grade_level)):
            if name is None:
                continue
            clean = typed_text(name, "نام کلاس")
            if not clean:
                raise ValidationError("name.empty", field="نام کلاس")
            key = search_key(clean)
            if key in out and out[key][1:3] != (grade, p.track):
                raise ValidationError("year.plan_mixed", a=out[key][3], b=p.source_name,
                                      name=clean)
            out.setdefault(key, (clean, grade, p.track, p.source_name))
    return out


def open_next_year(db: Database, actor: Actor, year: int,
                   plan: Sequence[ClassPlan] | None = None) -> NextYear:
    """Open school year ``year + 1`` from the closed ``year`` (:func:`propose`'s plan, or
    the office's edit of it).  Refused while the year is not wholly closed, or the next
    one is open."""
    actor.require(YEAR_END_ROLES, OPEN_ACTION)
    state = year_state(db, year)
    if state.stage is None:
        raise ValidationError("year.not_closed", year=school_year_label(year))
    if state.stage is ClosingStage.KHORDAD:
        raise ValidationError("year.resits_pending", count=state.count(Outcome.RESIT))
    if state.next_opened:
        raise ValidationError("year.next_exists", next=school_year_label(year + 1))
    proposed = {p.source_id: p for p in propose(db, year, state)}
    if plan is None:
        plan = list(proposed.values())
    for p in plan:
        if p.source_id not in proposed:
            raise ValidationError("year.plan_class", value=p.source_name)
        # the counts and whether the promoted may be placed are the closed year's
        fixed = proposed[p.source_id]
        if p.promote_to is not None and fixed.promote_to is None:
            raise ValidationError("year.plan_class", value=p.source_name)
    plan = [replace(proposed[p.source_id], promote_to=p.promote_to, repeat_to=p.repeat_to)
            for p in plan]
    targets = _targets(plan)
    nxt = year + 1
    curriculum = curriculum_for(nxt)
    opening = DEFAULT_CALENDAR.opening_date(nxt).togregorian()
    by_class: dict[int, list[tuple[int, Outcome]]] = {}
    for o in state.outcomes:
        by_class.setdefault(o.class_id, []).append((o.student_id, o.outcome))
    with db.unit() as s:
        live.exclusive(s, "daftar.year_end")
        if s.scalar(select(AcademicYear.id).where(AcademicYear.start_year == nxt)):
            raise ValidationError("year.next_exists", next=school_year_label(nxt))
        school = s.scalar(select(School).limit(1))
        assert school is not None
        ensure_year(s, school.id, nxt)
        made: dict[str, ClassGroup] = {}
        for key, (name, grade, track, _first) in targets.items():
            made[key] = make_classes_in(s, actor, nxt, grade, track, [name], curriculum)[0]
        counts = Counter[str]()
        carried = 0
        not_placed = []
        for p in plan:
            people = by_class.get(p.source_id, [])
            for target, wanted, what in ((p.promote_to, Outcome.PROMOTED, "promoted"),
                                         (p.repeat_to, Outcome.REPEAT, "repeating")):
                ids = [sid for sid, o in people if o is wanted]
                if not ids:
                    continue
                if target is None:
                    not_placed.append(f"«{p.source_name}»: {len(ids)} نفر ({p.note})")
                    continue
                klass = made[search_key(typed_text(target, "نام کلاس"))]
                for sid in ids:
                    student = s.get(Student, sid)
                    assert student is not None
                    enroll_in(s, student, klass, actor, opening)
                    counts[what] += 1
                carried += _carry_teaching(s, p.source_id, klass,
                                           same_grade=wanted is Outcome.REPEAT)
        audit.record(s, actor, "year.open", "academic_year", nxt,
                     new={"from": year, "classes": [c.name for c in made.values()],
                          **counts, "teaching": carried, "not_placed": not_placed})
        names = tuple(c.name for c in made.values())
    return NextYear(nxt, names, counts["promoted"], counts["repeating"], carried,
                    tuple(not_placed))


def _carry_teaching(s: Session, source_id: int, target: ClassGroup, same_grade: bool) -> int:
    """Each teacher of the source class to the course of the target that goes on (the same
    course for the same grade; the same subject for the next); the first one wins."""
    taught = s.execute(select(Teaching.course_id, Course.name, Teaching.user_id)
                       .join(Course, Teaching.course_id == Course.id)
                       .join(User, Teaching.user_id == User.id)
                       .where(Teaching.class_id == source_id, User.active.is_(True))
                       .order_by(Teaching.id)).all()
    if not taught:
        return 0
    have = set(s.scalars(select(Teaching.course_id).where(Teaching.class_id == target.id)))
    courses = s.execute(select(Course.id, Course.name).where(
        courses_taken_by(target), Course.exam_only.is_(False)).order_by(Course.id)).all()
    by_subject: dict[str, int] = {}
    for cid, name in courses:
        by_subject.setdefault(subject_of(name), cid)
    ids = {cid for cid, _ in courses}
    added = 0
    for course_id, name, user_id in taught:
        goes_to = course_id if same_grade and course_id in ids else \
            None if same_grade else by_subject.get(subject_of(name))
        if goes_to is None or goes_to in have:
            continue
        s.add(Teaching(user_id=user_id, class_id=target.id, course_id=goes_to))
        have.add(goes_to)
        added += 1
    s.flush()
    return added
