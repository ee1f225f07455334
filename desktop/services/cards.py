"""Every student's card of a class and session, read once for the whole class.

The rule is :func:`desktop.domain.results.card`; this reads what it needs (the class's
courses and their results) and hands each student's rows to it.  Report cards,
certificates and the graduates' list all come through here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.calendar import SessionKind
from ..domain.grading import DEFAULT_POLICY, GradingPolicy
from ..domain.results import CardResult, CourseRow, card
from ..models.db import Database
from .class_grades import ClassCourseResult, read_class
from .school import ClassInfo, list_courses
from .students import StudentInfo


def class_cards(db: Database, klass: ClassInfo, session: SessionKind,
                students: Sequence[StudentInfo],
                policy: GradingPolicy = DEFAULT_POLICY,
                results: Sequence[ClassCourseResult] | None = None) -> dict[int, CardResult]:
    """Student id -> the card of ``session`` for each of ``students`` of ``klass``
    (``results``: that session's :func:`read_class`, when the caller has read it)."""
    meta = {c.id: c for c in list_courses(db, klass.id)}
    if results is None:
        results = read_class(db, klass.id, session, policy)
    cards = {}
    for st in students:
        rows = [CourseRow(meta[r.course_id].name, meta[r.course_id].units, r.rows[st.id],
                          meta[r.course_id].national_exam, meta[r.course_id].discipline)
                for r in results if st.id in r.rows]
        cards[st.id] = card(klass.grade_level, session, rows, policy)
    return cards
