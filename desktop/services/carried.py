"""The grades a student brought from the school they transferred from (issue 23, point 3):
read with this school's own, once.

:class:`desktop.models.entities.CarriedGrade` holds them as the centre gave them (the
course by its curriculum code, the value in its stored text).  A class reads them for its
members under the course of the class with the same code: a sheet shows them (read-only:
its cell was earned elsewhere, :func:`carried_cells` and ``sheet.carried``), its
completeness counts them, and the class's results and cards use them; a cell this school
wrote wins, and none is written where one was carried.  Each card names where they were
earned (:func:`earned_elsewhere`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calendar import SessionKind
from ..domain.grading import parse_stored
from ..models.entities import AcademicYear, CarriedGrade, ClassGroup, Course, Transfer
from .enrollment import members
from .school import courses_taken_by


def any_carried(s: Session) -> bool:
    """Whether this school holds any carried grade (most never do: nothing else is read)."""
    return s.scalar(select(CarriedGrade.id).limit(1)) is not None


def carried_cells(s: Session, class_id: int, student_ids: Iterable[int] | None = None
                  ) -> dict[int, dict[int, dict[str, object]]]:
    """course id -> student id -> component -> value: what the class's members (or
    ``student_ids``) brought, for the class's year, under the class's course of that code."""
    if not any_carried(s):
        return {}
    klass = s.get(ClassGroup, class_id)
    if klass is None:
        return {}
    year = s.scalar(select(AcademicYear.start_year).where(AcademicYear.id == klass.year_id))
    course_of = {code: cid for code, cid in s.execute(select(Course.code, Course.id).where(
        courses_taken_by(klass), Course.exam_only.is_(False)))}
    who = members(class_id) if student_ids is None else list(student_ids)
    out: dict[int, dict[int, dict[str, object]]] = defaultdict(lambda: defaultdict(dict))
    for sid, code, component, value in s.execute(
            select(CarriedGrade.student_id, CarriedGrade.course_code, CarriedGrade.component,
                   CarriedGrade.value)
            .where(CarriedGrade.year == year, CarriedGrade.course_code.in_(list(course_of)),
                   CarriedGrade.student_id.in_(who))):
        out[course_of[code]][sid][component] = parse_stored(value)
    return out


def earned_elsewhere(s: Session, student_ids: Iterable[int], year: int
                     ) -> dict[int, list[str]]:
    """Student id -> the card's notes on where their carried grades were earned: «نمره‌های
    نوبت اول (دی) در «دبیرستان …» (کد …) گرفته شده است: فارسی ۱، …»."""
    ids = list(student_ids)
    if not ids or not any_carried(s):
        return {}
    rows = s.execute(
        select(CarriedGrade.student_id, CarriedGrade.session, CarriedGrade.course_name,
               Transfer.other_school, Transfer.other_name)
        .join(Transfer, CarriedGrade.transfer_id == Transfer.id)
        .where(CarriedGrade.student_id.in_(ids), CarriedGrade.year == year)
        .distinct()).all()
    grouped: dict[int, dict[tuple[SessionKind, str, str], set[str]]] = defaultdict(
        lambda: defaultdict(set))
    for sid, session, course, code, name in rows:
        grouped[sid][(SessionKind(session), code, name or code)].add(course)
    order = list(SessionKind)
    return {sid: [f"نمره‌های {session.label_fa} در «{name}» (کد {code}) گرفته شده است: "
                  + "، ".join(sorted(courses))
                  for (session, code, name), courses in sorted(
                      groups.items(), key=lambda kv: order.index(kv[0][0]))]
            for sid, groups in grouped.items()}

