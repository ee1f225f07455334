"""Sync with the central server, offline first (DESIGN.md "Sync").

* Outbox.  :func:`pack` turns what is ready into immutable batches in ``sync_batch``:
  queued sheets (grouped by session, ~10,000 grade rows a batch) and the events a
  school reports (change requests, prints and voids).  A batch is canonical JSON
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
  not arrived yet waits (the cursor stops before it) until the receipt does.

No Qt here: the window runs :func:`run` on its worker; ``daftar sync`` runs it headless.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import random
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.grading import stored_text
from ..domain.identity import identity_text
from ..domain.seal import KeyCertificate, canonical, raw_public
from ..domain.workflow import Action, ChangeState, Role, SheetState
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    Certificate,
    CertificatePrint,
    ChangeRequest,
    ClassGroup,
    Course,
    ExamSession,
    Grade,
    GradeLevel,
    GradeSheet,
    LegacyDiploma,
    Objection,
    PrintPermit,
    RevokedCode,
    School,
    Student,
    SyncBatch,
)
from . import audit, legacy, review
from .approvals import move_in
from .certificates import _signing, install_keys, trusted_keys_in
from .changes import decide_in
from .context import Actor
from .grades import cell_entry
from .progress import Progress
from .state import get_state, put_state

SERVER, TOKEN, CURSOR = "sync.server", "sync.token", "sync.cursor"
LAST_OK, LAST_ERROR, LAST_TRY = "sync.last_success", "sync.last_error", "sync.last_attempt"
PRINTS_FROM = "sync.prints_after"   # prints before enrolment were sealed with another key
QUEUED, SENT, REFUSED = "queued", "sent", "refused"
SHEETS, EVENTS = "sheets", "events"
ROWS_PER_BATCH = 10_000
EVENTS_PER_BATCH = 500
BACKOFF_FIRST, BACKOFF_MAX = 10.0, 30 * 60.0   # seconds
VOID_PREFIX = "void: "                        # how services.certificates logs a void
CENTRAL = Role.SYSTEM


# --- the wire -------------------------------------------------------------------------

class Transient(Exception):
    """Try again later: the server could not be reached or could not answer."""

    def __init__(self, error: DaftarError) -> None:
        super().__init__(error.message())
        self.error = error


class Refused(Exception):
    """The server answered no; sending the same again will not change it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Remote:
    """The central server over HTTP (httpx): one client, keep-alive, fixed timeouts."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0) -> None:
        import httpx

        if not base_url.startswith(("http://", "https://")):
            raise ValidationError("sync.url", value=base_url)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._httpx = httpx
        self.client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                   timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))

    def close(self) -> None:
        self.client.close()

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A JSON request; its JSON answer (None when empty)."""
        response = self.fetch(method, path, **kwargs)
        try:
            return response.json() if response.content else None
        except ValueError:
            raise Transient(DaftarError("sync.answer")) from None

    def fetch(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request whose answer is wanted whole (a PDF); refusals as in :meth:`call`."""
        httpx = self._httpx
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise Transient(DaftarError("sync.timeout")) from None
        except httpx.TransportError as e:
            raise Transient(DaftarError("sync.unreachable", detail=type(e).__name__)) from None
        status = response.status_code
        if status >= 500 or status in (408, 429):
            raise Transient(DaftarError("sync.server_error", status=status))
        if status >= 400:
            try:
                problem = response.json()
                raise Refused(status, str(problem["code"]), str(problem["message"]))
            except (ValueError, KeyError, TypeError):
                raise Refused(status, "http", f"HTTP {status}") from None
        return response

    def put_batch(self, batch_uuid: str, body: bytes, signature: bytes) -> dict[str, Any]:
        return self.call("PUT", f"/v1/batches/{batch_uuid}", content=body, headers={
            "Content-Type": "application/json",
            "X-Daftar-Signature": base64.b64encode(signature).decode()})

    def updates(self, after: int) -> dict[str, Any]:
        return self.call("GET", "/v1/updates", params={"after": after})

    def status(self) -> dict[str, Any]:
        return self.call("GET", "/v1/status")

    def enrol(self, school: str, code: str, public_key: bytes) -> dict[str, Any]:
        return self.call("POST", "/v1/enrol", json={"school": school, "enrol_code": code,
                                                     "public_key": public_key.hex()})


def remote_for(db: Database, timeout: float = 30.0, server: str | None = None) -> Remote:
    """The configured server (``server`` overrides the address, not the token)."""
    with db.unit() as s:
        url, token = server or get_state(s, SERVER), get_state(s, TOKEN)
    if not url or not token:
        raise DaftarError("sync.not_configured")
    return Remote(url, token, timeout)


# --- enrolment ---------------------------------------------------------------------------

def connect(db: Database, server: str, enrol_code: str, actor: Actor,
            remote: Remote | None = None) -> str:
    """Enrol this school with the central server (principal): a new school key, certified
    by the central key; documents printed before keep verifying with their old key."""
    actor.require(frozenset({Role.PRINCIPAL}), "اتصال به سرور مرکزی")
    with db.unit() as s:
        code = s.scalar(select(School.code))
    if code is None:
        raise DaftarError("school.missing")
    key = Ed25519PrivateKey.generate()
    own = remote is None
    remote = remote or Remote(server)
    try:
        answer = remote.enrol(code, enrol_code.strip(), raw_public(key.public_key()))
    except Refused as e:
        raise DaftarError("sync.refused", reason=e.message) from None
    except Transient as e:
        raise e.error from None
    finally:
        if own:
            remote.close()
    certificate = KeyCertificate.decode(bytes.fromhex(answer["certificate"]))
    central = [bytes.fromhex(k) for k in answer["central_keys"]]
    with db.unit() as s:
        install_keys(s, key, certificate, *central)
        put_state(s, SERVER, server.rstrip("/"))
        put_state(s, TOKEN, answer["token"])
        last_print = s.scalar(select(func.max(CertificatePrint.id))) or 0
        put_state(s, PRINTS_FROM, str(last_print))
        audit.record(s, actor, "sync.enrol", "school", code, new=server)
    return code


# --- packing the outbox -------------------------------------------------------------------

def pack(db: Database, require_connection: bool = True) -> list[int]:
    """Make batches of everything ready and not yet packed; return their ids.
    (Only the demo school packs without a connection: see :mod:`.demo_central`.)"""
    with db.unit() as s:
        if require_connection and get_state(s, TOKEN) is None:
            raise DaftarError("sync.not_configured")
        key, _cert = _signing(s)
        school = s.scalar(select(School.code))
        now = db.clock()
        made = _pack_sheets(s, key, school, now)
        made += _pack_events(s, key, school, now)
        return made


def _new_batch(s: Session, key: Ed25519PrivateKey, school: str, kind: str,
               content: dict[str, Any], items: int, rows: int, now: dt.datetime) -> SyncBatch:
    batch_uuid = str(uuidlib.uuid4())
    body = canonical({"v": 1, "school": school, "uuid": batch_uuid,
                      "created": now.isoformat()} | content)
    batch = SyncBatch(uuid=batch_uuid, kind=kind, payload=body, created_at=now,
                      signature=key.sign(b"DFB1" + body), state=QUEUED, attempts=0,
                      items=items, rows=rows)
    s.add(batch)
    s.flush()
    return batch


def _pack_sheets(s: Session, key: Ed25519PrivateKey, school: str,
                 now: dt.datetime) -> list[int]:
    sheets = s.execute(
        select(GradeSheet.id, ClassGroup.name, GradeLevel.number, Course.code, Course.name,
               Course.units, Course.has_final, Course.national_exam, ExamSession.kind,
               AcademicYear.start_year, GradeSheet.sent_version)
        .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
        .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
        .join(Course, GradeSheet.course_id == Course.id)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
        .where(GradeSheet.state == SheetState.QUEUED, GradeSheet.batch_id.is_(None))
        .order_by(AcademicYear.start_year, ExamSession.kind, GradeSheet.id)).all()
    if not sheets:
        return []
    ids = [r[0] for r in sheets]
    grades: dict[int, list[list[str]]] = {}
    students: dict[str, dict[str, str]] = {}
    who: dict[int, str] = {}
    for chunk in _chunks(ids, 500):
        for sid, st_id, comp, centi, level, mark in s.execute(
                select(Grade.sheet_id, Grade.student_id, Grade.component, Grade.value_centi,
                       Grade.level, Grade.mark).where(Grade.sheet_id.in_(chunk))
                .order_by(Grade.sheet_id, Grade.student_id, Grade.component)):
            grades.setdefault(sid, []).append([st_id, comp,
                                               stored_text(cell_entry(centi, level, mark))])
            who[st_id] = ""
    for chunk in _chunks(list(who), 500):
        for st in s.execute(select(Student.id, Student.national_code, Student.foreign_id_type,
                                   Student.foreign_id_value, Student.first_name,
                                   Student.last_name, Student.father_name, Student.birth_date,
                                   Student.birth_cert_serial)
                            .where(Student.id.in_(chunk))):
            identity = identity_text(st[1], st[2], st[3])
            who[st[0]] = identity
            students[identity] = {"first": st[4], "last": st[5], "father": st[6],
                                  "birth": st[7].isoformat()} | (
                {"serial": st[8]} if st[8] else {})
    rows_of = {sid: [[who[st], comp, value] for st, comp, value in grades.get(sid, [])]
               for sid in ids}

    made: list[int] = []
    group: list[Any] = []
    group_rows = 0

    def flush() -> None:
        nonlocal group, group_rows
        if not group:
            return
        items = []
        for r in group:
            items.append({"id": r[0], "version": r[10] + 1, "class": r[1],
                          "grade_level": r[2], "course_code": r[3], "course": r[4],
                          "units": r[5], "has_final": r[6], "national": r[7],
                          "session": r[8].value, "year": r[9], "rows": rows_of[r[0]]})
        used = {row[0] for it in items for row in it["rows"]}
        batch = _new_batch(s, key, school, SHEETS, {
            "students": {k: v for k, v in students.items() if k in used}, "sheets": items},
            len(items), group_rows, now)
        for sheet in s.scalars(select(GradeSheet).where(
                GradeSheet.id.in_([r[0] for r in group]))):
            sheet.sent_version += 1
            sheet.batch_id = batch.id
        made.append(batch.id)
        group, group_rows = [], 0

    previous = None
    for r in sheets:
        session = (r[9], r[8])
        n = len(rows_of[r[0]])
        if group and (session != previous or group_rows + n > ROWS_PER_BATCH):
            flush()
        group.append(r)
        group_rows += n
        previous = session
    flush()
    return made


def _pack_events(s: Session, key: Ed25519PrivateKey, school: str,
                 now: dt.datetime) -> list[int]:
    after = int(get_state(s, PRINTS_FROM) or 0)
    requests = list(s.scalars(select(ChangeRequest).where(
        ChangeRequest.batch_id.is_(None), ChangeRequest.state == ChangeState.FILED)
        .order_by(ChangeRequest.id)))
    prints = s.execute(select(CertificatePrint, Certificate.payload,
                              Certificate.verification_code)
                       .join(Certificate, CertificatePrint.certificate_id == Certificate.id)
                       .where(CertificatePrint.batch_id.is_(None), CertificatePrint.id > after)
                       .order_by(CertificatePrint.id)).all()
    archived = legacy.pending(s)
    objected = review.pending(s)
    if not requests and not prints and not archived and not objected:
        return []
    identity_of: dict[int, str] = {}
    student_ids = {c["student_id"] for r in requests for c in json.loads(r.changes)}
    for st in s.execute(select(Student.id, Student.national_code, Student.foreign_id_type,
                               Student.foreign_id_value).where(Student.id.in_(student_ids))):
        identity_of[st[0]] = identity_text(st[1], st[2], st[3])
    events: list[tuple[str, Any, dict[str, Any]]] = []
    for r in requests:
        events.append(("changes", r, {
            "id": r.id, "sheet": r.sheet_id, "reason": r.reason,
            "attachment_name": r.attachment_name,
            "attachment_sha256": hashlib.sha256(r.attachment).hexdigest()
            if r.attachment else None,
            "changes": [{"student": identity_of[c["student_id"]], "component": c["component"],
                         "old": c["old"], "new": c["new"]} for c in json.loads(r.changes)]}))
    for p, seal_text, code in prints:
        if p.reason and p.reason.startswith(VOID_PREFIX):
            events.append(("voids", p, {"code": code, "reason": p.reason[len(VOID_PREFIX):],
                                        "at": p.at.isoformat()}))
        else:
            events.append(("prints", p, {"seal": seal_text.decode(), "at": p.at.isoformat(),
                                         "printer": p.printer}))
    events += [("legacy", row, item) for row, item in archived]
    events += [("objections", row, item) for row, item in objected]
    made = []
    for chunk in _chunks(events, EVENTS_PER_BATCH):
        content: dict[str, list[dict[str, Any]]] = {"changes": [], "prints": [], "voids": [],
                                                    "legacy": [], "objections": []}
        for kind, _row, item in chunk:
            content[kind].append(item)
        batch = _new_batch(s, key, school, EVENTS, content, len(chunk), 0, now)
        for _kind, row, _item in chunk:
            row.batch_id = batch.id
        made.append(batch.id)
    return made


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


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
        if not _central_signed(s, b"DFR1", receipt):
            raise DaftarError("sync.answer")


def _central_signed(s: Session, domain: bytes, signed: dict[str, Any]) -> bool:
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
            move_in(s, db, sheets, Action.MARK_SENT, _central_actor())
        audit.record(s, _central_actor(), "sync.sent", "sync_batch", b.uuid,
                     new={"items": b.items, "rows": b.rows})
        put_state(s, LAST_OK, db.clock().isoformat())


def _refused(db: Database, batch_id: int, e: Refused) -> None:
    with db.unit() as s:
        b = s.get(SyncBatch, batch_id)
        assert b is not None
        b.state, b.last_error = REFUSED, e.message
        b.attempts += 1
        b.next_attempt_at = None
        audit.record(s, _central_actor(), "sync.refused", "sync_batch", b.uuid,
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


def _central_actor(by: str = "سرور مرکزی", role: Role = CENTRAL) -> Actor:
    return Actor("central", by, role)


# --- pulling -----------------------------------------------------------------------------------

class _Later(Exception):
    """This update is about something whose receipt has not come back yet."""


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
                        _apply(s, db, item["kind"], item["body"])
                except _Later:
                    stopped = True
                    break
                except DaftarError as e:
                    audit.record(s, _central_actor(), "sync.skip", "update", item["seq"],
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


def _apply(s: Session, db: Database, kind: str, body: dict[str, Any]) -> None:
    if kind == "sheet":
        _apply_sheet(s, db, body)
    elif kind == "change":
        cr = s.get(ChangeRequest, int(body["id"]))
        if cr is None:
            raise NotFound("not_found", what="درخواست اصلاح", value=body["id"])
        if cr.batch_id is not None and s.get(SyncBatch, cr.batch_id).state == QUEUED:
            raise _Later
        level = Role(body["level"])
        decide_in(s, cr.id, level, bool(body["approve"]), _central_actor(body.get("by") or
                                                                         level.label_fa),
                  body.get("reason"))
    elif kind == "legacy":
        row = s.get(LegacyDiploma, int(body["id"]))
        if row is not None and row.batch_id is not None and \
                s.get(SyncBatch, row.batch_id).state == QUEUED:
            raise _Later
        legacy.apply_decision(s, _central_actor(body.get("by") or Role(body["level"]).label_fa),
                              body)
    elif kind == "objection":
        row = s.get(Objection, int(body["id"]))
        if row is not None and row.batch_id is not None and \
                s.get(SyncBatch, row.batch_id).state == QUEUED:
            raise _Later
        review.apply_decision(s, _central_actor(body.get("by") or Role.DISTRICT.label_fa), body)
    elif kind == "permit":
        _apply_permit(s, body)
    elif kind == "revocation":
        code, at = body["code"], dt.datetime.fromisoformat(body["at"])
        if s.get(RevokedCode, code) is None:
            s.add(RevokedCode(code=code, at=at, reason=body["reason"]))
        cert = s.scalar(select(Certificate).where(Certificate.verification_code == code))
        if cert is not None and cert.revoked_at is None:
            cert.revoked_at, cert.revoked_reason = at, body["reason"]
            audit.record(s, _central_actor(), "print.void", "certificate", code,
                         reason=body["reason"])
    elif kind == "deadline":
        day = dt.date.fromisoformat(body["day"])
        session = s.scalar(select(ExamSession).join(AcademicYear).where(
            AcademicYear.start_year == int(body["year"]),
            ExamSession.kind == SessionKind(body["session"])))
        if session is not None and session.deadline != day:
            audit.record(s, _central_actor(), "session.deadline", "exam_session", session.id,
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
            raise _Later
    if sheet.sent_version != int(body["version"]):
        # The decision is about a version this office has since replaced: the local,
        # newer one stands (it is sent in its turn).
        raise DaftarError("workflow.action", action=Action(body["action"]).label_fa,
                          state=f"{sheet.state.label_fa} (نسخهٔ {sheet.sent_version})")
    role = Role(body["level"])
    move_in(s, db, [sheet.id], Action(body["action"]),
            _central_actor(body.get("by") or role.label_fa, role), body.get("reason"))


def _apply_permit(s: Session, body: dict[str, Any]) -> None:
    if not _central_signed(s, b"DFP1", body):
        raise DaftarError("central.signature")
    if s.scalar(select(PrintPermit.id).where(PrintPermit.permit_no == body["permit_no"])):
        return
    student_id = None
    if body.get("identity"):
        identity = body["identity"]
        q = select(Student.id)
        if ":" in identity:
            kind, value = identity.split(":", 1)
            q = q.where(Student.foreign_id_type == kind, Student.foreign_id_value == value)
        else:
            q = q.where(Student.national_code == identity)
        student_id = s.scalar(q)
        if student_id is None:
            raise NotFound("not_found", what="دانش‌آموز", value=identity)
    s.add(PrintPermit(permit_no=body["permit_no"], student_id=student_id,
                      valid_from=dt.date.fromisoformat(body["valid_from"]),
                      valid_until=dt.date.fromisoformat(body["valid_until"]),
                      issued_by=body["issued_by"],
                      signature=base64.b64decode(body["signature"])))


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
    from .approvals import _summaries

    with db.unit() as s:
        found = _summaries(s, year)
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
