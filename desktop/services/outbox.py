"""The outbox: everything ready for the central server packed into immutable, signed
batches (:func:`pack`), grade sheets by session and up to ``ROWS_PER_BATCH`` rows, and
the events (change requests, prints and voids, archived diplomas, objections,
transfers out and arrivals) in batches
of their own.  A batch never changes once made; :mod:`.sync` sends and resends it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import DaftarError
from ..domain.grading import stored_text
from ..domain.identity import identity_text
from ..domain.seal import canonical
from ..domain.workflow import ChangeState, SheetState
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
    School,
    Student,
    SyncBatch,
)
from . import legacy, review, transfers
from .certificates import signing_key
from .enrollment import sheets_behind
from .grades import cell_entry
from .state import get_state

SERVER, TOKEN = "sync.server", "sync.token"
PRINTS_FROM = "sync.prints_after"   # prints before enrolment were sealed with another key
QUEUED, SENT, REFUSED = "queued", "sent", "refused"
SHEETS, EVENTS = "sheets", "events"
ROWS_PER_BATCH = 10_000
EVENTS_PER_BATCH = 500
VOID_PREFIX = "void: "                        # how services.certificates logs a void


def pack(db: Database, require_connection: bool = True) -> list[int]:
    """Make batches of everything ready and not yet packed; return their ids.
    (Only the demo school packs without a connection: see :mod:`.demo_central`.)"""
    with db.unit() as s:
        if require_connection and get_state(s, TOKEN) is None:
            raise DaftarError("sync.not_configured")
        key, _cert = signing_key(s)
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
               AcademicYear.start_year, GradeSheet.sent_version, Course.exam_only,
               Course.id, Course.discipline)
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
                          "session": r[8].value, "year": r[9], "rows": rows_of[r[0]],
                          # the card's course order, and discipline's place in the average:
                          # the centre recomputes a printed card from these (issue 24)
                          "course_id": r[12], "discipline": bool(r[13])}
                         | ({"exam_only": True} if r[11] else {}))
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
                              Certificate.verification_code, Certificate.student_id,
                              Certificate.session_id)
                       .join(Certificate, CertificatePrint.certificate_id == Certificate.id)
                       .where(CertificatePrint.batch_id.is_(None), CertificatePrint.id > after)
                       .order_by(CertificatePrint.id)).all()
    archived = legacy.pending(s)
    objected = review.pending(s)
    moved = transfers.pending(s)
    if not requests and not prints and not archived and not objected and not moved:
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
    behind: dict[tuple[int, int], list[int]] = {}
    for p, seal_text, code, student_id, session_id in prints:
        if p.reason and p.reason.startswith(VOID_PREFIX):
            events.append(("voids", p, {"code": code, "reason": p.reason[len(VOID_PREFIX):],
                                        "at": p.at.isoformat()}))
        else:
            card = (student_id, session_id)
            if card not in behind:   # what the card read: the centre matches it (issue 24)
                behind[card] = sheets_behind(s, student_id, session_id)
            events.append(("prints", p, {"seal": seal_text.decode(), "at": p.at.isoformat(),
                                         "printer": p.printer, "sheets": behind[card]}))
    events += [("legacy", row, item) for row, item in archived]
    events += [("objections", row, item) for row, item in objected]
    events += moved
    made = []
    for chunk in _chunks(events, EVENTS_PER_BATCH):
        content: dict[str, list[dict[str, Any]]] = {"changes": [], "prints": [], "voids": [],
                                                    "legacy": [], "objections": [],
                                                    "transfers": [], "arrivals": []}
        for kind, _row, item in chunk:
            content[kind].append(item)
        batch = _new_batch(s, key, school, EVENTS, content, len(chunk), 0, now)
        for _kind, row, _item in chunk:
            row.batch_id = batch.id
        made.append(batch.id)
    return made


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
