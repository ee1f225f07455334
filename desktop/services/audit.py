"""Appending to the hash-chained audit trail.

Each event's ``hash`` is ``sha256(prev_hash + "\\n" + the event's fields, length-prefixed)``,
the first event's ``prev_hash`` being 64 zeros.  The chain head lives in the
single row of ``audit_head``; updating it inside the same transaction as the
change serialises concurrent writers on PostgreSQL and keeps the chain linear;
its event count lets :func:`verify` (``daftar audit verify``) notice a cut-off tail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from ..models.base import utcnow
from ..models.db import Database
from ..models.entities import AuditEvent, AuditHead
from .context import Actor

GENESIS = "0" * 64


def canonical(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def event_digest(prev_hash: str, at: dt.datetime, actor: str, role: str, action: str,
                 entity: str, entity_id: str, old: str | None, new: str | None,
                 reason: str | None) -> str:
    """sha256 of the previous hash and the event's fields, each length-prefixed
    (``5:clerk``; ``-`` for none), so no two different events share an encoding."""
    fields = (at.astimezone(dt.UTC).isoformat(timespec="microseconds"), actor, role, action,
              entity, entity_id, old, new, reason)
    body = "".join("-" if f is None else f"{len(f)}:{f}" for f in fields)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def _head(session: Session) -> AuditHead:
    """The chain head, locked once per transaction (``FOR UPDATE`` on PostgreSQL; SQLite's
    ``BEGIN IMMEDIATE`` already admits one writer) and kept in the session after that."""
    head = session.info.get("audit_head")
    if head is None:
        head = session.execute(
            select(AuditHead).where(AuditHead.id == 1).with_for_update()
        ).scalar_one_or_none()
        if head is None:
            head = AuditHead(id=1, events=0, last_hash=GENESIS)
            session.add(head)
        session.info["audit_head"] = head
    return head


@event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction: the lock is gone
        session.info.pop("audit_head", None)


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: object,
           old: Any = None, new: Any = None, reason: str | None = None) -> AuditEvent:
    """Append one event in the caller's transaction."""
    head = _head(session)
    at = utcnow()
    old_s, new_s = canonical(old), canonical(new)
    digest = event_digest(head.last_hash, at, actor.username, actor.role.value, action, entity,
                          str(entity_id), old_s, new_s, reason)
    entry = AuditEvent(at=at, actor=actor.username, role=actor.role.value, action=action,
                       entity=entity, entity_id=str(entity_id), old=old_s, new=new_s,
                       reason=reason, prev_hash=head.last_hash, hash=digest)
    session.add(entry)
    head.events += 1
    head.last_hash = digest
    return entry


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking the chain: ``broken_at`` is the first bad event's id."""

    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str | None = None  # edited | unlinked | head


def verify(db: Database, progress: Callable[[int, int], None] | None = None) -> Verdict:
    """Recompute every hash in id order; name the first event that does not fit.

    An edited event no longer matches its own hash; a deleted or reordered one breaks
    the link to the next (its ``prev_hash``); a cut-off tail no longer matches the
    head's count and last hash.
    """
    cols = (AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.role, AuditEvent.action,
            AuditEvent.entity, AuditEvent.entity_id, AuditEvent.old, AuditEvent.new,
            AuditEvent.reason, AuditEvent.prev_hash, AuditEvent.hash)
    prev = GENESIS
    checked = 0
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(AuditEvent)).scalar() or 0
        head = conn.execute(select(AuditHead.events, AuditHead.last_hash)).first()
        result = conn.execution_options(yield_per=20_000).execute(
            select(*cols).order_by(AuditEvent.id))
        for (eid, at, actor, role, action, entity, entity_id, old, new, reason, prev_hash,
             digest) in result:
            if at.tzinfo is None:
                at = at.replace(tzinfo=dt.UTC)
            if prev_hash != prev:
                return Verdict(False, checked, eid, "unlinked")
            if event_digest(prev, at, actor, role, action, entity, entity_id, old, new,
                            reason) != digest:
                return Verdict(False, checked, eid, "edited")
            prev = digest
            checked += 1
            if progress is not None and checked % 50_000 == 0:
                progress(checked, total)
    if head is None:
        if checked:
            return Verdict(False, checked, None, "head")
        return Verdict(True, 0)
    if head.events != checked or head.last_hash != prev:
        return Verdict(False, checked, None, "head")
    return Verdict(True, checked)


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    old: str | None
    new: str | None
    reason: str | None


def grade_history(db: Database, sheet_id: int, student_id: int,
                  component: str) -> list[HistoryEntry]:
    """Who changed one grade cell, when, from what to what, and why."""
    key = f"{sheet_id}:{student_id}:{component}"
    with db.unit() as s:
        rows = s.execute(select(AuditEvent.at, AuditEvent.actor, AuditEvent.action,
                                AuditEvent.old, AuditEvent.new, AuditEvent.reason)
                         .where(AuditEvent.entity == "grade", AuditEvent.entity_id == key)
                         .order_by(AuditEvent.id)).all()
    return [HistoryEntry(at, actor, action, json.loads(old) if old else None,
                         json.loads(new) if new else None, reason)
            for at, actor, action, old, new, reason in rows]
