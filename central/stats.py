"""Aggregates for a school's comparison: its district and its province, the same course
(by code and grade level) and the same session, with no student data in the answer.

Each student's course result is computed from the grade rows with the policy the schools
use (``DEFAULT_POLICY.scheme_for`` with the sheet's own flags, ``session_grade``: Khordad's
annual grade takes the Dey sheet's rows of the same class and course too), and the
figures by :mod:`desktop.domain.statistics`: one rule for both ends.  A group of fewer
than ``MIN_GROUP`` students is answered with its size only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, select

from desktop.domain.calendar import SessionKind
from desktop.domain.grading import DEFAULT_POLICY, Entry, parse_stored
from desktop.domain.statistics import of_outcomes

from . import schema as t

MIN_GROUP = 10
SESSIONS_READ = {SessionKind.DEY: ("DEY",), SessionKind.KHORDAD: ("DEY", "KHORDAD"),
                 SessionKind.SHAHRIVAR: ("SHAHRIVAR",)}


def comparison(central: Any, school: Any, year: int, session: SessionKind, grade_level: int,
               course_code: str) -> dict[str, Any]:
    """``{"district": …, "province": …}``: each a group's figures (or its size alone)."""
    with central.engine.connect() as conn:
        return {"year": year, "session": session.value, "grade_level": grade_level,
                "course_code": course_code,
                "district": _group(conn, and_(t.school.c.province == school.province,
                                              t.school.c.district == school.district),
                                   year, session, grade_level, course_code),
                "province": _group(conn, t.school.c.province == school.province,
                                   year, session, grade_level, course_code)}


def _group(conn: Any, where: Any, year: int, session: SessionKind, grade_level: int,
           course_code: str) -> dict[str, Any]:
    sh, g = t.sheet.c, t.grade_row.c
    rows = conn.execute(
        select(sh.school_code, sh.class_name, sh.session, sh.has_final, sh.national,
               sh.exam_only, g.student, g.component, g.value)
        .join(t.school, t.school.c.code == sh.school_code)
        .join(t.grade_row, and_(g.school_code == sh.school_code, g.term == sh.term,
                                g.sheet_id == sh.id))
        .where(where, sh.year == year, sh.grade_level == grade_level,
               sh.course_code == course_code, sh.session.in_(SESSIONS_READ[session]),
               sh.exam_only.is_(False)))
    entries: dict[tuple[str, str, str], dict[str, Entry]] = defaultdict(dict)
    flags: dict[tuple[str, str, str], tuple[bool, bool]] = {}
    schools = set()
    for code, class_name, kind, has_final, national, _exam, student, component, value in rows:
        key = (code, class_name, student)
        entries[key][component] = parse_stored(value)
        if kind == session.value:
            flags[key] = (has_final, national)
        schools.add(code)
    outcomes = {}
    for i, (key, cells) in enumerate(sorted(entries.items())):
        if key not in flags:  # a Dey row with no sheet of this session: not this session's
            continue
        has_final, national = flags[key]
        scheme = DEFAULT_POLICY.scheme_for(grade_level, has_final, national, False)
        outcomes[i] = scheme.session_grade(session, cells)
    if len(outcomes) < MIN_GROUP:
        return {"students": len(outcomes), "schools": len(schools), "figures": None}
    f = of_outcomes("", outcomes)
    figures: dict[str, Any] = {
        "count": f.count, "pass_rate": _num(f.pass_rate), "descriptive": f.descriptive}
    if f.descriptive:
        figures["levels"] = {s.level.name.lower(): s.count for s in f.levels}
    else:
        figures |= {"mean": _num(f.mean), "median": _num(f.median), "std": _num(f.std),
                    "bands": [b.count for b in f.bands]}
    return {"students": len(outcomes), "schools": len(schools), "figures": figures}


def _num(value: Any) -> str | None:
    return None if value is None else str(value)
