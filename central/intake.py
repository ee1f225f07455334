"""Taking a school's batch: all of it or nothing, each item checked against the school's
account, the deadlines and the domain's grading rules; the grade rows written by ``COPY``.
A batch may carry objections (:mod:`.objections`) and archived diplomas (:mod:`.records`).
"""


from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import uuid as uuidlib
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DataError

from desktop.domain.authority import seal_fault
from desktop.domain.calendar import (
    SessionKind,
    format_jalali,
    lock_instant,
    to_jalali,
)
from desktop.domain.errors import DaftarError
from desktop.domain.grading import DEFAULT_POLICY, Descriptive, Mark, parse_stored
from desktop.domain.seal import SealError, canonical, open_seal
from desktop.domain.verification import parse_code
from desktop.domain.workflow import (
    ChangeState,
    SheetState,
)

from . import objections, records, transfers
from . import schema as t
from .core import (
    MAX_ITEMS,
    Core,
    Refusal,
    SchoolAccount,
    bad,
    list_of,
    str_of,
)

log = logging.getLogger("central.intake")


def _kind_fa(kind: int) -> str:
    from desktop.domain.verification import DocumentKind

    try:
        return DocumentKind(kind).label_fa
    except ValueError:
        return str(kind)


class Intake(Core):
    """Receiving batches (a part of :class:`central.service.Central`)."""

    def receive(self, school: SchoolAccount, batch_uuid: str, body: bytes,
                signature: str) -> tuple[dict[str, Any], bool]:
        """Take one batch (all of it or nothing); return its receipt and whether a replay."""
        try:
            batch_uuid = str(uuidlib.UUID(batch_uuid))
        except ValueError:
            raise bad("شناسهٔ بسته") from None
        if school.public_key is None:
            raise Refusal(403, "central.enrol")
        try:
            Ed25519PublicKey.from_public_bytes(school.public_key).verify(
                base64.b64decode(signature, validate=True), b"DFB1" + body)
        except (InvalidSignature, ValueError):
            raise Refusal(403, "central.signature") from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise bad("JSON") from None
        if not isinstance(payload, dict):
            raise bad("JSON")
        if payload.get("school") != school.code:
            raise Refusal(403, "central.other_school", value=str(payload.get("school")))
        if payload.get("uuid") != batch_uuid:
            raise bad("شناسهٔ بسته با نشانی یکی نیست")
        digest = hashlib.sha256(body).hexdigest()
        now = self.clock()
        with self.engine.begin() as conn:
            # The UUID row first: a concurrent request with the same UUID waits here for
            # this transaction and then finds the receipt.
            first = conn.execute(pg_insert(t.batch).values(
                uuid=batch_uuid, school_code=school.code, digest=digest, received_at=now,
                items=0, rows=0).on_conflict_do_nothing().returning(t.batch.c.uuid)).first()
            if first is None:
                row = conn.execute(select(t.batch.c.school_code, t.batch.c.digest,
                                          t.batch.c.receipt)
                                   .where(t.batch.c.uuid == batch_uuid)).one()
                if row[0] == school.code and row[1] == digest and row[2]:
                    return json.loads(row[2]), True
                raise Refusal(409, "central.uuid_reused", value=batch_uuid)
            try:
                items, rows, sheet_ids = self._items(conn, school, payload, now, batch_uuid)
            except DataError:  # a number past PostgreSQL's range, a malformed value: refused
                raise bad("مقداری بیرون از بازه") from None
            except (KeyError, TypeError, ValueError) as e:  # a field missing or of a wrong kind
                raise bad(f"اقلام بسته ({type(e).__name__})") from None
            receipt: dict[str, Any] = {
                "uuid": batch_uuid, "school": school.code, "received_at": now.isoformat(),
                "items": items, "rows": rows, "sheets": sheet_ids, "digest": digest}
            receipt["signature"] = self.sign(b"DFR1" + canonical(receipt))
            conn.execute(update(t.batch).where(t.batch.c.uuid == batch_uuid).values(
                items=items, rows=rows, receipt=json.dumps(receipt, ensure_ascii=False)))
        return receipt, False

    def _items(self, conn: Connection, school: SchoolAccount, payload: dict[str, Any],
               now: dt.datetime, batch_uuid: str) -> tuple[int, int, list[int]]:
        sheets = list_of(payload, "sheets")
        changes = list_of(payload, "changes")
        prints = list_of(payload, "prints")
        voids = list_of(payload, "voids")
        legacy = list_of(payload, "legacy")
        objected = list_of(payload, "objections")
        moved = list_of(payload, "transfers")
        arrived = list_of(payload, "arrivals")
        students = payload.get("students") or {}
        if not isinstance(students, dict):
            raise bad("students")
        items = len(sheets) + len(changes) + len(prints) + len(voids) + len(legacy) + \
            len(objected) + len(moved) + len(arrived)
        if items == 0 or items > MAX_ITEMS:
            raise bad(f"شمار اقلام {items}")
        self._students(conn, school, students)
        rows = (self._sheets(conn, school, sheets, set(students), now, batch_uuid)
                if sheets else 0)
        for c in changes:
            self._change(conn, school, c, now)
        for p in prints:
            self._print(conn, school, p)
        for v in voids:
            self._void(conn, school, str_of(v, "code", 20), str_of(v, "reason", 2000), now)
        for item in legacy:
            records.file_legacy(conn, school, item, now)
        for item in objected:
            objections.file(conn, school, item, now)
        for item in moved:
            transfers.file(self, conn, school, item, now)
        for item in arrived:
            transfers.arrive(self, conn, school, item, now)
        return items, rows, [int(s["id"]) for s in sheets]

    def _students(self, conn: Connection, school: SchoolAccount,
                  students: dict[str, Any]) -> None:
        values = []
        for identity, s in students.items():
            if not isinstance(s, dict) or not isinstance(identity, str) or len(identity) > 40:
                raise bad("students")
            try:
                birth = dt.date.fromisoformat(str_of(s, "birth", 10))
            except ValueError:
                raise bad("birth") from None
            values.append({"identity": identity, "school_code": school.code,
                           "first_name": str_of(s, "first", 100),
                           "last_name": str_of(s, "last", 100),
                           "father_name": str_of(s, "father", 100), "birth_date": birth,
                           "birth_serial": str_of(s, "serial", 20) if "serial" in s else None})
        if values:  # one statement over arrays (unnest): one round trip, seven parameters
            cols = ("identity", "school_code", "first_name", "last_name", "father_name",
                    "birth_date", "birth_serial")
            types = ("varchar", "varchar", "varchar", "varchar", "varchar", "date", "varchar")
            arrays = ", ".join(f"%s::{ty}[]" for ty in types)
            with conn.connection.driver_connection.cursor() as cur:
                cur.execute(
                    f"INSERT INTO student ({', '.join(cols)}) SELECT * FROM unnest({arrays}) "
                    f"ON CONFLICT (identity) DO UPDATE SET "
                    + ", ".join(f"{c} = EXCLUDED.{c}" for c in cols[1:]),
                    [[v[c] for v in values] for c in cols])

    def _sheets(self, conn: Connection, school: SchoolAccount, sheets: list[Any],
                known_students: set[str], now: dt.datetime, batch_uuid: str) -> int:
        # 1. form and deadlines (by this server's clock)
        checked = []
        deadlines: dict[tuple[int, SessionKind], dt.date] = {}
        accepted: dict[str, set[str]] = {}
        for item in sheets:
            if not isinstance(item, dict):
                raise bad("sheet")
            try:
                local_id, version, year = int(item["id"]), int(item["version"]), int(item["year"])
                kind = SessionKind(item["session"])
                level, units = int(item["grade_level"]), int(item["units"])
            except (KeyError, ValueError, TypeError):
                raise bad("sheet") from None
            key = (year, kind)
            if key not in deadlines:
                deadlines[key] = self.deadline_of(conn, year, kind)
            day = to_jalali(deadlines[key])
            if now >= lock_instant(day):
                raise Refusal(422, "central.late", session=kind.label_fa,
                              year=str(year), date=format_jalali(day))
            exam_only = item.get("exam_only", False) is True
            course_local = item.get("course_id")
            if course_local is not None and not is_local_id(course_local):
                raise bad("course_id")
            has_final = bool(item.get("has_final", True))
            national = bool(item.get("national", False))
            scheme = DEFAULT_POLICY.scheme_for(level, has_final, national, exam_only)
            columns = {c.code for c in scheme.components_for(kind)}
            title = f"{str_of(item, 'class', 100)} / {str_of(item, 'course', 100)}"
            grades = item.get("rows")
            if not isinstance(grades, list):
                raise bad(f"rows «{title}»")
            good = accepted.setdefault(scheme.code, set())   # a batch has few distinct values
            for r in grades:
                if not (isinstance(r, list) and len(r) == 3 and r[0] in known_students
                        and r[1] in columns and isinstance(r[2], str)):
                    raise bad(f"«{title}»: {r!r}"[:200])
                if r[2] not in good:
                    check_value(scheme, r[2], title)
                    good.add(r[2])
            checked.append({"local_id": local_id, "version": version, "year": year,
                            "session": kind.value, "class_name": item["class"],
                            "grade_level": level, "course_code": str_of(item, "course_code", 40),
                            "course_name": item["course"], "units": units, "grades": grades,
                            "exam_only": exam_only, "has_final": has_final,
                            "national": national, "title": title,
                            "course_local_id": course_local,
                            "discipline": item.get("discipline", False) is True})
        # 2. resends: only a sheet the reviewers sent back may come again, as a newer version
        ids = [c["local_id"] for c in checked]
        existing = {r[0]: (r[1], r[2]) for r in conn.execute(
            select(t.sheet.c.local_id, t.sheet.c.state, t.sheet.c.version).where(
                t.sheet.c.school_code == school.code, t.sheet.c.local_id.in_(ids))
            .with_for_update())}
        for c in checked:
            old = existing.get(c["local_id"])
            if old is not None and (old[0] != SheetState.DRAFT.value or old[1] >= c["version"]):
                raise Refusal(409, "central.already", value=c["title"])
        # 3. write: sheets upserted, their rows replaced by COPY
        stmt = pg_insert(t.sheet)
        cols = ("version", "year", "session", "term", "class_name", "grade_level",
                "course_code", "course_name", "units", "exam_only", "has_final", "national",
                "course_local_id", "discipline", "state", "batch_uuid", "last_reason", "updated_at")
        values = [{k: v for k, v in c.items() if k not in ("grades", "title")}
                  | {"school_code": school.code, "state": SheetState.SENT.value,
                     "term": t.term_key(c["year"], c["session"]),
                     "batch_uuid": batch_uuid, "last_reason": None, "updated_at": now}
                  for c in checked]
        result = conn.execute(stmt.values(values).on_conflict_do_update(
            index_elements=["school_code", "local_id"],
            set_={c: stmt.excluded[c] for c in cols}).returning(t.sheet.c.id,
                                                                t.sheet.c.local_id))
        central_id = {local: cid for cid, local in result}
        resent = [central_id[c["local_id"]] for c in checked if c["local_id"] in existing]
        if resent:  # a newer version of a sheet sent back: its old rows go
            conn.execute(delete(t.grade_row).where(t.grade_row.c.school_code == school.code,
                                                   t.grade_row.c.sheet_id.in_(resent)))
        return copy_rows(conn, school.code, [
            (central_id[c["local_id"]], t.term_key(c["year"], c["session"]), c["grades"])
            for c in checked])

    def _change(self, conn: Connection, school: SchoolAccount, item: Any,
                now: dt.datetime) -> None:
        if not isinstance(item, dict) or not isinstance(item.get("changes"), list):
            raise bad("change")
        try:
            local_id, sheet_id = int(item["id"]), int(item["sheet"])
        except (KeyError, ValueError, TypeError):
            raise bad("change") from None
        conn.execute(pg_insert(t.change_request).values(
            school_code=school.code, local_id=local_id, sheet_local_id=sheet_id,
            changes=json.dumps(item["changes"], ensure_ascii=False),
            reason=str_of(item, "reason", 4000), attachment_name=item.get("attachment_name"),
            attachment_sha256=item.get("attachment_sha256"), state=ChangeState.FILED.value,
            filed_at=now).on_conflict_do_nothing())

    def _print(self, conn: Connection, school: SchoolAccount, item: Any) -> None:
        text = str_of(item, "seal", 2000)
        try:
            opened = open_seal(text, self.public_keys())
        except SealError:
            raise bad("seal") from None
        doc = opened.document
        fault = seal_fault(opened)
        if fault is not None and fault.code == "authority" or opened.by_centre:
            # a kind only the centre issues, sealed by a school's key (or a centre seal
            # passed off as the school's print): a modified office program or a stolen key
            log.warning("batch from %s: a print of kind %s refused (%s)", school.code,
                        doc.kind, fault.code if fault else "centre seal")
            raise Refusal(403, "central.kind_authority", kind=_kind_fa(doc.kind))
        if fault is not None or opened.certificate is None \
                or opened.certificate.school_code != school.code or doc.code[:8] != school.code:
            raise Refusal(403, "central.signature")
        rests_on = item.get("sheets")
        if rests_on is not None and not (
                isinstance(rests_on, list) and len(rests_on) <= 500
                and all(is_local_id(i) for i in rests_on)):
            raise bad("sheets")
        stmt = pg_insert(t.document).values(
            code=doc.code, school_code=school.code, kind=doc.kind, identity=doc.identity,
            name=doc.name, issued=doc.issued, seal=text, prints=1, session=doc.session,
            digest=doc.grades_digest.hex(),
            rests_on=json.dumps(sorted(set(rests_on))) if rests_on is not None else None)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["code"], set_={"prints": t.document.c.prints + 1},
            where=t.document.c.school_code == school.code))

    def _void(self, conn: Connection, school: SchoolAccount, code: str, reason: str,
              now: dt.datetime) -> None:
        try:
            code = parse_code(code).text
        except DaftarError:
            raise bad("code") from None
        if code[:8] != school.code:
            raise Refusal(403, "central.other_school", value=code[:8])
        self.revoke_in(conn, school.code, code, reason, now)


