"""Appending to the hash-chained audit trail.

Each event's ``hash`` is ``sha256(prev_hash + "\\n" + canonical JSON of the event)``,
the first event's ``prev_hash`` being 64 zeros.  The chain head lives in the
single row of ``audit_head``; updating it inside the same transaction as the
change serialises concurrent writers on PostgreSQL and keeps the chain linear.
The verifier (``daftar audit verify``) comes with the approvals issue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..models.base import utcnow
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
    body = canonical({
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor, "role": role, "action": action, "entity": entity,
        "entity_id": entity_id, "old": old, "new": new, "reason": reason,
    })
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
