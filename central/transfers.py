"""A student moving from one school to another, through the centre (issue 23, point 3).

* The sending school files the transfer in a batch (``transfers``): the student's
  identity, the school they go to, the day they left and the slip the family carries.
  Refused (the batch whole) when the centre knows the student as another school's, or the
  school named is unknown or the sender itself.
* The receiving school finds it by the student's identity (:func:`lookup`): only a
  transfer addressed to it, with the grades the centre holds for the student: the sending
  school's sheets of that year that reached the centre, and province-approved sheets of
  earlier years (any school).
* The receiving school reports the arrival in a batch (``arrivals``): the student is then
  that school's at the centre, and the sending school hears it in its feed.  An arrival
  of a transfer addressed to another school, or of none, is refused: a student is never
  in two schools at once by the centre's word.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from desktop.domain.text import normalize

from . import schema as t
from .core import Core, Refusal, SchoolAccount, bad

# the states of a sheet at the centre whose rows the receiving school may count
HELD = ("sent", "district_approved", "province_approved")
DETAILS = {"first": 100, "last": 100, "father": 100, "gender": 1, "birth": 10, "place": 100,
           "serial": 20, "class": 100, "grade": 2, "track": 30}


def _day(value: Any, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise bad(what) from None


def file(central: Core, conn: Connection, school: SchoolAccount, item: Any,
         now: dt.datetime) -> None:
    """One transfer out of ``school`` (the batch is refused whole on a bad one)."""
    try:
        slip, identity = str(item["slip"])[:12], str(item["student"])[:40]
        to, year = str(item["to"]), int(item["year"])
        details = {k: normalize(str(v))[:DETAILS[k]] for k, v in item["details"].items()
                   if k in DETAILS}
    except (KeyError, ValueError, TypeError, AttributeError):
        raise bad("transfer") from None
    left_on = _day(item.get("on"), "transfer")
    if to == school.code or conn.scalar(select(t.school.c.code)
                                        .where(t.school.c.code == to)) is None:
        raise Refusal(422, "central.transfer_school", value=to)
    owner = conn.scalar(select(t.student.c.school_code).where(t.student.c.identity == identity))
    if owner is not None and owner != school.code:
        raise Refusal(403, "central.not_your_student", value=identity)
    conn.execute(pg_insert(t.transfer).values(
        identity=identity, from_school=school.code, to_school=to, slip=slip, year=year,
        left_on=left_on, details=json.dumps(details, ensure_ascii=False), state="sent",
        filed_at=now).on_conflict_do_nothing())


def arrive(central: Core, conn: Connection, school: SchoolAccount, item: Any,
           now: dt.datetime) -> None:
    """The receiving school enrolled the student of a transfer addressed to it."""
    try:
        slip, sender, identity = str(item["slip"])[:12], str(item["from"])[:8], \
            str(item["student"])[:40]
    except (KeyError, TypeError):
        raise bad("arrival") from None
    on = _day(item.get("on"), "arrival")
    c = t.transfer.c
    row = conn.execute(select(c.id, c.to_school, c.state).where(
        c.from_school == sender, c.slip == slip, c.identity == identity)
        .with_for_update()).first()
    if row is None:
        raise Refusal(404, "central.no_transfer", value=identity)
    if row.to_school != school.code:
        raise Refusal(403, "central.transfer_not_yours", value=identity)
    if row.state == "arrived":
        return  # the same arrival again (a resent batch)
    conn.execute(update(t.transfer).where(c.id == row.id).values(state="arrived",
                                                                  arrived_on=on))
    conn.execute(update(t.student).where(t.student.c.identity == identity)
                 .values(school_code=school.code))
    central.feed(conn, sender, "transfer", {"slip": slip, "student": identity,
                                            "state": "arrived", "on": on.isoformat(),
                                            "school": school.code, "name": school.name})


def lookup(central: Core, school: SchoolAccount, identity: str) -> dict[str, Any]:
    """The latest transfer of ``identity`` addressed to ``school``, with the grades the
    centre holds for the student (refused when there is none for this school)."""
    c = t.transfer.c
    with central.engine.connect() as conn:
        row = conn.execute(select(c.slip, c.from_school, c.year, c.left_on, c.details, c.state,
                                  t.school.c.name)
                           .join(t.school, t.school.c.code == c.from_school)
                           .where(c.identity == identity[:40], c.to_school == school.code)
                           .order_by(c.id.desc()).limit(1)).first()
        if row is None:
            raise Refusal(404, "central.no_transfer", value=identity[:40])
        sh, g = t.sheet.c, t.grade_row.c
        this_year = (sh.school_code == row.from_school) & (sh.year == row.year) & \
            sh.state.in_(HELD)
        before = (sh.year < row.year) & (sh.state == "province_approved")
        grades = conn.execute(
            select(sh.year, sh.session, sh.grade_level, sh.course_code, sh.course_name,
                   sh.units, sh.has_final, sh.national, sh.school_code, sh.state,
                   g.component, g.value)
            .join(t.grade_row, (g.school_code == sh.school_code) & (g.sheet_id == sh.id))
            .where(g.student == identity[:40], this_year | before, sh.exam_only.is_(False))
            .order_by(sh.year, sh.term, sh.course_code, g.component)).all()
    keys = ("year", "session", "grade_level", "course_code", "course", "units", "has_final",
            "national", "school", "state", "component", "value")
    return {"slip": row.slip, "from": row.from_school, "from_name": row.name,
            "year": row.year, "left_on": row.left_on.isoformat(),
            "details": json.loads(row.details), "state": row.state,
            "grades": [dict(zip(keys, r, strict=True)) for r in grades]}
