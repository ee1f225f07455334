"""A school's document judged against the grade rows the centre holds (issue 24, point 2).

The rule is :mod:`desktop.domain.matching`; this reads what it needs, in two queries:
the holder's rows of the document's year (at every school: what a transferred student
brought counts, under the school's own rows, as the office reads it) and the sheets of
the holder's class at the school with the sheets the document says it rests on.
The judgement is made when someone asks, from what the centre holds then, so batches
may arrive in any order; a document found not to match is marked for the district's
queue (:func:`mismatched`), and unmarked if its rows are put right.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, Integer, and_, any_, bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from desktop.domain.calendar import SessionKind
from desktop.domain.grading import parse_stored
from desktop.domain.matching import (
    LEVEL_NEEDED,
    CourseCells,
    Match,
    centre_card,
    judge,
)
from desktop.domain.seal import SealError, open_seal
from desktop.domain.verification import DocumentKind, parse_code
from desktop.domain.workflow import Role, SheetState

from . import schema as t
from .core import Core, ReviewerAccount


def _number(session: str) -> int:
    """A sheet's session (its stored name) as its place in the year."""
    return SessionKind(session).number


def _course(local_id: int | None, code: str) -> Any:
    """A course of the card: the office's course id, or its code for a sheet sent before
    the office sent ids."""
    return local_id if local_id is not None else code


def _digest(row: Any, keys: list[bytes]) -> bytes | None:
    if row.digest:
        return bytes.fromhex(row.digest)
    try:   # registered before the digest was kept: read from its seal
        return open_seal(row.seal, keys).document.grades_digest if row.seal else None
    except SealError:
        return None


def match(conn: Connection, row: Any, keys: list[bytes], now: dt.datetime) -> Match:
    """The judgement of one registered document (``row``: the document table's code, kind,
    identity, session, digest, rests_on, seal and mismatch_at), recorded when it changes
    whether the document is in the district's queue."""
    kind = DocumentKind(row.kind)
    digest = _digest(row, keys)
    session = SessionKind.of_number(row.session or 0)
    result = Match.AWAITING
    if digest is not None and session is not None and row.identity:
        result = _judge(conn, row.code, kind, row.identity, session, digest,
                        json.loads(row.rests_on) if row.rests_on else None)
    flagged = row.mismatch_at is not None
    if (result is Match.MISMATCH) != flagged:
        conn.execute(update(t.document).where(t.document.c.code == row.code).values(
            mismatch_at=now if result is Match.MISMATCH else None))
    return result


_sh, _g = t.sheet.c, t.grade_row.c
# Built once: each call binds its values, and its text stays the same (the ids as one
# array), so PostgreSQL keeps the prepared plans of both.
# The holder's cells of a year, at every school.
_HOLDERS_ROWS = (
    select(_sh.school_code, _sh.local_id, _sh.class_name, _sh.session, _sh.course_code,
           _sh.course_local_id, _g.component, _g.value)
    .join(t.grade_row, and_(_g.school_code == _sh.school_code, _g.term == _sh.term,
                            _g.sheet_id == _sh.id))
    .where(_g.student == bindparam("identity"),
           _g.term == any_(bindparam("terms", type_=ARRAY(Integer))),
           _sh.year == bindparam("year"), _sh.exam_only.is_(False)))
# The class's sheets and those the document names (a sheet reaches the centre only
# complete, so each is a course of the card).
_CLASS_SHEETS = (
    select(_sh.local_id, _sh.class_name, _sh.session, _sh.state, _sh.grade_level,
           _sh.course_code, _sh.course_local_id, _sh.course_name, _sh.units, _sh.has_final,
           _sh.national, _sh.discipline, _sh.exam_only)
    .where(_sh.school_code == bindparam("school"), _sh.year == bindparam("year"),
           or_(_sh.class_name == bindparam("klass"),
               _sh.local_id == any_(bindparam("ids", type_=ARRAY(Integer))))))


def _judge(conn: Connection, code: str, kind: DocumentKind, identity: str,
           session: SessionKind, digest: bytes, rests_on: list[int] | None) -> Match:
    parsed = parse_code(code)
    school, year = parsed.school_code, parsed.year
    mine = conn.execute(_HOLDERS_ROWS, {"identity": identity, "year": year, "terms": [
        t.term_key(year, s) for s in t.TERMS]}).all()
    own = [r for r in mine if r.school_code == school]
    if not own:
        return Match.AWAITING
    last = max(own, key=lambda r: (_number(r.session), r.local_id))
    klass = last.class_name
    sheets = conn.execute(_CLASS_SHEETS, {"school": school, "year": year, "klass": klass,
                                          "ids": rests_on or []}).all()
    by_local = {s.local_id: s for s in sheets}
    upto = session.number
    if rests_on is not None:
        states = {i: SheetState(by_local[i].state) if i in by_local else None
                  for i in rests_on}
    else:   # printed before documents named their sheets: the class's, this session and before
        states = {s.local_id: SheetState(s.state) for s in sheets
                  if s.class_name == klass and not s.exam_only
                  and _number(s.session) <= upto}
        if not any(s.session == session.name for s in sheets if s.class_name == klass):
            return Match.AWAITING
    courses: dict[Any, CourseCells] = {}
    levels = set()
    for s in sorted(sheets, key=lambda s: s.local_id):
        if s.exam_only:
            continue
        key = _course(s.course_local_id, s.course_code)
        if key not in courses or s.session == session.name:   # this session's flags
            order = s.course_local_id if s.course_local_id is not None else 2 ** 31 + s.local_id
            courses[key] = CourseCells(order, s.course_name, s.units, s.has_final,
                                       s.national, s.discipline,
                                       courses[key].cells if key in courses else {})
        levels.add(s.grade_level)
    if len(levels) != 1:
        return Match.AWAITING
    code_of = {s.course_code: _course(s.course_local_id, s.course_code) for s in sheets}
    # under the class's own cells: another school's (a transfer), then another class's
    # of this school (a move), as the office reads them
    for r in sorted(mine, key=lambda r: (r.school_code == school, r.class_name == klass)):
        key = r.course_local_id if (r.school_code == school and r.course_local_id
                                    is not None) else code_of.get(r.course_code)
        if key in courses:
            courses[key].cells[r.component] = parse_stored(r.value)
    computed = centre_card(levels.pop(), session, list(courses.values()))
    return judge(digest, states, LEVEL_NEEDED[kind], computed)


def mismatched(central: Core, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
    """The documents in a district reviewer's reach found not to match the centre's rows
    (a province reviewer's queue holds none: the district looks first)."""
    if reviewer.role is not Role.DISTRICT:
        return []
    d = t.document.c
    with central.engine.connect() as conn:
        rows = conn.execute(
            select(d.code, d.school_code, d.kind, d.name, d.issued, d.mismatch_at)
            .where(d.mismatch_at.is_not(None), d.revoked_at.is_(None),
                   d.school_code.in_(central.schools_of(reviewer)))
            .order_by(d.school_code, d.mismatch_at)).all()
    return [{"code": r.code, "school": r.school_code,
             "kind": DocumentKind(r.kind).label_fa, "name": r.name,
             "issued": r.issued.isoformat() if r.issued else None,
             "found": r.mismatch_at.isoformat()} for r in rows]
