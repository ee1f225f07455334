"""What every part of the central server stands on: the refusal, the accounts (schools and
reviewers), the clock, the central key, the deadlines, the update feed and revocation.

:class:`Core` holds them; the parts (:mod:`.intake` of batches, :mod:`.review` by the
district and the province, :mod:`.records`, :mod:`.objections`, :mod:`.repairs`,
:mod:`.public`, :mod:`.record_codes`) take a ``Core`` and import nothing above it, and
:class:`central.service.Central` puts them together for the web routes (:mod:`.api`).
Every refusal is a :class:`Refusal`: a message from the one catalogue
(``desktop.domain.errors``) in Persian and English, and the HTTP status it travels with.
Nothing is written when one is raised: each use case is one transaction.
"""


from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, Engine, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from desktop.domain.calendar import (
    DEFAULT_CALENDAR,
    SessionKind,
    to_gregorian,
    today_tehran,
)
from desktop.domain.errors import DaftarError
from desktop.domain.seal import certify, raw_public
from desktop.domain.workflow import (
    ChangeState,
    Role,
    change_decision,
)

from . import schema as t

CERTIFICATE_YEARS = 5
MAX_ITEMS = 2_000          # sheets, requests and document events in one batch
FEED_PAGE = 500


class Refusal(DaftarError):
    """A refused request: the catalogue message and its HTTP status."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code, **params)
        self.status = status


def bad(detail: str) -> Refusal:
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


class Core:
    """The central database, its clock and key, and what every part uses."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self._key: Ed25519PrivateKey | None = None

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

    def add_api_key(self, name: str, per_minute: int) -> str:
        """A bulk verifier's key (shown once) with its own quota a minute."""
        if not name.strip() or not 1 <= per_minute <= 100_000:
            raise Refusal(422, "central.payload", detail="api key")
        key = "k_" + secrets.token_urlsafe(24)
        with self.engine.begin() as conn:
            conn.execute(insert(t.api_key).values(name=name.strip()[:200],
                                                  key_hash=token_hash(key),
                                                  per_minute=per_minute, created_at=self.clock()))
        return key

    def api_key_by(self, key: str) -> tuple[int, int] | None:
        """(id, quota a minute) of a bulk verifier's key, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.api_key.c.id, t.api_key.c.per_minute)
                               .where(t.api_key.c.key_hash == token_hash(key))).first()
        return (row[0], row[1]) if row else None

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

    def enrol(self, code: str, enrol_code: str, public_key_hex: str) -> dict[str, Any]:
        """A school registers its public key with its one-time code: token + certificate."""
        try:
            public = bytes.fromhex(public_key_hex)
            Ed25519PublicKey.from_public_bytes(public)
        except ValueError:
            raise bad("کلید عمومی") from None
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

    def schools_of(self, reviewer: ReviewerAccount) -> Any:
        """The codes of the schools in the reviewer's reach (a subquery)."""
        q = select(t.school.c.code).where(t.school.c.province == reviewer.province)
        if reviewer.role is Role.DISTRICT:
            q = q.where(t.school.c.district == reviewer.district)
        return q

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


def list_of(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key) or []
    if not isinstance(value, list):
        raise bad(key)
    return value


def str_of(item: Any, key: str, limit: int) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise bad(key)
    return value