COPY_SQL = f"COPY grade_row ({', '.join(t.GRADE_ROW_COLUMNS)}) FROM STDIN"
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_rows(conn: Connection, school_code: str,
              sheets: list[tuple[int, int, list[list[str]]]]) -> int:
    """A batch's grade rows into ``grade_row`` by one ``COPY`` of text built in one go
    (``(sheet id, term, [[student, component, value], ...])`` each); the row count."""
    count = 0
    lines = []
    for sheet_id, term, grades in sheets:
        head = f"{school_code}\t{term}\t{sheet_id}\t"
        lines.extend(f"{head}{s}\t{c}\t{v}\n" for s, c, v in grades)
        count += len(grades)
    data = "".join(lines)
    if "\\" in data or "\r" in data or data.count("\t") != 5 * count \
            or data.count("\n") != count:
        # a field with a tab, newline or backslash: written escaped, field by field
        data = "".join("\t".join(str(f).translate(_COPY_ESCAPES) for f in
                                 (school_code, term, sid, s, c, v)) + "\n"
                       for sid, term, grades in sheets for s, c, v in grades)
    with conn.connection.driver_connection.cursor() as cur, cur.copy(COPY_SQL) as copy:
        copy.write(data.encode())
    return count


def is_local_id(value: Any) -> bool:
    """Whether a JSON value is one of the office's row ids (an integer column's, from 1)."""
    return type(value) is int and 0 < value < 2 ** 31


def check_value(scheme: Any, text: Any, title: str) -> None:
    """A grade as the school's scheme accepts it (the domain's range and step)."""
    try:
        entry = parse_stored(text) if isinstance(text, str) else None
        if entry is None:
            raise bad(f"«{title}»: {text!r}")
        if isinstance(entry, Decimal):
            if scheme.descriptive:
                raise bad(f"«{title}»: {text}")
            scheme.parse(entry)
        elif isinstance(entry, Descriptive) and not scheme.descriptive:
            raise bad(f"«{title}»: {text}")
        elif not isinstance(entry, (Descriptive, Mark)):
            raise bad(f"«{title}»: {text}")
    except Refusal:
        raise
    except DaftarError as e:
        raise bad(f"«{title}»: {e.message()}") from None
