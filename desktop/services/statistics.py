"""Statistics of the school's results (Qt-free): a course of a class, a class, a grade level
and the whole school, for one exam session, with the change from the session before.

The outcomes are :func:`class_grades.read_class`'s (the policy's grades, levels and pass
decisions, as on the report cards) and a student's average is the card's
(:func:`cards.class_cards`): one rule, once.  The figures are computed by
:mod:`desktop.domain.statistics`.

Scopes and what their figures are over:

* a course of a class: each student's result in that course;
* a class: each student's card average (secondary), and each course beside it (``parts``);
  a primary class: the levels of all its courses' results, pooled;
* a grade level and the school: the card averages of their secondary students, and the
  pooled levels of their primary ones; each class beside them (``parts``).

The session before: Dey for Khordad, Khordad for Shahrivar, none for Dey.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain.calendar import SessionKind
from ..domain.errors import NotFound
from ..domain.grading import Descriptive, Stage
from ..domain.statistics import Change, Figures, change, descriptive, numeric, of_outcomes
from ..models.db import Database
from .cards import class_cards
from .class_grades import read_class_sessions
from .school import ClassInfo, get_class, list_classes
from .students import search_students

PREVIOUS = {SessionKind.KHORDAD: SessionKind.DEY, SessionKind.SHAHRIVAR: SessionKind.KHORDAD}


@dataclass(frozen=True)
class Report:
    """A scope's figures for one session: ``figures`` (numeric and/or descriptive), the
    same for the session before and the change, the parts beside (courses or classes),
    and the students' names for the lists (id -> «first last — class»)."""

    title: str
    session: SessionKind
    figures: tuple[Figures, ...]
    previous: tuple[Figures, ...] = ()
    parts: tuple[Figures, ...] = ()
    names: dict[int, str] = field(default_factory=dict)

    @property
    def changes(self) -> tuple[Change | None, ...]:
        before = {f.descriptive: f for f in self.previous}
        return tuple(change(f, before.get(f.descriptive)) for f in self.figures)


def course_report(db: Database, class_id: int, course_id: int,
                  session: SessionKind = SessionKind.KHORDAD) -> Report:
    """One course of one class."""
    def compute() -> Report:
        klass = get_class(db, class_id)
        read = read_class_sessions(db, class_id, _sessions(session))
        now = {r.course_id: r for r in read[session]}
        if course_id not in now:
            raise NotFound("not_found", what="درس", value=course_id)
        r = now[course_id]
        title = f"{klass.name} — {r.course_name}"
        before = tuple(of_outcomes(title, p.rows, sorted(p.absent))
                       for p in read.get(PREVIOUS.get(session), []) if p.course_id == course_id)
        students = search_students(db, class_id=klass.id, year=klass.year)
        return Report(title, session, (of_outcomes(title, r.rows, sorted(r.absent)),),
                      before, names={st.id: f"{st.first_name} {st.last_name} — {klass.name}"
                                     for st in students})

    return _cached(db, ("course", class_id, course_id, session), compute)


def _sessions(session: SessionKind) -> tuple[SessionKind, ...]:
    return (session, PREVIOUS[session]) if session in PREVIOUS else (session,)


class _Class:
    """One class read once for the session and the one before: its course results and
    (secondary) its cards, for each."""

    def __init__(self, db: Database, klass: ClassInfo, session: SessionKind) -> None:
        self.klass = klass
        self.results = read_class_sessions(db, klass.id, _sessions(session))
        self.students = search_students(db, class_id=klass.id, year=klass.year)
        self.cards: dict[SessionKind, dict[int, Any]] = {}
        if klass.stage is not Stage.PRIMARY:
            for k, results in self.results.items():
                self.cards[k] = class_cards(db, klass, k, self.students, results=results)

    def names(self) -> dict[int, str]:
        return {st.id: f"{st.first_name} {st.last_name} — {self.klass.name}"
                for st in self.students}

    def levels(self, session: SessionKind) -> list[Pooled]:
        return [((sid, r.course_id), o.level, o.passed, o.exempt) for r in self.results[session]
                for sid, o in r.rows.items()]

    def figures(self, session: SessionKind, title: str) -> Figures:
        if self.klass.stage is Stage.PRIMARY:
            return _pooled_levels(title, self.levels(session))
        return _averages(title, self.cards[session])

    def courses(self, session: SessionKind) -> tuple[Figures, ...]:
        return tuple(of_outcomes(r.course_name, r.rows, sorted(r.absent))
                     for r in self.results[session])


def _averages(title: str, cards: dict[int, Any]) -> Figures:
    """The students' card averages; passed: no course under the pass mark."""
    return numeric(title, {sid: c.average for sid, c in cards.items()},
                   {sid: (c.failed == 0) if c.average is not None else None
                    for sid, c in cards.items()})


# A primary group's results pooled: each (student, course) once, keyed by the pair.
Pooled = tuple[tuple[int, int], Descriptive | None, bool | None, bool]


def _pooled_levels(title: str, results: list[Pooled]) -> Figures:
    """Primary: the level of every (student, course) result, each counted once; the
    lists name (student id, course id) pairs."""
    return descriptive(title, {k: lv for k, lv, _p, _ex in results},  # type: ignore[misc]
                       {k: p for k, _lv, p, _ex in results},  # type: ignore[misc]
                       exempt=[k for k, _lv, _p, ex in results if ex],  # type: ignore[misc]
                       pooled=True)


def class_report(db: Database, class_id: int,
                 session: SessionKind = SessionKind.KHORDAD) -> Report:
    """One class: its students' averages (or pooled levels), each course beside."""
    def compute() -> Report:
        c = _Class(db, get_class(db, class_id), session)
        title = c.klass.name
        before = (c.figures(PREVIOUS[session], title),) if session in PREVIOUS else ()
        return Report(title, session, (c.figures(session, title),), before,
                      c.courses(session), c.names())

    return _cached(db, ("class", class_id, session), compute)


