"""Who sits a Shahrivar sheet: the students whose closed year sent them to re-sit that
course (:class:`desktop.models.entities.YearOutcome`, its ``courses``; kept after the
re-sits are settled).  A Shahrivar sheet lists them only, waits for their cells only, and
takes no grade for anyone else; before the year is closed after Khordad it has nobody."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.entities import YearOutcome


def candidates(s: Session, class_id: int, course_id: int) -> set[int]:
    """The students of ``class_id`` who re-sit ``course_id`` in Shahrivar."""
    return candidates_of(s, [(class_id, course_id)])[(class_id, course_id)]


def candidates_of(s: Session, pairs: Iterable[tuple[int, int]]
                  ) -> dict[tuple[int, int], set[int]]:
    """:func:`candidates` for many (class, course) pairs in one read."""
    wanted = {p: set() for p in pairs}  # type: dict[tuple[int, int], set[int]]
    classes = {c for c, _ in wanted}
    if not classes:
        return wanted
    for student_id, class_id, courses in s.execute(
            select(YearOutcome.student_id, YearOutcome.class_id, YearOutcome.courses)
            .where(YearOutcome.class_id.in_(classes), YearOutcome.courses != "[]")):
        for course_id in json.loads(courses):
            if (class_id, course_id) in wanted:
                wanted[(class_id, course_id)].add(student_id)
    return wanted
