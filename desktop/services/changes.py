"""Change requests: changing grades after the deadline, through the legal channel.

After a session locks (or once a sheet has left the school) only a change request
can alter its grades: the principal files it with the sheet, the students, the old
and new values, the reason and the scanned letter; it travels to the district and
the province (by sync); when the province approves, exactly the approved cells
change, each as an audit event naming the request, and only if each cell still
holds the value the request was filed against.

States: filed -> district_approved -> province_approved -> applied, or rejected
(with the reason) at either level.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import DaftarError, NotFound, ValidationError, WorkflowError
from ..domain.grading import DEFAULT_POLICY, GradingPolicy, parse_stored
from ..domain.workflow import ChangeState, Role, SheetState, change_decision
from ..models.db import Database
from ..models.entities import ChangeRequest
from . import audit
from .context import Actor
from .grades import CellEdit, audit_text, check_cells, sheet_context, store_cells, stored_entries

FILED, DISTRICT_OK, PROVINCE_OK, APPLIED, REJECTED = (
    ChangeState.FILED, ChangeState.DISTRICT_APPROVED, ChangeState.PROVINCE_APPROVED,
    ChangeState.APPLIED, ChangeState.REJECTED)
STATE_LABELS = {state.value: state.label_fa for state in ChangeState}
LEFT_SCHOOL = {SheetState.SENT, SheetState.DISTRICT_APPROVED, SheetState.PROVINCE_APPROVED}
MAX_ATTACHMENT = 10 * 1024 * 1024


@dataclass(frozen=True)
class ChangeInfo:
    id: int
    sheet_id: int
    state: str
    reason: str
    changes: tuple[dict[str, object], ...]
    filed_by: str
    decided_reason: str | None
    attachment_name: str | None


def _info(cr: ChangeRequest) -> ChangeInfo:
    return ChangeInfo(cr.id, cr.sheet_id, cr.state, cr.reason, tuple(json.loads(cr.changes)),
                      cr.filed_by, cr.decided_reason, cr.attachment_name)


def file_request(db: Database, sheet_id: int, changes: list[CellEdit], reason: str,
                 actor: Actor, attachment: bytes | None = None,
                 attachment_name: str | None = None,
                 policy: GradingPolicy = DEFAULT_POLICY) -> ChangeInfo:
    """The principal asks for exact cell changes on a locked sheet."""
    actor.require(frozenset({Role.PRINCIPAL}), "درخواست اصلاح نمره")
    from ..domain.text import normalize

    why = normalize(reason)
    if not why:
        raise WorkflowError("workflow.reason")
    if not changes:
        raise ValidationError("change.empty")
    if attachment is not None and len(attachment) > MAX_ATTACHMENT:
        raise ValidationError("change.attachment")
    with db.unit() as s:
        ctx = sheet_context(s, sheet_id, policy)
        refusal = ctx.refusal(s, db, actor)
        locked = refusal is not None and refusal.code == "sheet.deadline"
        if not locked and ctx.sheet.state not in LEFT_SCHOOL:
            raise WorkflowError("change.not_locked")
        current = stored_entries(s, ctx.klass.id, ctx.course.id, ctx.year_id,
                           [c.student_id for c in changes])
        rows = [{"student_id": edit.student_id, "component": edit.component,
                 "old": audit_text(current.get(edit.student_id, {}).get(edit.component)),
                 "new": audit_text(new)}
                for edit, new in check_cells(s, ctx, changes)]
        cr = ChangeRequest(sheet_id=sheet_id, state=FILED,
                           changes=json.dumps(rows, ensure_ascii=False), reason=why,
                           attachment=attachment, attachment_name=attachment_name,
                           filed_by=actor.username)
        s.add(cr)
        s.flush()
        audit.record(s, actor, "change.file", "change_request", cr.id, new=rows, reason=why)
        return _info(cr)


def decide(db: Database, request_id: int, level: Role, approve: bool, actor: Actor,
           reason: str | None = None, policy: GradingPolicy = DEFAULT_POLICY) -> ChangeInfo:
    """A district or province decision (from a reviewer, or relayed by sync as SYSTEM)."""
    with db.unit() as s:
        return decide_in(s, request_id, level, approve, actor, reason, policy)


def decide_in(s: Session, request_id: int, level: Role, approve: bool, actor: Actor,
              reason: str | None = None, policy: GradingPolicy = DEFAULT_POLICY) -> ChangeInfo:
    """:func:`decide` inside the caller's transaction (sync applies a page of updates at once).

    The steps are :func:`desktop.domain.workflow.change_decision`; a province approval
    applies the cells at once."""
    if level not in (Role.DISTRICT, Role.PROVINCE):
        raise WorkflowError("workflow.role", role=level.label_fa, action="تصمیم درخواست اصلاح")
    actor.require(frozenset({level, Role.SYSTEM}), "تصمیم درخواست اصلاح")
    cr = s.get(ChangeRequest, request_id)
    if cr is None:
        raise NotFound("not_found", what="درخواست اصلاح", value=request_id)
    before = ChangeState(cr.state)
    after, why = change_decision(before, level, approve, reason)
    cr.state = after
    verb = "approve" if approve else "reject"
    audit.record(s, actor, f"change.{verb}.{level.value}", "change_request", cr.id,
                 old=before.value, new=after.value, reason=why)
    if after is REJECTED:
        cr.decided_reason = why
    elif after is PROVINCE_OK:
        _apply(s, cr, actor, policy)
    return _info(cr)


def _apply(s, cr: ChangeRequest, actor: Actor, policy: GradingPolicy) -> None:  # type: ignore[no-untyped-def]
    """Write exactly the approved cells, if each still holds its filed old value."""
    ctx = sheet_context(s, cr.sheet_id, policy)
    rows = json.loads(cr.changes)
    current = stored_entries(s, ctx.klass.id, ctx.course.id, ctx.year_id,
                       [r["student_id"] for r in rows])
    parsed = []
    for r in rows:
        now = current.get(r["student_id"], {}).get(r["component"])
        if audit_text(now) != r["old"]:
            raise DaftarError("change.stale", component=r["component"])
        parsed.append((CellEdit(r["student_id"], r["component"], r["new"]),
                       parse_stored(r["new"])))
    store_cells(s, ctx, parsed, actor, reason=f"درخواست اصلاح {cr.id}")
    cr.state = APPLIED
    audit.record(s, actor, "change.apply", "change_request", cr.id, new=APPLIED)


def list_requests(db: Database, sheet_id: int | None = None) -> list[ChangeInfo]:
    with db.unit() as s:
        q = select(ChangeRequest).order_by(ChangeRequest.id)
        if sheet_id is not None:
            q = q.where(ChangeRequest.sheet_id == sheet_id)
        return [_info(cr) for cr in s.scalars(q)]