def _group(classes: list[_Class], session: SessionKind, title: str) -> tuple[Figures, ...]:
    cards: dict[int, Any] = {}
    pooled: list[Pooled] = []
    for c in classes:
        if c.klass.stage is Stage.PRIMARY:
            pooled.extend(c.levels(session))
        else:
            cards.update(c.cards[session])
    figures = []
    if cards:
        figures.append(_averages(title, cards))
    if pooled:
        figures.append(_pooled_levels(title, pooled))
    return tuple(figures)


def _many(db: Database, classes: list[ClassInfo], session: SessionKind, title: str) -> Report:
    read = [_Class(db, k, session) for k in classes]
    before = _group(read, PREVIOUS[session], title) if session in PREVIOUS else ()
    names: dict[int, str] = {}
    for c in read:
        names.update(c.names())
    return Report(title, session, _group(read, session, title), before,
                  tuple(c.figures(session, c.klass.name) for c in read), names)


def level_report(db: Database, year: int, grade_level: int,
                 session: SessionKind = SessionKind.KHORDAD) -> Report:
    """One grade level: every class of it, and each class beside."""
    from ..domain.structure import GRADE_LEVEL_NAMES

    classes = [c for c in list_classes(db, year) if c.grade_level == grade_level]
    if not classes:
        raise NotFound("not_found", what="پایه", value=grade_level)
    return _cached(db, ("level", year, grade_level, session), lambda: _many(
        db, classes, session, f"پایهٔ {GRADE_LEVEL_NAMES.get(grade_level, grade_level)}"))


def school_report(db: Database, year: int,
                  session: SessionKind = SessionKind.KHORDAD) -> Report:
    """The whole school: every class, and each grade level beside."""
    from ..domain.structure import GRADE_LEVEL_NAMES
    from .school import get_school

    def compute() -> Report:
        classes = list_classes(db, year)
        read = [_Class(db, k, session) for k in classes]
        title = get_school(db).name
        before = _group(read, PREVIOUS[session], title) if session in PREVIOUS else ()
        names: dict[int, str] = {}
        for c in read:
            names.update(c.names())
        parts = []
        for level in sorted({c.klass.grade_level for c in read}):
            mine = [c for c in read if c.klass.grade_level == level]
            parts.extend(_group(mine, session, GRADE_LEVEL_NAMES.get(level, str(level))))
        return Report(title, session, _group(read, session, title), before, tuple(parts),
                      names)

    return _cached(db, ("school", year, session), compute)


# Reports kept while the data they were computed from is unchanged.  Every change to
# grades, enrolments and classes is an audit event, so the audit head (its count and last
# hash, one row) names the data's state: a report is reused while the head is the same.
_CACHE: dict[tuple[Any, ...], tuple[tuple[int, str] | None, Report]] = {}


def _head(db: Database) -> tuple[int, str] | None:
    from sqlalchemy import select

    from ..models.entities import AuditHead

    with db.unit() as s:
        row = s.execute(select(AuditHead.events, AuditHead.last_hash)).first()
    return None if row is None else (row[0], row[1])


def _cached(db: Database, key: tuple[Any, ...], compute: Any) -> Report:
    full = (db.url, *key)
    head = _head(db)
    hit = _CACHE.get(full)
    if hit is not None and hit[0] == head:
        return hit[1]
    report = compute()
    _CACHE[full] = (head, report)
    return report


def forget() -> None:
    """Drop every kept report (the benchmark computes them again)."""
    _CACHE.clear()


def warm(db: Database, year: int, session: SessionKind = SessionKind.KHORDAD) -> None:
    """The school's report computed ahead (the window's start, on the worker thread), so
    that the Statistics page opens at once."""
    school_report(db, year, session)


# --- beside the district and the province (the central server) ----------------------------

def _comparison_key(year: int, session: SessionKind, grade_level: int, code: str) -> str:
    return f"stats.compare:{year}:{session.value}:{grade_level}:{code}"


def compare(db: Database, class_id: int, course_id: int, session: SessionKind,
            remote: Any = None) -> dict[str, Any]:
    """Ask the central server for the district's and province's figures of this class's
    course and session (aggregates only), keep them for offline days, and return them."""
    import datetime as dt
    import json

    from .remote import Transient, remote_for
    from .school import list_courses
    from .state import put_state

    klass = get_class(db, class_id)
    course = next((c for c in list_courses(db, class_id) if c.id == course_id), None)
    if course is None:
        raise NotFound("not_found", what="درس", value=course_id)
    own = remote is None
    remote = remote or remote_for(db)
    try:
        answer = remote.comparison(year=klass.year, session=session.value,
                                   grade_level=klass.grade_level, course_code=course.code)
    except Transient as e:  # offline, a dropped connection: told, nothing kept
        raise e.error from None
    finally:
        if own:
            remote.close()
    answer["fetched_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.unit() as s:
        put_state(s, _comparison_key(klass.year, session, klass.grade_level, course.code),
                  json.dumps(answer, ensure_ascii=False))
    return answer


def kept_comparison(db: Database, class_id: int, course_id: int,
                    session: SessionKind) -> dict[str, Any] | None:
    """The district's and province's figures as last fetched (None: never)."""
    import json

    from .school import list_courses
    from .state import get_state

    klass = get_class(db, class_id)
    course = next((c for c in list_courses(db, class_id) if c.id == course_id), None)
    if course is None:
        return None
    with db.unit() as s:
        text = get_state(s, _comparison_key(klass.year, session, klass.grade_level,
                                            course.code))
    return None if text is None else json.loads(text)
