"""Documents the central server issues itself, signed by the central key.

Academic confirmation (تأییدیۀ تحصیلی, seed 001)
-------------------------------------------------
The graduate asks (through the school office with its token, or on the public page)
with their identity: national code and birth-certificate serial, or a foreign
student's id and birth date.  The server confirms from what it holds, never from a
letter:

* the identity matches the record the school sent (or the archived diploma's
  fields), else ``confirm.identity`` (the same answer whether the person is unknown or
  the second factor is wrong: the page does not tell who exists);
* a diploma is on file: the original certificate the school printed and reported
  (kind 3), or an archived diploma the province confirmed (kind 5), else
  ``confirm.not_final``; a revoked one gives ``confirm.revoked``;
* for an original certificate, every sheet of the graduation session that holds the
  graduate's grades is approved by the province, else ``confirm.not_final``.

The confirmation is a document like any other: its own 20-digit code (the school's
code, the year it is issued, kind 4, a random serial) and a QR sealed by the central
key (its key certificate is the central key certified by itself, so an offline
verifier holding the central key accepts it and nothing else).  Asking again returns
the same confirmation (one per diploma); revoking the diploma revokes it too.

Codes for archived diplomas (seed 003)
--------------------------------------
A school enters a past graduate's diploma from its paper ledger; it travels in a
batch (``legacy``), the district and then the province confirm it with the steps of a
change request (``desktop.domain.workflow.change_decision``); the province's approval
gives it a code (kind 5) and a central seal, sent back to the school in its feed.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from desktop.domain.archive import ArchivedDiploma
from desktop.domain.calendar import (
    DEFAULT_CALENDAR,
    format_jalali,
    parse_jalali,
    to_gregorian,
    to_jalali,
    today_tehran,
)
from desktop.domain.errors import DaftarError
from desktop.domain.identity import normalize_foreign_id, normalize_national_code
from desktop.domain.seal import Document, grades_digest, seal_by_central
from desktop.domain.text import normalize, to_ascii_digits
from desktop.domain.verification import (
    DocumentKind,
    draw_serials,
    format_code,
    make_code,
    parse_code,
)
from desktop.domain.workflow import ChangeState, Role, SheetState
from desktop.printing.central_documents import legacy_body

from . import public
from . import schema as t
from .core import Core, Refusal, ReviewerAccount, SchoolAccount

DIPLOMAS = (int(DocumentKind.ORIGINAL), int(DocumentKind.LEGACY))


@dataclass(frozen=True)
class Issued:
    code: str
    body: dict[str, Any]
    seal: str
    replay: bool


def identity_of(kind: str, value: str, secret: str) -> tuple[str, str]:
    """(identity, second factor) from what a person types: ``kind`` "national" with the
    birth-certificate serial, or a foreign id type with the birth date (Jalali)."""
    if kind == "national":
        code = normalize_national_code(value)
        serial = normalize(to_ascii_digits(secret or "")).replace(" ", "").upper()
        if not serial:
            raise Refusal(422, "legacy.field", field="سریال شناسنامه", value="—")
        return code, serial
    foreign = normalize_foreign_id(kind, value)
    try:
        birth = to_gregorian(parse_jalali(secret))
    except (DaftarError, ValueError):
        raise Refusal(422, "legacy.field", field="تاریخ تولد", value=secret or "—") from None
    return f"{foreign.kind.value}:{foreign.value}", birth.isoformat()


def _clean_serial(serial: str | None) -> str:
    return normalize(to_ascii_digits(serial or "")).replace(" ", "").replace("/", "").upper()


def matches(conn: Connection, identity: str, secret: str) -> bool:
    """Whether the second factor (birth serial, or a foreign student's birth date) is the
    one on file for ``identity``: in a school's student row or an archived diploma."""
    row = conn.execute(select(t.student.c.birth_serial, t.student.c.birth_date)
                       .where(t.student.c.identity == identity)).first()
    facts = []
    if row is not None:
        facts.append((row[0], row[1].isoformat()))
    for (fields,) in conn.execute(select(t.legacy_diploma.c.fields).where(
            t.legacy_diploma.c.identity == identity)):
        f = json.loads(fields)
        facts.append((f.get("serial"), f.get("birth")))
    for serial, birth in facts:
        if ":" in identity and birth == secret:
            return True
        if ":" not in identity and serial and secrets.compare_digest(
                _clean_serial(serial).encode(), _clean_serial(secret).encode()):
            return True
    return False


def _central_seal(central: Core, conn: Connection, school_code: str, kind: DocumentKind,
                  identity: str, name: str, lines: list[str], now: dt.datetime
                  ) -> tuple[str, str]:
    """A fresh code of ``kind`` for the school and the central seal over it."""
    year = DEFAULT_CALENDAR.school_year_of(today_tehran(now))

    def taken(candidates: set[int]) -> set[int]:
        codes = {make_code(school_code, year, kind, n).text: n for n in candidates}
        return {codes[c] for c in conn.execute(select(t.document.c.code).where(
            t.document.c.code.in_(list(codes)))).scalars()}

    code = make_code(school_code, year, kind, draw_serials(1, taken)[0]).text
    day = to_gregorian(today_tehran(now))
    text = seal_by_central(central.key(), Document(code, int(kind), 0, day,
                                                   grades_digest(lines), identity, name))
    return code, text


def confirm(central: Core, kind: str, value: str, secret: str, client: str,
            channel: str = "confirm", school_code: str | None = None) -> Issued:
    """The academic confirmation of the diploma of the person identified (see above);
    ``school_code``: asked by that school's office, for its own graduates only."""
    if channel == "confirm":
        public.check_rate(central, client, channel)
    now = central.clock()
    try:
        identity, second = identity_of(kind, value, secret)
        return _confirm(central, identity, second, client, channel, school_code, now)
    except DaftarError:
        with central.engine.begin() as conn:   # the refusal rolled back; its log line stays
            log(conn, now, client, channel, None, "refused")
        raise


def _confirm(central: Core, identity: str, second: str, client: str, channel: str,
             school_code: str | None, now: dt.datetime) -> Issued:
    with central.engine.begin() as conn:
        if not matches(conn, identity, second):
            raise Refusal(403, "confirm.identity")
        diplomas = conn.execute(
            select(t.document.c.code, t.document.c.kind, t.document.c.issued,
                   t.document.c.revoked_at, t.document.c.revoked_reason, t.document.c.name,
                   t.document.c.school_code, t.document.c.body)
            .where(t.document.c.identity == identity, t.document.c.kind.in_(DIPLOMAS))
            .order_by(t.document.c.issued.desc()).with_for_update()).all()
        if not diplomas:
            raise Refusal(422, "confirm.not_final",
                           detail="گواهینامۀ پایان تحصیلات او هنوز صادر نشده یا به سرور "
                                  "مرکزی نرسیده است.")
        live = [d for d in diplomas if d[3] is None]
        if not live:
            raise Refusal(422, "confirm.revoked", detail=diplomas[0][4] or "—")
        diploma = live[0]
        if school_code is not None and diploma[6] != school_code:
            raise Refusal(403, "central.forbidden", detail="دانش‌آموختۀ مدرسۀ دیگری است")
        done = conn.execute(select(t.document.c.code, t.document.c.body, t.document.c.seal)
                            .where(t.document.c.confirms == diploma[0],
                                   t.document.c.revoked_at.is_(None))).first()
        if done is not None:
            log(conn, now, client, channel, done[0], "issued")
            return Issued(done[0], json.loads(done[1]), done[2], True)
        lines, class_name = _final_lines(conn, diploma, identity)
        body = _body(conn, diploma, identity, lines, class_name, now)
        code, text = _central_seal(central, conn, diploma[6], DocumentKind.CONFIRMATION,
                                   identity, diploma[5],
                                   [f"{x['course']} {x['grades']}" for x in lines], now)
        conn.execute(insert(t.document).values(
            code=code, school_code=diploma[6], kind=int(DocumentKind.CONFIRMATION),
            identity=identity, name=diploma[5], issued=to_gregorian(today_tehran(now)),
            seal=text, prints=0, session=0, confirms=diploma[0],
            body=json.dumps(body, ensure_ascii=False)))
        log(conn, now, client, channel, code, "issued")
    return Issued(code, body, text, False)


def log(conn: Connection, now: dt.datetime, client: str, channel: str, code: str | None,
        status: str) -> None:
    """One line of the inquiry log for a request by identity (confirmation, record code)."""
    conn.execute(insert(t.inquiry).values(at=now, client=client[:64], channel=channel,
                                          code=code, status=status, consent=False))


def _final_lines(conn: Connection, diploma: Any, identity: str
                 ) -> tuple[list[dict[str, str]], str]:
    """The graduation session's lines behind an original certificate, all of them
    approved by the province (else ``confirm.not_final``)."""
    if diploma[1] == int(DocumentKind.LEGACY):
        fields = json.loads(diploma[7])
        return ([{"course": "معدل کل (از دفتر بایگانی)", "units": "—",
                  "grades": fields["average"]}], fields["field"])
    year = parse_code(diploma[0]).year
    rows = conn.execute(
        select(t.sheet.c.course_name, t.sheet.c.state, t.sheet.c.class_name)
        .where(t.sheet.c.school_code == diploma[6], t.sheet.c.year == year,
               t.sheet.c.session.in_(("KHORDAD", "SHAHRIVAR")),
               t.sheet.c.id.in_(select(t.grade_row.c.sheet_id)
                                .where(t.grade_row.c.student == identity)))).all()
    waiting = [r[0] for r in rows if r[1] != SheetState.PROVINCE_APPROVED.value]
    if not rows or waiting:
        raise Refusal(422, "confirm.not_final",
                       detail=("نمره‌ای از او به سرور مرکزی نرسیده است." if not rows else
                               "برگه‌های «" + "»، «".join(sorted(set(waiting))[:5]) +
                               "» هنوز به تأیید استان نرسیده‌اند."))
    lines = public.holder_lines(conn, diploma[0], identity, 2, None) + \
        public.holder_lines(conn, diploma[0], identity, 3, None)
    return lines, rows[0][2]


def _body(conn: Connection, diploma: Any, identity: str, lines: list[dict[str, str]],
          class_name: str, now: dt.datetime) -> dict[str, Any]:
    school = conn.execute(select(t.school.c.name, t.school.c.district, t.school.c.province)
                          .where(t.school.c.code == diploma[6])).one()
    person = conn.execute(select(t.student.c.father_name, t.student.c.birth_date)
                          .where(t.student.c.identity == identity)).first()
    if person is None:   # an archived diploma: the ledger's fields
        fields = json.loads(diploma[7])
        father, birth = fields["father"], dt.date.fromisoformat(fields["birth"])
    else:
        father, birth = person
    return {"name": diploma[5], "father": father, "birth": format_jalali(to_jalali(birth)),
            "identity": identity, "school": school[0], "school_code": diploma[6],
            "district": school[1], "province": school[2], "field": class_name,
            "diploma": {"kind": DocumentKind(diploma[1]).label_fa, "code": diploma[0],
                        "issued": format_jalali(to_jalali(diploma[2]))},
            "issued": format_jalali(today_tehran(now)), "lines": lines}


# --- archived diplomas ------------------------------------------------------------------

def file_legacy(conn: Connection, school: SchoolAccount, item: Any, now: dt.datetime) -> None:
    """One archived diploma from a batch, checked by the same rule as in the office (a
    batch is refused whole on a bad one, like any other item)."""
    try:
        entry = ArchivedDiploma.from_wire(item, today_tehran(now).year)
        local_id = int(item["id"])
    except DaftarError as e:
        raise Refusal(422, e.code, **e.params) from None
    except (KeyError, ValueError, TypeError):
        raise Refusal(422, "central.payload", detail="legacy") from None
    fields = entry.wire()
    del fields["identity"]
    conn.execute(pg_insert(t.legacy_diploma).values(
        school_code=school.code, local_id=local_id, identity=entry.identity,
        fields=json.dumps(fields, ensure_ascii=False), state=ChangeState.FILED.value,
        filed_at=now).on_conflict_do_nothing())


def waiting_legacy(central: Core, reviewer: ReviewerAccount) -> list[dict[str, Any]]:
    state = ChangeState.FILED if reviewer.role is Role.DISTRICT else \
        ChangeState.DISTRICT_APPROVED
    lg = t.legacy_diploma.c
    with central.engine.connect() as conn:
        rows = conn.execute(
            select(lg.id, lg.school_code, lg.identity, lg.fields, lg.state)
            .where(lg.state == state.value, lg.school_code.in_(central.schools_of(reviewer)))
            .order_by(lg.id)).all()
    return [{"id": r[0], "school": r[1], "identity": r[2], "fields": json.loads(r[3]),
             "state": r[4]} for r in rows]


def decide_legacy(central: Core, reviewer: ReviewerAccount, legacy_id: int, approve: bool,
                  reason: str | None) -> dict[str, Any]:
    """The district's or the province's step; the province's approval issues the code."""
    now = central.clock()
    lg = t.legacy_diploma.c
    with central.engine.begin() as conn:
        row, after, why = central.decide_step(
            conn, reviewer, t.legacy_diploma, legacy_id, "سابقۀ بایگانی",
            (lg.school_code, lg.local_id, lg.state, lg.identity, lg.fields), approve, reason)
        code = text = None
        if after is ChangeState.PROVINCE_APPROVED:
            code, text = _legacy_document(central, conn, row[0], row[3], json.loads(row[4]),
                                          now)
        conn.execute(update(t.legacy_diploma).where(t.legacy_diploma.c.id == legacy_id)
                     .values(state=after.value, decided_reason=why, code=code))
        item = {"id": row[1], "level": reviewer.role.value, "approve": approve,
                "state": after.value, "reason": why, "by": reviewer.display_name,
                "code": code, "seal": text}
        central.feed(conn, row[0], "legacy", item)
    return item


def _legacy_document(central: Core, conn: Connection, school_code: str, identity: str,
                     fields: dict[str, str], now: dt.datetime) -> tuple[str, str]:
    taken = conn.execute(select(t.document.c.code).where(
        t.document.c.identity == identity,
        t.document.c.kind == int(DocumentKind.LEGACY),
        t.document.c.revoked_at.is_(None))).first()
    if taken is not None:
        raise Refusal(409, "legacy.duplicate", value=format_code(taken[0]))
    name = f"{fields['first']} {fields['last']}"
    lines = ArchivedDiploma.sealed_lines(fields)
    code, text = _central_seal(central, conn, school_code, DocumentKind.LEGACY, identity, name,
                               lines, now)
    school = conn.execute(select(t.school.c.name).where(t.school.c.code == school_code)
                          ).scalar_one()
    body = legacy_body(fields, school, school_code, today_tehran(now))
    conn.execute(insert(t.document).values(
        code=code, school_code=school_code, kind=int(DocumentKind.LEGACY), identity=identity,
        name=name, issued=to_gregorian(today_tehran(now)), seal=text, prints=0, session=0,
        body=json.dumps(body, ensure_ascii=False)))
    return code, text


