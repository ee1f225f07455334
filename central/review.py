"""The district's and the province's decisions: the sheets and change requests waiting for
a reviewer in their reach, approved or rejected with a reason, permits to print after a
deadline, and revocation of a document.  An approved repair exam is applied by
:mod:`.repairs`.
"""


from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from desktop.domain.errors import DaftarError
from desktop.domain.seal import canonical
from desktop.domain.verification import parse_code
from desktop.domain.workflow import (
    Action,
    ChangeState,
    Role,
    SheetState,
    transition,
)

from . import repairs
from . import schema as t
from .core import Core, Refusal, ReviewerAccount, bad


class Review(Core):
    """Reviewers' queues and decisions (a part of :class:`central.service.Central`)."""

    def waiting_sheets(self, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
        """The sheets whose next step is this reviewer's."""
        state = SheetState.SENT if reviewer.role is Role.DISTRICT else SheetState.DISTRICT_APPROVED
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.sheet.c.id, t.sheet.c.school_code, t.sheet.c.year, t.sheet.c.session,
                       t.sheet.c.class_name, t.sheet.c.course_name, t.sheet.c.state,
                       select(func.count()).where(t.grade_row.c.sheet_id == t.sheet.c.id)
                       .scalar_subquery())
                .where(t.sheet.c.state == state.value,
                       t.sheet.c.school_code.in_(self.schools_of(reviewer)))
                .order_by(t.sheet.c.school_code, t.sheet.c.class_name, t.sheet.c.course_name)
            ).all()
        keys = ("id", "school", "year", "session", "class", "course", "state", "rows")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def sheet_rows(self, reviewer: ReviewerAccount, sheet_id: int) -> list[dict[str, str]]:
        with self.engine.connect() as conn:
            self._sheet_in_reach(conn, reviewer, [sheet_id])
            rows = conn.execute(select(t.grade_row.c.student, t.grade_row.c.component,
                                       t.grade_row.c.value)
                                .where(t.grade_row.c.sheet_id == sheet_id)
                                .order_by(t.grade_row.c.student, t.grade_row.c.component)).all()
        return [{"student": a, "component": b, "value": c} for a, b, c in rows]

    def _sheet_in_reach(self, conn: Connection, reviewer: ReviewerAccount,
                        ids: Iterable[int]) -> list[Any]:
        ids = list(ids)
        rows = conn.execute(
            select(t.sheet.c.id, t.sheet.c.school_code, t.sheet.c.local_id, t.sheet.c.version,
                   t.sheet.c.state, t.sheet.c.class_name, t.sheet.c.course_name,
                   t.school.c.province, t.school.c.district, t.sheet.c.exam_only)
            .join(t.school, t.school.c.code == t.sheet.c.school_code)
            .where(t.sheet.c.id.in_(ids)).with_for_update(of=t.sheet)).all()
        found = {r[0]: r for r in rows}
        for i in ids:
            r = found.get(i)
            if r is None:
                raise Refusal(404, "not_found", what="برگه", value=i)
            if not reviewer.covers(r[7], r[8]):
                raise Refusal(403, "central.forbidden", detail=f"برگه {i} در حوزهٔ شما نیست")
        return [found[i] for i in ids]

    def decide_sheets(self, reviewer: ReviewerAccount, ids: list[int], approve: bool,
                      reason: str | None) -> list[str]:
        """Approve or send back many sheets at once: all or none (the workflow table rules)."""
        if not ids:
            return []
        now = self.clock()
        with self.engine.begin() as conn:
            rows = self._sheet_in_reach(conn, reviewer, ids)
            steps, problems = [], []
            for r in rows:
                state = SheetState(r[4])
                action = Action.REJECT if not approve else (
                    Action.DISTRICT_APPROVE if state is SheetState.SENT
                    else Action.PROVINCE_APPROVE)
                try:
                    steps.append((r, transition(state, action, reviewer.role, reason)))
                except DaftarError as e:
                    problems.append(f"«{r[5]} / {r[6]}»: {e.message()}")
            if problems:
                raise Refusal(422, "batch.refused", count=len(problems),
                              details="؛ ".join(problems[:10]))
            for r, step in steps:
                conn.execute(update(t.sheet).where(t.sheet.c.id == r[0]).values(
                    state=step.target.value, last_reason=step.reason, updated_at=now))
                self.feed(conn, r[1], "sheet", {
                    "sheet": r[2], "version": r[3], "action": step.action.value,
                    "level": reviewer.role.value, "reason": step.reason,
                    "by": reviewer.display_name})
                if r[9] and step.target is SheetState.PROVINCE_APPROVED:
                    repairs.apply(self, conn, r[0], now)
        return [step.target.value for _, step in steps]

    def waiting_changes(self, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
        state = ChangeState.FILED if reviewer.role is Role.DISTRICT else \
            ChangeState.DISTRICT_APPROVED
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.change_request.c.id, t.change_request.c.school_code,
                       t.change_request.c.sheet_local_id, t.change_request.c.changes,
                       t.change_request.c.reason, t.change_request.c.state)
                .where(t.change_request.c.state == state.value,
                       t.change_request.c.school_code.in_(self.schools_of(reviewer)))
                .order_by(t.change_request.c.id)).all()
        return [{"id": r[0], "school": r[1], "sheet": r[2], "changes": json.loads(r[3]),
                 "reason": r[4], "state": r[5]} for r in rows]

    def decide_change(self, reviewer: ReviewerAccount, request_id: int, approve: bool,
                      reason: str | None) -> str:
        with self.engine.begin() as conn:
            cr = t.change_request.c
            row, after, why = self.decide_step(
                conn, reviewer, t.change_request, request_id, "درخواست اصلاح",
                (cr.school_code, cr.local_id, cr.state, cr.sheet_local_id, cr.changes),
                approve, reason)
            conn.execute(update(t.change_request).where(t.change_request.c.id == request_id)
                         .values(state=after.value, decided_reason=why))
            if after is ChangeState.PROVINCE_APPROVED:
                self._apply_change(conn, row[0], row[3], json.loads(row[4]))
            self.feed(conn, row[0], "change", {"id": row[1], "level": reviewer.role.value,
                                                "approve": approve, "reason": why,
                                                "by": reviewer.display_name})
        return after.value

    def _apply_change(self, conn: Connection, school_code: str, sheet_local_id: int,
                      changes: list[dict[str, Any]]) -> None:
        """The central copy of the grades follows an approved change (the school applies
        its own on pulling the decision)."""
        found = conn.execute(select(t.sheet.c.id, t.sheet.c.term).where(
            t.sheet.c.school_code == school_code,
            t.sheet.c.local_id == sheet_local_id)).first()
        if found is None:
            return
        sid, term = found
        g = t.grade_row.c
        for c in changes:
            key = (g.school_code == school_code) & (g.term == term) & (g.sheet_id == sid) & \
                (g.student == c["student"]) & (g.component == c["component"])
            if c.get("new") is None:
                conn.execute(delete(t.grade_row).where(key))
            else:
                conn.execute(pg_insert(t.grade_row).values(
                    school_code=school_code, term=term, sheet_id=sid, student=c["student"],
                    component=c["component"], value=c["new"]).on_conflict_do_update(
                    index_elements=["school_code", "term", "sheet_id", "student", "component"],
                    set_={"value": c["new"]}))

    def issue_permit(self, reviewer: ReviewerAccount, school_code: str, identity: str | None,
                     valid_from: dt.date, valid_until: dt.date, reason: str) -> dict[str, Any]:
        """A print permit (the special commission's decision), signed by the central key."""
        if not reason.strip():
            raise Refusal(422, "workflow.reason")
        if valid_until < valid_from:
            raise bad("بازهٔ مجوز")
        with self.engine.begin() as conn:
            row = conn.execute(select(t.school.c.province, t.school.c.district)
                               .where(t.school.c.code == school_code)).first()
            if row is None:
                raise Refusal(404, "central.unknown_school", value=school_code)
            if not reviewer.covers(row[0], row[1]):
                raise Refusal(403, "central.forbidden", detail="مدرسه در حوزهٔ شما نیست")
            number = conn.execute(select(func.count()).select_from(t.permit)).scalar_one() + 1
            body = {"permit_no": f"{school_code}-{number:06d}", "school": school_code,
                    "identity": identity, "valid_from": valid_from.isoformat(),
                    "valid_until": valid_until.isoformat(), "issued_by": reviewer.display_name}
            signature = self.sign(b"DFP1" + canonical(body))
            conn.execute(insert(t.permit).values(
                permit_no=body["permit_no"], school_code=school_code, identity=identity,
                valid_from=valid_from, valid_until=valid_until, issued_by=reviewer.display_name,
                reason=reason, signature=base64.b64decode(signature)))
            self.feed(conn, school_code, "permit", body | {"signature": signature})
        return body | {"signature": signature}

    def revoke(self, reviewer: ReviewerAccount, code: str, reason: str) -> None:
        if not reason.strip():
            raise Refusal(422, "workflow.reason")
        try:
            code = parse_code(code).text
        except DaftarError as e:
            raise Refusal(422, e.code, **e.params) from None
        with self.engine.begin() as conn:
            row = conn.execute(select(t.school.c.province, t.school.c.district)
                               .where(t.school.c.code == code[:8])).first()
            if row is None or not reviewer.covers(row[0], row[1]):
                raise Refusal(403, "central.forbidden", detail="سند در حوزهٔ شما نیست")
            self.revoke_in(conn, code[:8], code, reason, self.clock())
