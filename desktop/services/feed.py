"""What the central server's feed says, applied in the office: district and province
decisions on sheets, change requests, archived diplomas and objections; print permits;
revocations; moved deadlines; grades repaired at an adult school.  :func:`apply` takes
one item inside the caller's transaction; :class:`Later` says an item must wait for its
batch's receipt.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError, NotFound
from ..domain.grading import DEFAULT_POLICY, parse_stored
from ..domain.seal import canonical
from ..domain.workflow import Action, Role, SheetState
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    Certificate,
    ChangeRequest,
    ExamSession,
    GradeSheet,
    LegacyDiploma,
    Objection,
    PrintPermit,
    RevokedCode,
    SyncBatch,
)
from . import audit, legacy, review, transfers
from .approvals import move_in
from .certificates import trusted_keys_in
from .changes import decide_in
from .context import Actor
from .grades import CellEdit, sheet_context, store_cells
from .outbox import QUEUED
from .students import student_by_identity

CENTRAL = Role.SYSTEM


def central_signed(s: Session, domain: bytes, signed: dict[str, Any]) -> bool:
    """Whether ``signed["signature"]`` is a trusted central key's over the rest of it."""
    unsigned = canonical({k: v for k, v in signed.items() if k != "signature"})
    try:
        signature = base64.b64decode(signed["signature"])
    except (ValueError, TypeError):
        return False
    for k in trusted_keys_in(s):
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(k)).verify(
                signature, domain + unsigned)
            return True
        except (InvalidSignature, ValueError):
            continue
    return False


def central_actor(by: str = "سرور مرکزی", role: Role = CENTRAL) -> Actor:
    """Who the audit trail names for what the central server decided."""
    return Actor("central", by, role)


class Later(Exception):
    """This update is about something whose receipt has not come back yet."""


def apply(s: Session, db: Database, kind: str, body: dict[str, Any]) -> None:
    if kind == "sheet":
        _apply_sheet(s, db, body)
    elif kind == "change":
        cr = s.get(ChangeRequest, int(body["id"]))
        if cr is None:
            raise NotFound("not_found", what="درخواست اصلاح", value=body["id"])
        if cr.batch_id is not None and s.get(SyncBatch, cr.batch_id).state == QUEUED:
            raise Later
        level = Role(body["level"])
        decide_in(s, cr.id, level, bool(body["approve"]), central_actor(body.get("by") or
                                                                         level.label_fa),
                  body.get("reason"))
    elif kind == "legacy":
        row = s.get(LegacyDiploma, int(body["id"]))
        if row is not None and row.batch_id is not None and \
                s.get(SyncBatch, row.batch_id).state == QUEUED:
            raise Later
        legacy.apply_decision(s, central_actor(body.get("by") or Role(body["level"]).label_fa),
                              body)
    elif kind == "objection":
        row = s.get(Objection, int(body["id"]))
        if row is not None and row.batch_id is not None and \
                s.get(SyncBatch, row.batch_id).state == QUEUED:
            raise Later
        review.apply_decision(s, central_actor(body.get("by") or Role.DISTRICT.label_fa), body)
    elif kind == "permit":
        _apply_permit(s, body)
    elif kind == "transfer":
        transfers.apply_arrival(s, central_actor(), body)
    elif kind == "repair":
        _apply_repair(s, body)
    elif kind == "revocation":
        code, at = body["code"], dt.datetime.fromisoformat(body["at"])
        if s.get(RevokedCode, code) is None:
            s.add(RevokedCode(code=code, at=at, reason=body["reason"]))
        cert = s.scalar(select(Certificate).where(Certificate.verification_code == code))
        if cert is not None and cert.revoked_at is None:
            cert.revoked_at, cert.revoked_reason = at, body["reason"]
            audit.record(s, central_actor(), "print.void", "certificate", code,
                         reason=body["reason"])
    elif kind == "deadline":
        day = dt.date.fromisoformat(body["day"])
        session = s.scalar(select(ExamSession).join(AcademicYear).where(
            AcademicYear.start_year == int(body["year"]),
            ExamSession.kind == SessionKind(body["session"])))
        if session is not None and session.deadline != day:
            audit.record(s, central_actor(), "session.deadline", "exam_session", session.id,
                         old=session.deadline.isoformat(), new=day.isoformat())
            session.deadline = day


def _apply_sheet(s: Session, db: Database, body: dict[str, Any]) -> None:
    sheet = s.get(GradeSheet, int(body["sheet"]))
    if sheet is None:
        raise NotFound("not_found", what="برگه", value=body["sheet"])
    if sheet.batch_id is not None and sheet.state is SheetState.QUEUED:
        batch = s.get(SyncBatch, sheet.batch_id)
        if batch is not None and batch.state == QUEUED and \
                sheet.sent_version == int(body["version"]):
            raise Later
    if sheet.sent_version != int(body["version"]):
        # The decision is about a version this office has since replaced: the local,
        # newer one stands (it is sent in its turn).
        raise DaftarError("workflow.action", action=Action(body["action"]).label_fa,
                          state=f"{sheet.state.label_fa} (نسخهٔ {sheet.sent_version})")
    role = Role(body["level"])
    move_in(s, db, [sheet.id], Action(body["action"]),
            central_actor(body.get("by") or role.label_fa, role), body.get("reason"))


def _apply_permit(s: Session, body: dict[str, Any]) -> None:
    if not central_signed(s, b"DFP1", body):
        raise DaftarError("central.signature")
    if s.scalar(select(PrintPermit.id).where(PrintPermit.permit_no == body["permit_no"])):
        return
    student_id = None
    if body.get("identity"):
        student = student_by_identity(s, body["identity"])
        if student is None:
            raise NotFound("not_found", what="دانش‌آموز", value=body["identity"])
        student_id = student.id
    s.add(PrintPermit(permit_no=body["permit_no"], student_id=student_id,
                      valid_from=dt.date.fromisoformat(body["valid_from"]),
                      valid_until=dt.date.fromisoformat(body["valid_until"]),
                      issued_by=body["issued_by"],
                      signature=base64.b64decode(body["signature"])))


def _apply_repair(s: Session, body: dict[str, Any]) -> None:
    """A grade of this school's record that the central server replaced after a repair
    exam at an adult school (``central.repairs``): written on the sheet, the old value
    kept in the grade's history; the certificates it revoked come as revocations."""
    sheet = s.get(GradeSheet, int(body["sheet"]))
    student = student_by_identity(s, str(body["student"]))
    if sheet is None or student is None:
        raise NotFound("not_found", what="برگه یا دانش‌آموز", value=body["sheet"])
    ctx = sheet_context(s, sheet.id, DEFAULT_POLICY)
    new = str(body["new"])
    store_cells(s, ctx, [(CellEdit(student.id, str(body["component"]), new), parse_stored(new))],
                central_actor(), reason=str(body["reason"]))
