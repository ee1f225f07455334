"""The central server's use cases, without the web framework (``api`` serves them).

Every refusal is a :class:`Refusal`: a message from the one catalogue
(``desktop.domain.errors``) in Persian and English, and the HTTP status it travels
with.  Nothing is written when one is raised: each use case is one transaction.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import uuid as uuidlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DataError, DBAPIError

from desktop.domain.calendar import (
    DEFAULT_CALENDAR,
    SessionKind,
    format_jalali,
    lock_instant,
    to_gregorian,
    to_jalali,
    today_tehran,
)
from desktop.domain.errors import DaftarError
from desktop.domain.grading import DEFAULT_POLICY, Descriptive, Mark, parse_stored
from desktop.domain.seal import SealError, canonical, certify, open_seal, raw_public
from desktop.domain.verification import parse_code
from desktop.domain.workflow import (
    Action,
    ChangeState,
    Role,
    SheetState,
    change_decision,
    transition,
)

from . import objections, records, repairs
from . import schema as t

CERTIFICATE_YEARS = 5
MAX_ITEMS = 2_000          # sheets, requests and document events in one batch
FEED_PAGE = 500


class Refusal(DaftarError):
    """A refused request: the catalogue message and its HTTP status."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code, **params)
        self.status = status


def _bad(detail: str) -> Refusal:
    return Refusal(422, "central.payload", detail=detail)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SchoolAccount:
    code: str
    name: str
    province: str
    district: str
    public_key: bytes | None


@dataclass(frozen=True)
class ReviewerAccount:
    id: int
    username: str
    display_name: str
    role: Role
    province: str
    district: str | None

    def covers(self, province: str, district: str) -> bool:
        """Jurisdiction: a district reviewer their district, a province reviewer the province."""
        if province != self.province:
            return False
        return self.role is Role.PROVINCE or district == self.district


def utcnow() -> dt.datetime:
    return dt.datetime.now(tz=dt.UTC)


