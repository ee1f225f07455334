"""Students' objections from the review window (seed 000), for the district: they arrive
in a school's batch, the district reviewer accepts them or rejects them with a reason
(``desktop.domain.workflow.objection_decision``), and the answer goes to the school's
feed.  An accepted objection changes no grade here: the school files a change request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from desktop.domain.calendar import SessionKind
from desktop.domain.text import normalize
from desktop.domain.workflow import ChangeState, Role, objection_decision

from . import schema as t
from .core import Core, Refusal, ReviewerAccount, SchoolAccount


def file(conn: Connection, school: SchoolAccount, item: Any, now: dt.datetime) -> None:
    """One objection from a batch (a batch is refused whole on a bad one)."""
    try:
        local_id, sheet = int(item["id"]), int(item["sheet"])
        student, course = str(item["student"])[:40], normalize(str(item["course"]))[:100]
        session = SessionKind(item["session"]).value
        reason = normalize(str(item["reason"]))
    except (KeyError, ValueError, TypeError):
        raise Refusal(422, "central.payload", detail="objection") from None
    if not reason or not course:
        raise Refusal(422, "central.payload", detail="objection")
    conn.execute(pg_insert(t.objection).values(
        school_code=school.code, local_id=local_id, sheet_local_id=sheet, student=student,
        course=course, session=session, reason=reason[:4000], state=ChangeState.FILED.value,
        filed_at=now).on_conflict_do_nothing())


def waiting(central: Core, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
    """Objections waiting for a district reviewer (a province reviewer has none)."""
    if reviewer.role is not Role.DISTRICT:
        return []
    o = t.objection.c
    with central.engine.connect() as conn:
        rows = conn.execute(
            select(o.id, o.school_code, o.student, o.course, o.session, o.reason)
            .where(o.state == ChangeState.FILED.value,
                   o.school_code.in_(central.schools_of(reviewer))).order_by(o.id)).all()
    keys = ("id", "school", "student", "course", "session", "reason")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def decide(central: Core, reviewer: ReviewerAccount, objection_id: int, approve: bool,
           reason: str | None) -> dict[str, Any]:
    o = t.objection.c
    with central.engine.begin() as conn:
        row, after, why = central.decide_step(
            conn, reviewer, t.objection, objection_id, "اعتراض",
            (o.school_code, o.local_id), approve, reason, rule=objection_decision)
        conn.execute(update(t.objection).where(o.id == objection_id)
                     .values(state=after.value, decided_reason=why))
        item = {"id": row[1], "level": reviewer.role.value, "approve": approve,
                "state": after.value, "reason": why, "by": reviewer.display_name}
        central.feed(conn, row[0], "objection", item)
    return item
