"""Sync with the central server, offline first (DESIGN.md "Sync").

* Outbox (:mod:`.outbox`).  :func:`pack` turns what is ready into immutable batches in
  ``sync_batch``: queued sheets (grouped by session, ~10,000 grade rows a batch) and the
  events a school reports (change requests, prints and voids, archived diplomas,
  objections).  A batch is canonical JSON
  signed by the school key, with a UUID the server treats as the idempotency key;
  the sheets, requests and prints it carries point at it, so nothing is packed twice.
* Send.  :func:`send` delivers queued batches in order.  An answer the server
  refused (late, bad signature, another school...) marks the batch ``refused`` with
  the server's Persian reason and never retries it; a dropped connection, a timeout,
  a 5xx or 429 keeps it ``queued``, counts the attempt and backs off exponentially
  (with jitter).  The same bytes are sent again under the same UUID, so a batch whose
  answer was lost is answered from its first receipt and counted once.  A receipt
  moves its sheets to "sent" in the same transaction that stores it.
* Pull.  :func:`pull` reads the server's feed after the stored cursor a page at a
  time; a page and the new cursor are one transaction, so each update applies once.
  An update about a sheet or request is applied only to the version that was sent:
  a sheet changed or re-queued here since (not yet sent) keeps the local state, and
  the skipped update is an audit event.  An update for something whose receipt has
  not arrived yet waits (the cursor stops before it) until the receipt does.  What each
  kind of update does in the office is :mod:`.feed`.

No Qt here: the window runs :func:`run` on its worker; ``daftar sync`` runs it headless.
The wire itself (HTTP, enrolment) is :mod:`.remote`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ..domain.errors import DaftarError
from ..domain.workflow import Action, SheetState
from ..models.db import Database
from ..models.entities import (
    GradeSheet,
    LegacyDiploma,
    SyncBatch,
)
from . import audit
from .approvals import move_in
from .feed import Later, apply, central_actor, central_signed
from .outbox import (  # noqa: F401  (sync.pack and the outbox's names, as before)
    EVENTS,
    EVENTS_PER_BATCH,
    PRINTS_FROM,
    QUEUED,
    REFUSED,
    ROWS_PER_BATCH,
    SENT,
    SERVER,
    SHEETS,
    TOKEN,
    VOID_PREFIX,
    pack,
)
from .progress import Progress
from .remote import (  # noqa: F401  (sync.Remote and the wire's names, as before)
    Refused,
    Remote,
    Transient,
    connect,
    remote_for,
)
from .state import get_state, put_state

CURSOR = "sync.cursor"
LAST_OK, LAST_ERROR, LAST_TRY = "sync.last_success", "sync.last_error", "sync.last_attempt"
BACKOFF_FIRST, BACKOFF_MAX = 10.0, 30 * 60.0   # seconds


# --- sending ---------------------------------------------------------------------------------

@dataclass
class Report:
    """What one run did; ``failure`` holds the first error that stopped it, in Persian."""

    packed: int = 0
    sent: int = 0
    replays: int = 0
    refused: list[str] = field(default_factory=list)
    pulled: int = 0
    waiting: int = 0           # batches still queued (backing off, or not reached)
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.refused


def backoff(attempts: int, rng: random.Random | None = None) -> float:
    """Seconds before the next try after ``attempts`` failed ones (exponential, jittered)."""
    base = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1))
    return base * (rng or random).uniform(0.8, 1.2)


def send(db: Database, remote: Remote, force: bool = False, report: Report | None = None,
         progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> Report:
    """Deliver the queued batches in order; stop at the first transient failure."""
    report = report or Report()
    now = db.clock()
    with db.unit() as s:
        due = [b for b, at in s.execute(select(SyncBatch.id, SyncBatch.next_attempt_at)
                                        .where(SyncBatch.state == QUEUED)
                                        .order_by(SyncBatch.id)).all()
               if force or at is None or at <= now]
    for done, batch_id in enumerate(due):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(done, len(due))
        with db.unit() as s:
            b = s.get(SyncBatch, batch_id)
            assert b is not None
            if b.state != QUEUED:      # another run delivered it meanwhile
                continue
            body, signature, batch_uuid = b.payload, b.signature or b"", b.uuid
        try:
            answer = remote.put_batch(batch_uuid, body, signature)
            receipt = answer["receipt"]
            _check_receipt(db, receipt, body, batch_uuid)
        except Refused as e:
            _refused(db, batch_id, e)
            report.refused.append(DaftarError("sync.refused", reason=e.message).message())
            continue
        except Transient as e:
            _retry(db, batch_id, e.error.message())
            report.failure = e.error.message()
            break
        except (KeyError, TypeError, DaftarError):
            _retry(db, batch_id, DaftarError("sync.answer").message())
            report.failure = DaftarError("sync.answer").message()
            break
        _delivered(db, batch_id, receipt)
        report.sent += 1
        report.replays += bool(answer.get("replay"))
    if progress is not None:
        progress(len(due), len(due))
    with db.unit() as s:
        report.waiting = s.scalar(select(func.count()).where(SyncBatch.state == QUEUED)) or 0
    return report


def _check_receipt(db: Database, receipt: dict[str, Any], body: bytes, batch_uuid: str) -> None:
    """The receipt is for these bytes and is signed by a central key we trust."""
    if receipt.get("uuid") != batch_uuid or \
            receipt.get("digest") != hashlib.sha256(body).hexdigest():
        raise DaftarError("sync.answer")
    with db.unit() as s:
        if not central_signed(s, b"DFR1", receipt):
            raise DaftarError("sync.answer")


def _delivered(db: Database, batch_id: int, receipt: dict[str, Any]) -> None:
    """Store the receipt and move its sheets to "sent", in one transaction."""
    with db.unit() as s:
        b = s.get(SyncBatch, batch_id)
        assert b is not None
        if b.state != QUEUED:
            return
        b.state, b.receipt = SENT, json.dumps(receipt, ensure_ascii=False)
        b.sent_at = db.clock()
        b.attempts += 1
        b.last_error = None
        b.next_attempt_at = None
        sheets = list(s.scalars(select(GradeSheet.id).where(
            GradeSheet.batch_id == batch_id, GradeSheet.state == SheetState.QUEUED)))
        if sheets:
            move_in(s, db, sheets, Action.MARK_SENT, central_actor())
        audit.record(s, central_actor(), "sync.sent", "sync_batch", b.uuid,
                     new={"items": b.items, "rows": b.rows})
        put_state(s, LAST_OK, db.clock().isoformat())


def _refused(db: Database, batch_id: int, e: Refused) -> None:
    with db.unit() as s:
        b = s.get(SyncBatch, batch_id)
        assert b is not None
        b.state, b.last_error = REFUSED, e.message
        b.attempts += 1
        b.next_attempt_at = None
        audit.record(s, central_actor(), "sync.refused", "sync_batch", b.uuid,
                     reason=e.message)
        put_state(s, LAST_ERROR, e.message)


def _retry(db: Database, batch_id: int, message: str) -> None:
    with db.unit() as s:
        b = s.get(SyncBatch, batch_id)
        assert b is not None
        b.attempts += 1
        b.last_error = message
        b.next_attempt_at = db.clock() + dt.timedelta(seconds=backoff(b.attempts))
        # The server is away for all of them: the batches behind this one wait as long.
        for other in s.scalars(select(SyncBatch).where(SyncBatch.state == QUEUED,
                                                       SyncBatch.id != batch_id)):
            if other.next_attempt_at is None or other.next_attempt_at < b.next_attempt_at:
                other.next_attempt_at = b.next_attempt_at


# --- pulling -----------------------------------------------------------------------------------

def pull(db: Database, remote: Remote, report: Report | None = None) -> Report:
    report = report or Report()
    while True:
        with db.unit() as s:
            cursor = int(get_state(s, CURSOR) or 0)
        page = remote.updates(cursor)
        items = page.get("items") or []
        if not items:
            break
        stopped = False
        with db.unit() as s:
            if int(get_state(s, CURSOR) or 0) != cursor:   # another run got here first
                continue
            last = cursor
            for item in items:
                try:
                    with s.begin_nested():
                        apply(s, db, item["kind"], item["body"])
                except Later:
                    stopped = True
                    break
                except DaftarError as e:
                    audit.record(s, central_actor(), "sync.skip", "update", item["seq"],
                                 new=item, reason=e.message())
                last = int(item["seq"])
                report.pulled += 1
            put_state(s, CURSOR, str(last))
        if stopped or not page.get("more"):
            break
    return report


def forget(db: Database, batch_ids: Sequence[int]) -> None:
    """Forget a conversation with a server that was not this school's central server (the
    demo's own, :mod:`.demo_central`): its batches leave the outbox, the feed's cursor and
    the last success start over.  The audit trail keeps what happened."""
    with db.unit() as s:
        for sheet in s.scalars(select(GradeSheet).where(GradeSheet.batch_id.in_(batch_ids))):
            sheet.batch_id = None
        for entry in s.scalars(select(LegacyDiploma).where(
                LegacyDiploma.batch_id.in_(batch_ids))):
            entry.batch_id = None
        s.flush()
        for batch in s.scalars(select(SyncBatch).where(SyncBatch.id.in_(batch_ids))):
            s.delete(batch)
        put_state(s, CURSOR, "0")
        for key in (LAST_OK, LAST_TRY, LAST_ERROR):
            put_state(s, key, "")


# --- one run, and what the window shows ---------------------------------------------------------

def run(db: Database, remote: Remote | None = None, force: bool = True,
        progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> Report:
    """Pack, send, pull.  Failures are kept (``sync.last_error``) and returned, not raised,
    except "not configured"."""
    own = remote is None
    remote = remote or remote_for(db)
    report = Report()
    try:
        report.packed = len(pack(db))
        send(db, remote, force, report, progress, cancel)
        if report.failure is None:
            try:
                pull(db, remote, report)
            except Transient as e:
                report.failure = e.error.message()
            except Refused as e:
                report.failure = DaftarError("sync.refused", reason=e.message).message()
    finally:
        if own:
            remote.close()
    with db.unit() as s:
        put_state(s, LAST_TRY, db.clock().isoformat())
        if report.ok:
            put_state(s, LAST_OK, db.clock().isoformat())
            put_state(s, LAST_ERROR, "")
        else:
            put_state(s, LAST_ERROR, report.failure or report.refused[0])
    return report


@dataclass(frozen=True)
class BatchInfo:
    id: int
    uuid: str
    kind: str
    created_at: dt.datetime
    state: str
    items: int
    rows: int
    attempts: int
    last_error: str | None
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None

    @property
    def state_fa(self) -> str:
        return {QUEUED: "در صف ارسال", SENT: "رسید گرفت", REFUSED: "رد شد"}[self.state]

    @property
    def kind_fa(self) -> str:
        return {SHEETS: "برگه‌های نمره",
                EVENTS: "چاپ، ابطال، درخواست اصلاح، سابقۀ بایگانی و اعتراض"}[self.kind]


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    server: str | None
    last_success: dt.datetime | None
    last_attempt: dt.datetime | None
    last_error: str | None
    queued: int
    refused: int
    ready: int      # queued sheets not packed yet


def outbox(db: Database, limit: int = 200) -> list[BatchInfo]:
    with db.unit() as s:
        rows = s.execute(select(SyncBatch.id, SyncBatch.uuid, SyncBatch.kind,
                                SyncBatch.created_at, SyncBatch.state, SyncBatch.items,
                                SyncBatch.rows, SyncBatch.attempts, SyncBatch.last_error,
                                SyncBatch.next_attempt_at, SyncBatch.sent_at)
                         .order_by(SyncBatch.id.desc()).limit(limit)).all()
    return [BatchInfo(*r) for r in rows]


def status(db: Database) -> SyncStatus:
    def when(text: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(text) if text else None

    with db.unit() as s:
        counts = dict(s.execute(select(SyncBatch.state, func.count())
                                .group_by(SyncBatch.state)).all())
        ready = s.scalar(select(func.count()).where(
            GradeSheet.state == SheetState.QUEUED, GradeSheet.batch_id.is_(None))) or 0
        return SyncStatus(get_state(s, TOKEN) is not None, get_state(s, SERVER),
                          when(get_state(s, LAST_OK)), when(get_state(s, LAST_TRY)),
                          get_state(s, LAST_ERROR) or None, counts.get(QUEUED, 0),
                          counts.get(REFUSED, 0), ready)


@dataclass(frozen=True)
class SheetSync:
    """One sheet on its way to the central server, and where it is."""

    sheet_id: int
    title: str
    state: SheetState
    note: str
    failed: bool


ON_THE_WAY = (SheetState.APPROVED, SheetState.QUEUED, SheetState.SENT,
              SheetState.DISTRICT_APPROVED, SheetState.PROVINCE_APPROVED)


def sheet_states(db: Database, year: int) -> list[SheetSync]:
    """The year's sheets from school approval on (and those the centre sent back)."""
    from ..domain.calendar import format_jalali, today_tehran
    from ..domain.text import to_persian_digits
    from .approvals import sheet_summaries

    with db.unit() as s:
        found = sheet_summaries(s, year)
        info = {r[0]: r[1:] for r in s.execute(
            select(GradeSheet.id, GradeSheet.sent_version, SyncBatch.state, SyncBatch.attempts,
                   SyncBatch.last_error, SyncBatch.sent_at)
            .outerjoin(SyncBatch, GradeSheet.batch_id == SyncBatch.id)
            .where(GradeSheet.id.in_([x.sheet_id for x in found])))}
    out = []
    for x in found:
        version, bstate, attempts, error, sent_at = info[x.sheet_id]
        back = x.state is SheetState.DRAFT and version > 0 and x.last_reason
        if x.state not in ON_THE_WAY and not back:
            continue
        failed = False
        if back:
            note = f"برگشت از سرور مرکزی: {x.last_reason}"
            failed = True
        elif x.state is SheetState.APPROVED:
            note = "تأیید مدیر؛ برای ارسال باید در صف گذاشته شود"
        elif x.state is SheetState.QUEUED and bstate is None:
            note = "آماده؛ در ارسال بعدی بسته‌بندی می‌شود"
        elif x.state is SheetState.QUEUED and bstate == REFUSED:
            note, failed = f"سرور نپذیرفت: {error}", True
        elif x.state is SheetState.QUEUED:
            note = "در صندوق ارسال" + (
                f" (تلاش {to_persian_digits(attempts)}: {error})" if attempts else "")
            failed = bool(error)
        elif x.state is SheetState.SENT and sent_at is not None:
            note = f"رسید سرور مرکزی، {format_jalali(today_tehran(sent_at))}"
        else:
            note = x.state.label_fa
        out.append(SheetSync(x.sheet_id, x.title, x.state, note, failed))
    return out
