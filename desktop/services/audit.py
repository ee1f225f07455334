"""Appending to the hash-chained audit trail.

Each event's ``hash`` is ``sha256(prev_hash + "\\n" + the event's fields, length-prefixed)``,
the first event's ``prev_hash`` being 64 zeros.  The chain head lives in the
single row of ``audit_head``; updating it inside the same transaction as the
change serialises concurrent writers on PostgreSQL and keeps the chain linear;
its event count lets :func:`verify` (``daftar audit verify``) notice a cut-off tail.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from ..domain.errors import DaftarError
from ..models.base import utcnow
from ..models.db import Database
from ..models.entities import AuditEvent, AuditHead
from . import chain
from .context import Actor

GENESIS = chain.GENESIS
log = logging.getLogger("daftar.audit")


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
    return chain.digest(prev_hash, chain.at_text(at), actor, role, action, entity, entity_id,
                        old, new, reason)


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

    def error(self) -> DaftarError:
        """What a broken trail is told as (the command line, the window's start)."""
        return DaftarError(f"audit.{self.problem or 'head'}", event=self.broken_at or "-")


@dataclass(frozen=True)
class Checkpoint:
    """A head once verified: the last event's id and hash, and the chain's length then."""

    id: int
    hash: str
    events: int


PARALLEL_FROM = 200_000   # below this, one pass is quicker than starting a worker


def verify(db: Database, progress: Callable[[int, int], None] | None = None,
           since: Checkpoint | None = None) -> Verdict:
    """Recompute every hash in id order; name the first event that does not fit.

    An edited event no longer matches its own hash; a deleted or reordered one breaks
    the link to the next (its ``prev_hash``); a cut-off tail no longer matches the
    head's count and last hash.  A long trail in a SQLite file is checked in parts on every
    core (the parts are joined on their boundary hashes, so the verdict is the one
    pass's).  ``since``: only the events after a head verified before (start-up), that
    head's event still as it was, and the trail's length.
    """
    with db.engine.connect() as conn:
        # one statement, one snapshot: the head and the trail's ends as they were together
        # (no count: it reads the whole index, 0.3 s a million; the head's count is compared;
        # min and max each its own subquery, or SQLite reads the whole index for them too)
        events, last_hash, low, high = conn.execute(select(*(q.scalar_subquery() for q in (
            select(AuditHead.events), select(AuditHead.last_hash),
            select(func.min(AuditEvent.id)), select(func.max(AuditEvent.id)))))).one()
        head = None if events is None else Checkpoint(high or 0, last_hash, events)
        if since is not None:
            return _verify_since(conn, head, since, high)
        span = 0 if high is None else high - low + 1  # the events, or more if some are gone
        if span >= PARALLEL_FROM and db.path is not None:
            runs = _slices(str(db.path), low - 1, high, progress, span)
        else:
            runs = [_run(conn, high or 0, progress, span)]
    return _join(runs, head)


def _rows(conn: Any, after_id: int, upto_id: int) -> Any:
    """The events ``after_id < id <= upto_id`` as the driver gives them (no SQLAlchemy
    type processing: a million rows a few seconds sooner)."""
    cur = conn.connection.driver_connection.cursor()
    cur.execute(f"SELECT {chain.COLUMNS} FROM audit_event "  # noqa: S608 (two ints)
                f"WHERE id > {int(after_id)} AND id <= {int(upto_id)} ORDER BY id")
    while batch := cur.fetchmany(20_000):
        yield from batch
    cur.close()


def _run(conn: Any, upto_id: int, progress: Callable[[int, int], None] | None,
         total: int) -> chain.Run:
    rows = _rows(conn, 0, upto_id)
    whole = chain.EMPTY
    while step := list(itertools.islice(rows, 50_000)):
        whole = chain.join(whole, chain.check_run(step))
        if progress is not None:
            progress(whole.count, total)
        if whole.bad_id is not None:
            break
    return whole


def _slices(path: str, low: int, high: int, progress: Callable[[int, int], None] | None,
            total: int) -> list[chain.Run]:
    """The ids in parts of ~25,000 events: this process takes them from the front while
    it has them, a worker a core from the back (its interpreter starts meanwhile)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    workers = max(1, min(3, (os.cpu_count() or 1) - 1))
    parts = max(workers + 1, min(256, (high - low) // PART))
    bounds = [low + (high - low) * i // parts for i in range(parts + 1)]
    ctx = get_context("spawn")
    lock, ends = ctx.Lock(), ctx.Array("q", [0, parts], lock=False)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=chain.share,
                             initargs=(lock, ends)) as pool:
        later = [pool.submit(chain.check_taken, path, bounds) for _ in range(workers)]
        chain.share(lock, ends)
        done = chain.check_taken(path, bounds, from_back=False)
        for future in later:
            try:
                done.update(future.result())
            except Exception as e:  # noqa: BLE001  (a worker that died or could not start)
                log.warning("audit check: a worker failed (%r); its parts are checked here", e)
    missing = [i for i in range(parts) if i not in done]
    if missing:
        done.update(chain.check_parts(path, bounds, missing))
    if progress is not None:
        progress(total, total)
    return [done[i] for i in range(parts)]


PART = 25_000


def _join(runs: list[chain.Run], head: Checkpoint | None) -> Verdict:
    whole = chain.EMPTY
    for run in runs:
        whole = chain.join(whole, run)
    if whole.bad_id is not None:
        return Verdict(False, whole.count, whole.bad_id, whole.problem)
    if head is None:
        return Verdict(whole.count == 0, whole.count, None, None if whole.count == 0 else "head")
    last = whole.last_hash if whole.count else chain.GENESIS
    if head.events != whole.count or head.hash != last:
        return Verdict(False, whole.count, None, "head")
    return Verdict(True, whole.count)


def _verify_since(conn: Any, head: Checkpoint | None, since: Checkpoint,
                  high: int | None) -> Verdict:
    """The events after a verified head: that head's event unchanged, the new ones linked
    from it, the head's count the old one plus the new.  (An older event deleted since is
    the whole check's to find: the backup's, ``daftar audit verify``.)"""
    known = chain.check_run(_rows(conn, since.id - 1, since.id))
    if known.first_id != since.id:
        return Verdict(False, 0, since.id, "unlinked")
    if known.bad_id is not None or known.last_hash != since.hash:
        return Verdict(False, 0, since.id, "edited")
    run = chain.check_run(_rows(conn, since.id, high or since.id), since.hash)
    if run.bad_id is not None:
        return Verdict(False, since.events + run.count, run.bad_id, run.problem)
    events = since.events + run.count
    last = run.last_hash or since.hash
    if head is None or head.events != events or head.hash != last:
        return Verdict(False, events, None, "head")
    return Verdict(True, events)


def checkpoint(db: Database) -> Checkpoint | None:
    """The head as it is now (to remember after a verification that passed)."""
    with db.engine.connect() as conn:
        row = conn.execute(select(AuditEvent.id, AuditEvent.hash)
                           .order_by(AuditEvent.id.desc()).limit(1)).first()
        head = conn.execute(select(AuditHead.events)).scalar()
    return None if row is None or head is None else Checkpoint(row[0], row[1], head)


def check_at_start(db: Database, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> Verdict:
    """The window's start, on the worker thread: the events since the head this PC last
    verified (milliseconds), or the whole trail the first time; the head is remembered
    when the check passes.  The head is kept in this PC's settings, not in the database,
    so whoever edits the file cannot move it."""
    from . import settings

    seen = settings.audit_checkpoint(db.url)
    since = None if seen is None else Checkpoint(seen["id"], seen["hash"], seen["events"])
    verdict = verify(db, progress, since=since)
    if verdict.ok:
        now = checkpoint(db)
        settings.remember_audit(db.url, None if now is None else
                                {"id": now.id, "hash": now.hash, "events": now.events})
    return verdict


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
