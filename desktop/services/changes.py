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
from decimal import Decimal

from sqlalchemy import select

from ..domain.errors import DaftarError, NotFound, ValidationError, WorkflowError
from ..domain.grading import DEFAULT_POLICY, Descriptive, Entry, GradingPolicy, Mark
from ..domain.workflow import Role, SheetState
from ..models.db import Database
from ..models.entities import ChangeRequest
from . import audit
from .context import Actor
from .grades import CellEdit, _audit_text, _context, _entries, _store_cells, check_cells

FILED, DISTRICT_OK, PROVINCE_OK, APPLIED, REJECTED = (
    "filed", "district_approved", "province_approved", "applied", "rejected")
STATE_LABELS = {FILED: "ثبت‌شده", DISTRICT_OK: "تأیید منطقه", PROVINCE_OK: "تأیید استان",
                APPLIED: "اعمال‌شده", REJECTED: "ردشده"}
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


def _parse_stored(text: str | None) -> Entry:
    if text is None:
        return None
    if text in (m.value for m in Mark):
        return Mark(text)
    if text in (d.name.lower() for d in Descriptive):
        return Descriptive[text.upper()]
    return Decimal(text).quantize(Decimal("0.01"))


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
        ctx = _context(s, sheet_id, policy)
        refusal = ctx.refusal(s, db, actor)
        locked = refusal is not None and refusal.code == "sheet.deadline"
        if not locked and ctx.sheet.state not in LEFT_SCHOOL:
            raise WorkflowError("change.not_locked")
        current = _entries(s, ctx.klass.id, ctx.course.id, ctx.year_id,
                           [c.student_id for c in changes])
        rows = [{"student_id": edit.student_id, "component": edit.component,
                 "old": _audit_text(current.get(edit.student_id, {}).get(edit.component)),
                 "new": _audit_text(new)}
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
    if level not in (Role.DISTRICT, Role.PROVINCE):
        raise WorkflowError("workflow.role", role=level.label_fa, action="تصمیم درخواست اصلاح")
    actor.require(frozenset({level, Role.SYSTEM}), "تصمیم درخواست اصلاح")
    from ..domain.text import normalize

    why = normalize(reason) if reason else None
    if not approve and not why:
        raise WorkflowError("workflow.reason")
    with db.unit() as s:
        cr = s.get(ChangeRequest, request_id)
        if cr is None:
            raise NotFound("not_found", what="درخواست اصلاح", value=request_id)
        expected = FILED if level is Role.DISTRICT else DISTRICT_OK
        if cr.state != expected:
            raise WorkflowError("change.state", state=STATE_LABELS.get(cr.state, cr.state))
        if not approve:
            cr.state = REJECTED
            cr.decided_reason = why
            audit.record(s, actor, f"change.reject.{level.value}", "change_request", cr.id,
                         old=expected, new=REJECTED, reason=why)
            return _info(cr)
        cr.state = DISTRICT_OK if level is Role.DISTRICT else PROVINCE_OK
        audit.record(s, actor, f"change.approve.{level.value}", "change_request", cr.id,
                     old=expected, new=cr.state, reason=why)
        if cr.state == PROVINCE_OK:
            _apply(s, cr, actor, policy)
        return _info(cr)


def _apply(s, cr: ChangeRequest, actor: Actor, policy: GradingPolicy) -> None:  # type: ignore[no-untyped-def]
    """Write exactly the approved cells, if each still holds its filed old value."""
    ctx = _context(s, cr.sheet_id, policy)
    rows = json.loads(cr.changes)
    current = _entries(s, ctx.klass.id, ctx.course.id, ctx.year_id,
                       [r["student_id"] for r in rows])
    parsed = []
    for r in rows:
        now = current.get(r["student_id"], {}).get(r["component"])
        if _audit_text(now) != r["old"]:
            raise DaftarError("change.stale", component=r["component"])
        parsed.append((CellEdit(r["student_id"], r["component"], r["new"]),
                       _parse_stored(r["new"])))
    _store_cells(s, ctx, parsed, actor, reason=f"درخواست اصلاح {cr.id}")
    cr.state = APPLIED
    audit.record(s, actor, "change.apply", "change_request", cr.id, new=APPLIED)


def list_requests(db: Database, sheet_id: int | None = None) -> list[ChangeInfo]:
    with db.unit() as s:
        q = select(ChangeRequest).order_by(ChangeRequest.id)
        if sheet_id is not None:
            q = q.where(ChangeRequest.sheet_id == sheet_id)
        return [_info(cr) for cr in s.scalars(q)]
