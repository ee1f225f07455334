"""Diplomas from the school's paper archive, given a code (seed 003).

The principal or the clerk types a past graduate's diploma from the ledger
(:func:`file`); it goes to the central server in the next batch (:func:`pending`,
called by :mod:`.sync`), the district and the province confirm it there, and the
province's decision comes back in the feed (:func:`apply_decision`) with the
20-digit code and the central seal.  From then on the diploma verifies like a new
one, offline by its QR and on the central server's page by its code, and the office
prints its page (:func:`render`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.archive import ArchivedDiploma, check
from ..domain.calendar import parse_jalali, to_gregorian, today_tehran
from ..domain.errors import NotFound, ValidationError
from ..domain.identity import ForeignIdType
from ..domain.verification import DocumentKind
from ..domain.workflow import ChangeState, Role
from ..models.db import Database
from ..models.entities import LegacyDiploma
from . import audit
from .context import Actor
from .school import get_school

WHO = frozenset({Role.PRINCIPAL, Role.CLERK})


@dataclass(frozen=True)
class LegacyInfo:
    id: int
    name: str
    identity: str
    graduated: int
    field: str
    average: str
    state: ChangeState
    reason: str | None
    code: str | None


def file(db: Database, actor: Actor, identity: str, first: str, last: str, father: str,
         birth_jalali: str, serial: str, field: str, graduated: str, average: str,
         ledger: str, foreign_type: str | None = None) -> LegacyInfo:
    """Enter an archived diploma; refused in Persian, with nothing stored, on any wrong
    field or when the graduate already has one on file."""
    actor.require(WHO, "ثبت گواهینامۀ بایگانی")
    try:
        birth = to_gregorian(parse_jalali(birth_jalali))
    except (ValidationError, ValueError):
        raise ValidationError("legacy.field", field="تاریخ تولد", value=birth_jalali) from None
    who = f"{ForeignIdType(foreign_type).value}:{identity}" if foreign_type else identity
    entry = check(who, first, last, father, birth, serial, field, graduated, average, ledger,
                  today_tehran(db.clock()).year)
    with db.unit() as s:
        earlier = s.scalar(select(LegacyDiploma).where(
            LegacyDiploma.identity == entry.identity,
            LegacyDiploma.state != ChangeState.REJECTED.value))
        if earlier is not None:
            raise ValidationError("legacy.duplicate", value=f"ردیف {earlier.id}")
        row = LegacyDiploma(identity=entry.identity, first_name=entry.first,
                            last_name=entry.last, father_name=entry.father,
                            birth_date=entry.birth, birth_serial=entry.serial,
                            field=entry.field, graduated=entry.graduated,
                            average=entry.average, ledger=entry.ledger,
                            state=ChangeState.FILED.value, filed_by=actor.username)
        s.add(row)
        s.flush()
        audit.record(s, actor, "legacy.file", "legacy_diploma", row.id, new=entry.wire())
        return _info(row)


def _info(row: LegacyDiploma) -> LegacyInfo:
    return LegacyInfo(row.id, f"{row.first_name} {row.last_name}", row.identity, row.graduated,
                      row.field, row.average, ChangeState(row.state), row.decided_reason,
                      row.code)


def entries(db: Database) -> list[LegacyInfo]:
    with db.unit() as s:
        return [_info(r) for r in s.scalars(select(LegacyDiploma).order_by(LegacyDiploma.id))]


def _entry(row: LegacyDiploma) -> ArchivedDiploma:
    return ArchivedDiploma(row.identity, row.first_name, row.last_name, row.father_name,
                           row.birth_date, row.birth_serial, row.field, row.graduated,
                           row.average, row.ledger)


def pending(s: Session) -> list[tuple[LegacyDiploma, dict[str, Any]]]:
    """Entries not yet in a batch, with what travels for each (sync packs them)."""
    rows = s.scalars(select(LegacyDiploma).where(LegacyDiploma.batch_id.is_(None),
                                                 LegacyDiploma.state == ChangeState.FILED.value)
                     .order_by(LegacyDiploma.id))
    return [(r, {"id": r.id} | _entry(r).wire()) for r in rows]


def apply_decision(s: Session, actor: Actor, body: dict[str, Any]) -> None:
    """A district or province decision from the feed; the province's approval brings
    the code and the seal."""
    row = s.get(LegacyDiploma, int(body["id"]))
    if row is None:
        raise NotFound("not_found", what="گواهینامۀ بایگانی", value=body["id"])
    old = row.state
    row.state = ChangeState(body["state"]).value
    row.decided_reason = body.get("reason")
    if body.get("code"):
        row.code, row.seal = body["code"], body["seal"]
    audit.record(s, actor, "legacy.decide", "legacy_diploma", row.id, old=old,
                 new={"state": row.state, "code": row.code}, reason=row.decided_reason)


def render(db: Database, legacy_id: int, out: Path) -> str:
    """The page of an archived diploma that has its code; returns the code."""
    from ..printing.central_documents import document_pdf, legacy_body

    with db.unit() as s:
        row = s.get(LegacyDiploma, legacy_id)
        if row is None:
            raise NotFound("not_found", what="گواهینامۀ بایگانی", value=legacy_id)
        if not row.code or not row.seal:
            raise ValidationError("confirm.not_final",
                                  detail=f"وضعیت آن «{ChangeState(row.state).label_fa}» است.")
        code, seal_text = row.code, row.seal
        fields = _entry(row).wire()
    school = get_school(db)
    body = legacy_body(fields, school.name, school.code, today_tehran(db.clock()))
    out.write_bytes(document_pdf(DocumentKind.LEGACY, code, body, seal_text))
    return code