class Central:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self._key: Ed25519PrivateKey | None = None

    # --- the central key --------------------------------------------------------------

    def init_authority(self) -> bytes:
        """Make the central signing key once; return its public half."""
        with self.engine.begin() as conn:
            row = conn.execute(select(t.authority.c.public_key)).first()
            if row is not None:
                return bytes(row[0])
            key = Ed25519PrivateKey.generate()
            from cryptography.hazmat.primitives.serialization import (
                Encoding,
                NoEncryption,
                PrivateFormat,
            )

            conn.execute(insert(t.authority).values(
                id=1, private_key=key.private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                    NoEncryption()),
                public_key=raw_public(key.public_key()), created_at=self.clock()))
            return raw_public(key.public_key())

    def key(self) -> Ed25519PrivateKey:
        if self._key is None:
            with self.engine.connect() as conn:
                row = conn.execute(select(t.authority.c.private_key)).first()
            if row is None:
                raise Refusal(503, "central.no_authority")
            self._key = Ed25519PrivateKey.from_private_bytes(bytes(row[0]))
        return self._key

    def public_keys(self) -> list[bytes]:
        return [raw_public(self.key().public_key())]

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.key().sign(data)).decode()

    # --- accounts (administrator) ---------------------------------------------------

    def add_school(self, code: str, name: str, province: str, district: str) -> str:
        """Register a school (or renew its enrolment code); return the one-time code."""
        from desktop.domain.identity import normalize_school_code

        code = normalize_school_code(code)
        enrol = secrets.token_hex(8)
        with self.engine.begin() as conn:
            conn.execute(pg_insert(t.school).values(
                code=code, name=name, province=province, district=district,
                enrol_hash=token_hash(enrol)).on_conflict_do_update(
                index_elements=[t.school.c.code],
                set_={"name": name, "province": province, "district": district,
                      "enrol_hash": token_hash(enrol)}))
        return enrol

    def add_reviewer(self, username: str, display_name: str, role: Role, province: str,
                     district: str | None) -> str:
        """A district or province reviewer; return their access token (shown once)."""
        if role not in (Role.DISTRICT, Role.PROVINCE):
            raise Refusal(422, "workflow.role", role=role.label_fa, action="بررسی")
        token = "r_" + secrets.token_urlsafe(24)
        with self.engine.begin() as conn:
            conn.execute(pg_insert(t.reviewer).values(
                username=username, display_name=display_name, role=role.value,
                province=province, district=district if role is Role.DISTRICT else None,
                token_hash=token_hash(token)).on_conflict_do_update(
                index_elements=[t.reviewer.c.username],
                set_={"token_hash": token_hash(token), "display_name": display_name,
                      "role": role.value, "province": province,
                      "district": district if role is Role.DISTRICT else None}))
        return token

    def make_partitions(self, years: list[int] | None = None) -> list[int]:
        """The grade rows' partitions of these school years' exam sessions (default: last
        year's, this year's and next year's), made ahead of their batches; the terms made.
        A session whose rows already went to the default partition keeps them there."""
        if years is None:
            year = DEFAULT_CALENDAR.school_year_of(today_tehran(self.clock()))
            years = [year - 1, year, year + 1]
        made = []
        with self.engine.begin() as conn:
            for year in years:
                for session in t.TERMS:
                    term = t.term_key(year, session)
                    try:
                        with conn.begin_nested():
                            conn.exec_driver_sql(t.partition_for(term))
                        made.append(term)
                    except DBAPIError:  # rows of that term in the default partition
                        continue
        return made

    def set_deadline(self, year: int, session: SessionKind, day: dt.date) -> None:
        """Move a session's deadline; every school hears of it in its feed."""
        self.make_partitions([year])
        with self.engine.begin() as conn:
            conn.execute(pg_insert(t.deadline).values(year=year, session=session.value, day=day)
                         .on_conflict_do_update(index_elements=["year", "session"],
                                                set_={"day": day}))
            self.feed(conn, None, "deadline", {"year": year, "session": session.value,
                                                "day": day.isoformat()})

    # --- authentication -----------------------------------------------------------------

    def school_by_token(self, token: str) -> SchoolAccount | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.school.c.code, t.school.c.name, t.school.c.province,
                                      t.school.c.district, t.school.c.public_key)
                               .where(t.school.c.token_hash == token_hash(token))).first()
        return SchoolAccount(*row) if row else None

    def reviewer_by_token(self, token: str) -> ReviewerAccount | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.reviewer.c.id, t.reviewer.c.username,
                                      t.reviewer.c.display_name, t.reviewer.c.role,
                                      t.reviewer.c.province, t.reviewer.c.district)
                               .where(t.reviewer.c.token_hash == token_hash(token))).first()
        if row is None:
            return None
        return ReviewerAccount(row[0], row[1], row[2], Role(row[3]), row[4], row[5])

    # --- enrolment ------------------------------------------------------------------------

    def enrol(self, code: str, enrol_code: str, public_key_hex: str) -> dict[str, Any]:
        """A school registers its public key with its one-time code: token + certificate."""
        try:
            public = bytes.fromhex(public_key_hex)
            Ed25519PublicKey.from_public_bytes(public)
        except ValueError:
            raise _bad("کلید عمومی") from None
        token = "s_" + secrets.token_urlsafe(32)
        now = self.clock()
        valid_until = now.date() + dt.timedelta(days=365 * CERTIFICATE_YEARS)
        certificate = certify(self.key(), code, public, valid_until)
        with self.engine.begin() as conn:
            row = conn.execute(select(t.school.c.enrol_hash).where(t.school.c.code == code)
                               .with_for_update()).first()
            if row is None or row[0] is None or not secrets.compare_digest(
                    row[0], token_hash(enrol_code)):
                raise Refusal(403, "central.enrol")
            conn.execute(update(t.school).where(t.school.c.code == code).values(
                enrol_hash=None, token_hash=token_hash(token), public_key=public,
                certificate=certificate.encode(), enrolled_at=now))
        return {"token": token, "certificate": certificate.encode().hex(),
                "central_keys": [k.hex() for k in self.public_keys()],
                "valid_until": valid_until.isoformat()}

    # --- deadlines ------------------------------------------------------------------------

    def deadline_of(self, conn: Connection, year: int, kind: SessionKind) -> dt.date:
        day = conn.execute(select(t.deadline.c.day).where(
            t.deadline.c.year == year, t.deadline.c.session == kind.value)).scalar()
        return day if day is not None else to_gregorian(DEFAULT_CALENDAR.deadline(kind, year))

    def status(self) -> dict[str, Any]:
        """The server's clock and the deadlines it applies (public)."""
        now = self.clock()
        year = DEFAULT_CALENDAR.school_year_of(today_tehran(now))
        with self.engine.connect() as conn:
            deadlines = [{"year": y, "session": k.value,
                          "day": self.deadline_of(conn, y, k).isoformat()}
                         for y in (year - 1, year) for k in SessionKind]
        return {"now": now.isoformat(), "deadlines": deadlines,
                "central_keys": [k.hex() for k in self.public_keys()]}

    # --- receiving a batch -----------------------------------------------------------------

    def receive(self, school: SchoolAccount, batch_uuid: str, body: bytes,
                signature: str) -> tuple[dict[str, Any], bool]:
        """Take one batch (all of it or nothing); return its receipt and whether a replay."""
        try:
            batch_uuid = str(uuidlib.UUID(batch_uuid))
        except ValueError:
            raise _bad("شناسهٔ بسته") from None
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
            raise _bad("JSON") from None
        if not isinstance(payload, dict):
            raise _bad("JSON")
        if payload.get("school") != school.code:
            raise Refusal(403, "central.other_school", value=str(payload.get("school")))
        if payload.get("uuid") != batch_uuid:
            raise _bad("شناسهٔ بسته با نشانی یکی نیست")
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
                raise _bad("مقداری بیرون از بازه") from None
            except (KeyError, TypeError, ValueError) as e:  # a field missing or of a wrong kind
                raise _bad(f"اقلام بسته ({type(e).__name__})") from None
            receipt: dict[str, Any] = {
                "uuid": batch_uuid, "school": school.code, "received_at": now.isoformat(),
                "items": items, "rows": rows, "sheets": sheet_ids, "digest": digest}
            receipt["signature"] = self.sign(b"DFR1" + canonical(receipt))
            conn.execute(update(t.batch).where(t.batch.c.uuid == batch_uuid).values(
                items=items, rows=rows, receipt=json.dumps(receipt, ensure_ascii=False)))
        return receipt, False

    def _items(self, conn: Connection, school: SchoolAccount, payload: dict[str, Any],
               now: dt.datetime, batch_uuid: str) -> tuple[int, int, list[int]]:
        sheets = _list(payload, "sheets")
        changes = _list(payload, "changes")
        prints = _list(payload, "prints")
        voids = _list(payload, "voids")
        legacy = _list(payload, "legacy")
        objected = _list(payload, "objections")
        students = payload.get("students") or {}
        if not isinstance(students, dict):
            raise _bad("students")
        items = len(sheets) + len(changes) + len(prints) + len(voids) + len(legacy) + \
            len(objected)
        if items == 0 or items > MAX_ITEMS:
            raise _bad(f"شمار اقلام {items}")
        self._students(conn, school, students)
        rows = (self._sheets(conn, school, sheets, set(students), now, batch_uuid)
                if sheets else 0)
        for c in changes:
            self._change(conn, school, c, now)
        for p in prints:
            self._print(conn, school, p)
        for v in voids:
            self._void(conn, school, _str(v, "code", 20), _str(v, "reason", 2000), now)
        for item in legacy:
            records.file_legacy(conn, school, item, now)
        for item in objected:
            objections.file(conn, school, item, now)
        return items, rows, [int(s["id"]) for s in sheets]

    def _students(self, conn: Connection, school: SchoolAccount,
                  students: dict[str, Any]) -> None:
        values = []
        for identity, s in students.items():
            if not isinstance(s, dict) or not isinstance(identity, str) or len(identity) > 40:
                raise _bad("students")
            try:
                birth = dt.date.fromisoformat(_str(s, "birth", 10))
            except ValueError:
                raise _bad("birth") from None
            values.append({"identity": identity, "school_code": school.code,
                           "first_name": _str(s, "first", 100), "last_name": _str(s, "last", 100),
                           "father_name": _str(s, "father", 100), "birth_date": birth,
                           "birth_serial": _str(s, "serial", 20) if "serial" in s else None})
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
                raise _bad("sheet")
            try:
                local_id, version, year = int(item["id"]), int(item["version"]), int(item["year"])
                kind = SessionKind(item["session"])
                level, units = int(item["grade_level"]), int(item["units"])
            except (KeyError, ValueError, TypeError):
                raise _bad("sheet") from None
            key = (year, kind)
            if key not in deadlines:
                deadlines[key] = self.deadline_of(conn, year, kind)
            day = to_jalali(deadlines[key])
            if now >= lock_instant(day):
                raise Refusal(422, "central.late", session=kind.label_fa,
                              year=str(year), date=format_jalali(day))
            exam_only = item.get("exam_only", False) is True
            has_final = bool(item.get("has_final", True))
            national = bool(item.get("national", False))
            scheme = DEFAULT_POLICY.scheme_for(level, has_final, national, exam_only)
            columns = {c.code for c in scheme.components_for(kind)}
            title = f"{_str(item, 'class', 100)} / {_str(item, 'course', 100)}"
            grades = item.get("rows")
            if not isinstance(grades, list):
                raise _bad(f"rows «{title}»")
            good = accepted.setdefault(scheme.code, set())   # a batch has few distinct values
            for r in grades:
                if not (isinstance(r, list) and len(r) == 3 and r[0] in known_students
                        and r[1] in columns and isinstance(r[2], str)):
                    raise _bad(f"«{title}»: {r!r}"[:200])
                if r[2] not in good:
                    _check_value(scheme, r[2], title)
                    good.add(r[2])
            checked.append({"local_id": local_id, "version": version, "year": year,
                            "session": kind.value, "class_name": item["class"],
                            "grade_level": level, "course_code": _str(item, "course_code", 40),
                            "course_name": item["course"], "units": units, "grades": grades,
                            "exam_only": exam_only, "has_final": has_final,
                            "national": national, "title": title})
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
                "state", "batch_uuid", "last_reason", "updated_at")
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
            raise _bad("change")
        try:
            local_id, sheet_id = int(item["id"]), int(item["sheet"])
        except (KeyError, ValueError, TypeError):
            raise _bad("change") from None
        conn.execute(pg_insert(t.change_request).values(
            school_code=school.code, local_id=local_id, sheet_local_id=sheet_id,
            changes=json.dumps(item["changes"], ensure_ascii=False),
            reason=_str(item, "reason", 4000), attachment_name=item.get("attachment_name"),
            attachment_sha256=item.get("attachment_sha256"), state=ChangeState.FILED.value,
            filed_at=now).on_conflict_do_nothing())

    def _print(self, conn: Connection, school: SchoolAccount, item: Any) -> None:
        text = _str(item, "seal", 2000)
        try:
            opened = open_seal(text, self.public_keys())
        except SealError:
            raise _bad("seal") from None
        doc = opened.document
        if not opened.valid or opened.certificate.school_code != school.code \
                or doc.code[:8] != school.code:
            raise Refusal(403, "central.signature")
        stmt = pg_insert(t.document).values(
            code=doc.code, school_code=school.code, kind=doc.kind, identity=doc.identity,
            name=doc.name, issued=doc.issued, seal=text, prints=1, session=doc.session)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["code"], set_={"prints": t.document.c.prints + 1},
            where=t.document.c.school_code == school.code))

    def _void(self, conn: Connection, school: SchoolAccount, code: str, reason: str,
              now: dt.datetime) -> None:
        try:
            code = parse_code(code).text
        except DaftarError:
            raise _bad("code") from None
        if code[:8] != school.code:
            raise Refusal(403, "central.other_school", value=code[:8])
        self.revoke_in(conn, school.code, code, reason, now)

    def revoke_in(self, conn: Connection, school_code: str, code: str, reason: str,
                  now: dt.datetime) -> None:
        """Revoke a document (and the confirmations of it) inside ``conn``'s transaction,
        and tell every school."""
        stmt = pg_insert(t.document).values(code=code, school_code=school_code, prints=0,
                                            revoked_at=now, revoked_reason=reason)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["code"], set_={"revoked_at": now, "revoked_reason": reason}))
        conn.execute(update(t.document).where(t.document.c.confirms == code,
                                              t.document.c.revoked_at.is_(None))
                     .values(revoked_at=now, revoked_reason=f"سند تأییدشده باطل شد: {reason}"))
        self.feed(conn, None, "revocation", {"code": code, "reason": reason,
                                              "at": now.isoformat()})

    def feed(self, conn: Connection, school_code: str | None, kind: str,
              body: dict[str, Any]) -> None:
        conn.execute(insert(t.update_feed).values(
            school_code=school_code, kind=kind, body=json.dumps(body, ensure_ascii=False),
            at=self.clock()))

    # --- what a school pulls --------------------------------------------------------------

    def updates(self, school: SchoolAccount, after: int, limit: int = FEED_PAGE
                ) -> dict[str, Any]:
        limit = max(1, min(limit, FEED_PAGE))
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.update_feed.c.seq, t.update_feed.c.kind, t.update_feed.c.body)
                .where(t.update_feed.c.seq > after,
                       or_(t.update_feed.c.school_code == school.code,
                           t.update_feed.c.school_code.is_(None)))
                .order_by(t.update_feed.c.seq).limit(limit)).all()
        items = [{"seq": seq, "kind": kind, "body": json.loads(body)} for seq, kind, body in rows]
        return {"items": items, "cursor": items[-1]["seq"] if items else after,
                "more": len(items) == limit}

    # --- reviewers ------------------------------------------------------------------------

    def schools_of(self, reviewer: ReviewerAccount) -> Any:
        """The codes of the schools in the reviewer's reach (a subquery)."""
        q = select(t.school.c.code).where(t.school.c.province == reviewer.province)
        if reviewer.role is Role.DISTRICT:
            q = q.where(t.school.c.district == reviewer.district)
        return q

    def waiting_sheets(self, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
        """The sheets whose next step is this reviewer's."""
        state = SheetState.SENT if reviewer.role is Role.DISTRICT else SheetState.DISTRICT_APPROVED
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.sheet.c.id, t.sheet.c.school_code, t.sheet.c.year, t.sheet.c.session,
                       t.sheet.c.class_name, t.sheet.c.course_name, t.sheet.c.state,
                       select(func.count()).where(t.grade_row.c.sheet_id == t.sheet.c.id)
                       .scalar_subquery())
                .where(t.sheet.c.state == state.value,
                       t.sheet.c.school_code.in_(self.schools_of(reviewer)))
                .order_by(t.sheet.c.school_code, t.sheet.c.class_name, t.sheet.c.course_name)
            ).all()
        keys = ("id", "school", "year", "session", "class", "course", "state", "rows")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def sheet_rows(self, reviewer: ReviewerAccount, sheet_id: int) -> list[dict[str, str]]:
        with self.engine.connect() as conn:
            self._sheet_in_reach(conn, reviewer, [sheet_id])
            rows = conn.execute(select(t.grade_row.c.student, t.grade_row.c.component,
                                       t.grade_row.c.value)
                                .where(t.grade_row.c.sheet_id == sheet_id)
                                .order_by(t.grade_row.c.student, t.grade_row.c.component)).all()
        return [{"student": a, "component": b, "value": c} for a, b, c in rows]

    def _sheet_in_reach(self, conn: Connection, reviewer: ReviewerAccount,
                        ids: Iterable[int]) -> list[Any]:
        ids = list(ids)
        rows = conn.execute(
            select(t.sheet.c.id, t.sheet.c.school_code, t.sheet.c.local_id, t.sheet.c.version,
                   t.sheet.c.state, t.sheet.c.class_name, t.sheet.c.course_name,
                   t.school.c.province, t.school.c.district, t.sheet.c.exam_only)
            .join(t.school, t.school.c.code == t.sheet.c.school_code)
            .where(t.sheet.c.id.in_(ids)).with_for_update(of=t.sheet)).all()
        found = {r[0]: r for r in rows}
        for i in ids:
            r = found.get(i)
            if r is None:
                raise Refusal(404, "not_found", what="برگه", value=i)
            if not reviewer.covers(r[7], r[8]):
                raise Refusal(403, "central.forbidden", detail=f"برگه {i} در حوزهٔ شما نیست")
        return [found[i] for i in ids]

    def decide_sheets(self, reviewer: ReviewerAccount, ids: list[int], approve: bool,
                      reason: str | None) -> list[str]:
        """Approve or send back many sheets at once: all or none (the workflow table rules)."""
        if not ids:
            return []
        now = self.clock()
        with self.engine.begin() as conn:
            rows = self._sheet_in_reach(conn, reviewer, ids)
            steps, problems = [], []
            for r in rows:
                state = SheetState(r[4])
                action = Action.REJECT if not approve else (
                    Action.DISTRICT_APPROVE if state is SheetState.SENT
                    else Action.PROVINCE_APPROVE)
                try:
                    steps.append((r, transition(state, action, reviewer.role, reason)))
                except DaftarError as e:
                    problems.append(f"«{r[5]} / {r[6]}»: {e.message()}")
            if problems:
                raise Refusal(422, "batch.refused", count=len(problems),
                              details="؛ ".join(problems[:10]))
            for r, step in steps:
                conn.execute(update(t.sheet).where(t.sheet.c.id == r[0]).values(
                    state=step.target.value, last_reason=step.reason, updated_at=now))
                self.feed(conn, r[1], "sheet", {
                    "sheet": r[2], "version": r[3], "action": step.action.value,
                    "level": reviewer.role.value, "reason": step.reason,
                    "by": reviewer.display_name})
                if r[9] and step.target is SheetState.PROVINCE_APPROVED:
                    repairs.apply(self, conn, r[0], now)
        return [step.target.value for _, step in steps]

    def waiting_changes(self, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
        state = ChangeState.FILED if reviewer.role is Role.DISTRICT else \
            ChangeState.DISTRICT_APPROVED
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.change_request.c.id, t.change_request.c.school_code,
                       t.change_request.c.sheet_local_id, t.change_request.c.changes,
                       t.change_request.c.reason, t.change_request.c.state)
                .where(t.change_request.c.state == state.value,
                       t.change_request.c.school_code.in_(self.schools_of(reviewer)))
                .order_by(t.change_request.c.id)).all()
        return [{"id": r[0], "school": r[1], "sheet": r[2], "changes": json.loads(r[3]),
                 "reason": r[4], "state": r[5]} for r in rows]

    def decide_step(self, conn: Connection, reviewer: ReviewerAccount, table: Any, row_id: int,
                    what: str, columns: Sequence[Any], approve: bool, reason: str | None,
                    rule: Callable[..., tuple[ChangeState, str | None]] = change_decision
                    ) -> tuple[Any, ChangeState, str | None]:
        """The district's or the province's step on a two-step item (a change request, an
        archived diploma): the row locked and in the reviewer's reach, the next state and
        the cleaned reason by the workflow's rule.  Returns (``columns`` of the row, ...)."""
        row = conn.execute(
            select(*columns, table.c.state, t.school.c.province, t.school.c.district)
            .join(t.school, t.school.c.code == table.c.school_code)
            .where(table.c.id == row_id).with_for_update(of=table)).first()
        if row is None:
            raise Refusal(404, "not_found", what=what, value=row_id)
        if not reviewer.covers(row[-2], row[-1]):
            raise Refusal(403, "central.forbidden", detail=f"{what} در حوزۀ شما نیست")
        try:
            after, why = rule(ChangeState(row[-3]), reviewer.role, approve, reason)
        except DaftarError as e:
            raise Refusal(422, e.code, **e.params) from None
        return row[:-3], after, why

    def decide_change(self, reviewer: ReviewerAccount, request_id: int, approve: bool,
                      reason: str | None) -> str:
        with self.engine.begin() as conn:
            cr = t.change_request.c
            row, after, why = self.decide_step(
                conn, reviewer, t.change_request, request_id, "درخواست اصلاح",
                (cr.school_code, cr.local_id, cr.state, cr.sheet_local_id, cr.changes),
                approve, reason)
            conn.execute(update(t.change_request).where(t.change_request.c.id == request_id)
                         .values(state=after.value, decided_reason=why))
            if after is ChangeState.PROVINCE_APPROVED:
                self._apply_change(conn, row[0], row[3], json.loads(row[4]))
            self.feed(conn, row[0], "change", {"id": row[1], "level": reviewer.role.value,
                                                "approve": approve, "reason": why,
                                                "by": reviewer.display_name})
        return after.value

    def _apply_change(self, conn: Connection, school_code: str, sheet_local_id: int,
                      changes: list[dict[str, Any]]) -> None:
        """The central copy of the grades follows an approved change (the school applies
        its own on pulling the decision)."""
        found = conn.execute(select(t.sheet.c.id, t.sheet.c.term).where(
            t.sheet.c.school_code == school_code,
            t.sheet.c.local_id == sheet_local_id)).first()
        if found is None:
            return
        sid, term = found
        g = t.grade_row.c
        for c in changes:
            key = (g.school_code == school_code) & (g.term == term) & (g.sheet_id == sid) & \
                (g.student == c["student"]) & (g.component == c["component"])
            if c.get("new") is None:
                conn.execute(delete(t.grade_row).where(key))
            else:
                conn.execute(pg_insert(t.grade_row).values(
                    school_code=school_code, term=term, sheet_id=sid, student=c["student"],
                    component=c["component"], value=c["new"]).on_conflict_do_update(
                    index_elements=["school_code", "term", "sheet_id", "student", "component"],
                    set_={"value": c["new"]}))

    def issue_permit(self, reviewer: ReviewerAccount, school_code: str, identity: str | None,
                     valid_from: dt.date, valid_until: dt.date, reason: str) -> dict[str, Any]:
        """A print permit (the special commission's decision), signed by the central key."""
        if not reason.strip():
            raise Refusal(422, "workflow.reason")
        if valid_until < valid_from:
            raise _bad("بازهٔ مجوز")
        with self.engine.begin() as conn:
            row = conn.execute(select(t.school.c.province, t.school.c.district)
                               .where(t.school.c.code == school_code)).first()
            if row is None:
                raise Refusal(404, "central.unknown_school", value=school_code)
            if not reviewer.covers(row[0], row[1]):
                raise Refusal(403, "central.forbidden", detail="مدرسه در حوزهٔ شما نیست")
            number = conn.execute(select(func.count()).select_from(t.permit)).scalar_one() + 1
            body = {"permit_no": f"{school_code}-{number:06d}", "school": school_code,
                    "identity": identity, "valid_from": valid_from.isoformat(),
                    "valid_until": valid_until.isoformat(), "issued_by": reviewer.display_name}
            signature = self.sign(b"DFP1" + canonical(body))
            conn.execute(insert(t.permit).values(
                permit_no=body["permit_no"], school_code=school_code, identity=identity,
                valid_from=valid_from, valid_until=valid_until, issued_by=reviewer.display_name,
                reason=reason, signature=base64.b64decode(signature)))
            self.feed(conn, school_code, "permit", body | {"signature": signature})
        return body | {"signature": signature}

    def revoke(self, reviewer: ReviewerAccount, code: str, reason: str) -> None:
        if not reason.strip():
            raise Refusal(422, "workflow.reason")
        try:
            code = parse_code(code).text
        except DaftarError as e:
            raise Refusal(422, e.code, **e.params) from None
        with self.engine.begin() as conn:
            row = conn.execute(select(t.school.c.province, t.school.c.district)
                               .where(t.school.c.code == code[:8])).first()
            if row is None or not reviewer.covers(row[0], row[1]):
                raise Refusal(403, "central.forbidden", detail="سند در حوزهٔ شما نیست")
            self.revoke_in(conn, code[:8], code, reason, self.clock())


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


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key) or []
    if not isinstance(value, list):
        raise _bad(key)
    return value


def _str(item: Any, key: str, limit: int) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _bad(key)
    return value


def _check_value(scheme: Any, text: Any, title: str) -> None:
    """A grade as the school's scheme accepts it (the domain's range and step)."""
    try:
        entry = parse_stored(text) if isinstance(text, str) else None
        if entry is None:
            raise _bad(f"«{title}»: {text!r}")
        if isinstance(entry, Decimal):
            if scheme.descriptive:
                raise _bad(f"«{title}»: {text}")
            scheme.parse(entry)
        elif isinstance(entry, Descriptive) and not scheme.descriptive:
            raise _bad(f"«{title}»: {text}")
        elif not isinstance(entry, (Descriptive, Mark)):
            raise _bad(f"«{title}»: {text}")
    except Refusal:
        raise
    except DaftarError as e:
        raise _bad(f"«{title}»: {e.message()}") from None
