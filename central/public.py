"""The public side of the central server: anyone's inquiry by code or by a picture of
the QR, with the holder's consent for the grades (seed 001: a university, an employer
or an office checks a document itself instead of writing a letter).

* What anyone sees of a code: genuine / pending / mismatch / revoked / unknown, the
  kind of document, its year and school, and the holder's name masked.  A school's
  document is genuine only when it agrees with the grade rows the centre holds at the
  level its kind needs (:mod:`.matching`); until then "pending", printed and sealed by
  the school, its grades not yet received; "mismatch" when they differ.  The grades
  only with the holder's national code typed beside the code (having the document and
  the code is the holder's consent).
* No listing: there is no route that names codes, and a code's serial is random
  (``desktop.domain.verification``), so answers cannot be walked.
* Rate limited per client address (``DAFTAR_CENTRAL_RATE`` inquiries a minute, 30 by
  default), counted from the inquiry log, so every worker process sees the same count.
* Every inquiry is logged: when, the client address, the channel, the code (when it
  parsed), the answer and whether the grades were shown.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select

from desktop.domain.authority import AUTHORITY, Authority, seal_fault
from desktop.domain.calendar import SessionKind, format_jalali, to_jalali
from desktop.domain.errors import DaftarError
from desktop.domain.grading import DEFAULT_POLICY, format_grade, parse_stored
from desktop.domain.identity import normalize_national_code
from desktop.domain.matching import LEVEL_NEEDED, Match
from desktop.domain.seal import SealError, open_seal
from desktop.domain.text import to_ascii_digits
from desktop.domain.verification import DocumentKind, parse_code
from desktop.domain.workflow import SheetState

from . import matching
from . import schema as t
from .core import Core, Refusal

MAX_UPLOAD = 4 * 1024 * 1024      # a phone photo; larger is refused before decoding
MAX_PIXELS = 40_000_000


def rate_limit() -> int:
    return int(os.environ.get("DAFTAR_CENTRAL_RATE", "30"))


@dataclass
class Answer:
    """What the page and ``GET /v1/verify`` show of a code."""

    status: str    # genuine | pending | mismatch | revoked | unknown | invalid | forged
    message: str
    code: str | None = None
    kind: str | None = None
    year: int | None = None
    school: str | None = None
    name: str | None = None     # masked
    issued: str | None = None   # ISO date
    grades: list[dict[str, str]] | None = None   # only with the holder's consent
    consent: str | None = None  # why the grades are not shown, when asked for

    def public(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class _Log:
    client: str
    channel: str
    code: str | None = None
    consent: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def mask(name: str) -> str:
    """«زهرا احمدی» -> «ز*** ا****»: enough to match a paper, not to harvest names."""
    return " ".join(p[0] + "*" * (len(p) - 1) for p in name.split())


def _limited(conn: Connection, now: dt.datetime, client: str, limit: int | None = None) -> bool:
    """Whether the client had ``rate_limit()`` answered inquiries in the last minute.  A
    refusal for the limit itself does not count (issue 24, 3d): a client that keeps
    polling faster than the limit is answered again once its answered ones age out."""
    limit = limit or rate_limit()
    since = now - dt.timedelta(minutes=1)
    recent = (select(t.inquiry.c.id).where(t.inquiry.c.client == client, t.inquiry.c.at > since,
                                           t.inquiry.c.status != "limited")
              .limit(limit).subquery())   # counts no further than the limit
    count = conn.execute(select(func.count()).select_from(recent)).scalar_one()
    return count >= limit


def _record(conn: Connection, now: dt.datetime, log: _Log, status: str) -> None:
    conn.execute(insert(t.inquiry).values(at=now, client=log.client[:64],
                                          channel=log.channel, code=log.code, status=status,
                                          consent=log.consent))


def check_rate(central: Core, client: str, channel: str) -> None:
    """Refuse (and log) a client past the limit; used by every public route."""
    now = central.clock()
    with central.engine.begin() as conn:
        limited = _limited(conn, now, client)
        if limited:
            _record(conn, now, _Log(client, channel), "limited")
    if limited:
        raise Refusal(429, "central.rate", limit=str(rate_limit()))


def log_refusal(central: Core, client: str, channel: str) -> None:
    """A refused inquiry (an upload too large, not an image, with no QR) is logged too."""
    now = central.clock()
    with central.engine.begin() as conn:
        _record(conn, now, _Log(client, channel), "invalid")


def inquire(central: Core, client: str, typed: str, national_code: str | None = None,
            channel: str = "page", api_key: tuple[int, int] | None = None) -> Answer:
    """One inquiry by code, logged; the grades only when ``national_code`` is the
    holder's.  With a bulk verifier's ``api_key`` (id, quota): its own quota and its own
    lines in the log ("key:<id>"), not the address's."""
    now = central.clock()
    if api_key is not None:
        client = f"key:{api_key[0]}"
    limit = api_key[1] if api_key is not None else rate_limit()
    log = _Log(client, channel)
    with central.engine.begin() as conn:
        if _limited(conn, now, client, limit):
            _record(conn, now, log, "limited")
            answer = None
        else:
            answer = _answer(conn, typed, national_code, log, central.public_keys(), now)
            _record(conn, now, log, answer.status)
    if answer is None:
        raise Refusal(429, "central.rate", limit=str(limit))
    return answer


def _answer(conn: Connection, typed: str, national_code: str | None, log: _Log,
            keys: list[bytes], now: dt.datetime) -> Answer:
    def known(candidate: str) -> bool:  # the reverse reading only for a known document
        return conn.scalar(select(t.document.c.code).where(t.document.c.code == candidate)) \
            is not None

    try:
        parsed = parse_code(typed, known=known)
    except DaftarError as e:
        return Answer("invalid", e.message())
    code = log.code = parsed.text
    d = t.document.c
    row = conn.execute(
        select(d.kind, d.name, d.issued, d.revoked_at, d.revoked_reason, t.school.c.name,
               d.identity, d.session, d.body, d.seal, d.code, d.digest, d.rests_on,
               d.mismatch_at)
        .join(t.school, t.school.c.code == d.school_code)
        .where(d.code == code)).first()
    if row is None or row[0] is None:
        return Answer("unknown", code=code,
                      message="سندی با این کد صحت در سرور مرکزی ثبت نیست. اگر سند تازه چاپ "
                              "شده است، ممکن است مدرسه هنوز آن را نفرستاده باشد.")
    kind = DocumentKind(row[0])
    if AUTHORITY[kind] is Authority.CENTRE and row[9] and _wrong_authority(row[9], keys):
        # registered before the intake checked who may seal what: a school's key on a
        # kind only the centre issues is no document of the centre's
        return Answer("forged", code=code,
                      message=f"«{kind.label_fa}» را فقط سرور مرکزی صادر می‌کند؛ این یکی با "
                              "کلید یک مدرسه مهر شده و معتبر نیست.")
    answer = Answer("genuine", "", code=code, kind=kind.label_fa, year=parsed.year,
                    school=row[5], name=mask(row[1]) if row[1] else None,
                    issued=row[2].isoformat() if row[2] else None)
    if row[3] is not None:
        answer.status = "revoked"
        answer.message = f"این سند باطل شده است: {row[4]}"
        return answer
    day = format_jalali(to_jalali(row[2])) if row[2] else "—"
    if AUTHORITY[kind] is Authority.CENTRE:   # issued by the centre, about the school's graduate
        answer.message = (f"{kind.label_fa} صادرشدهٔ سرور مرکزی در {day}، برای "
                          f"دانش‌آموختهٔ «{row[5]}»، ثبت و معتبر است.")
    else:   # the school's: «معتبر» only when it agrees with the rows the centre holds
        judged = matching.match(conn, row, keys, now)
        answer.status, answer.message = _school_verdict(kind, judged, day, row[5])
    if national_code:
        if _holder(row[6], national_code):
            log.consent = True
            answer.grades = holder_lines(conn, code, row[6], row[7], row[8])
        else:
            answer.consent = ("کد ملی واردشده با دارندۀ سند یکی نیست؛ "
                              "نمره‌ها فقط با کد ملی دارنده نشان داده می‌شوند.")
    return answer


def _school_verdict(kind: DocumentKind, judged: Match, day: str, school: str
                    ) -> tuple[str, str]:
    printed = f"{kind.label_fa} صادرشده در {day} از «{school}»"
    if judged is Match.MATCHED:
        return "genuine", (f"{printed} در سرور مرکزی ثبت و معتبر است: نمره‌هایش با "
                           "نمره‌هایی که مدرسه فرستاده و تأیید شده یکی است.")
    if judged is Match.MISMATCH:
        return "mismatch", (f"{printed} با مهر مدرسه ثبت شده، اما نمره‌هایش با نمره‌های "
                            "ثبت‌شده در سرور مرکزی یکی نیست؛ معتبر شناخته نمی‌شود و برای "
                            "بررسی به کارشناس منطقه فرستاده شد.")
    level = LEVEL_NEEDED[kind]
    waiting = ("با تأیید نهایی استان" if level is SheetState.PROVINCE_APPROVED
               else "از مدرسه")
    return "pending", (f"{printed} چاپ و با مهر مدرسه ثبت شده است، اما نمره‌هایش هنوز "
                       f"{waiting} به سرور مرکزی نرسیده است؛ تا آن زمان سرور مرکزی درستی "
                       "نمره‌های آن را گواهی نمی‌کند.")


def _wrong_authority(seal_text: str, keys: list[bytes]) -> bool:
    try:
        fault = seal_fault(open_seal(seal_text, keys))
    except SealError:
        return False
    return fault is not None and fault.code == "authority"


def _holder(identity: str | None, typed: str) -> bool:
    if not identity:
        return False
    if ":" in identity:   # a foreign student: the id's value
        return to_ascii_digits(typed.strip()).upper() == identity.split(":", 1)[1]
    try:
        return normalize_national_code(typed) == identity
    except DaftarError:
        return False


def holder_lines(conn: Connection, code: str, identity: str, session: int | None,
            body: str | None) -> list[dict[str, str]]:
    """The holder's rows behind a document: a central document's own lines, or the
    school's sheets of that year and session as the schools sent them (with their
    state, so a reader sees what is final)."""
    if body:
        return list(json.loads(body).get("lines", []))
    q = (select(t.sheet.c.course_name, t.sheet.c.units, t.grade_row.c.component,
                t.grade_row.c.value, t.sheet.c.state)
         .join(t.grade_row, t.grade_row.c.sheet_id == t.sheet.c.id)
         .where(t.sheet.c.school_code == code[:8], t.grade_row.c.student == identity,
                t.sheet.c.year == parse_code(code).year))
    kind = SessionKind.of_number(session or 0)
    if kind is not None:
        q = q.where(t.sheet.c.session == kind.value)
    lines: dict[str, dict[str, str]] = {}
    for course, units, component, value, state in conn.execute(
            q.order_by(t.sheet.c.course_name, t.grade_row.c.component)):
        line = lines.setdefault(course, {"course": course, "units": str(units), "grades": "",
                                         "state": SheetState(state).label_fa})
        shown = format_grade(parse_stored(value))
        line["grades"] = (line["grades"] + "، " if line["grades"] else "") + \
            f"{DEFAULT_POLICY.component_label(component)}: {shown}"
    return list(lines.values())


def decode_upload(data: bytes) -> str:
    """The text of the QR in an uploaded photo or scan, or a Persian refusal (a file
    too large, not an image, or an image with no readable QR)."""
    if len(data) > MAX_UPLOAD:
        raise Refusal(413, "central.upload",
                       detail=f"بزرگ‌تر از {MAX_UPLOAD // (1024 * 1024)} مگابایت است")
    if not data:
        raise Refusal(422, "central.upload", detail="پرونده خالی است")
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            picture = im.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise Refusal(422, "central.upload", detail="تصویر نیست یا آسیب دیده است") from None
    import zxingcpp

    found = [r.text for r in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
             if r.valid]
    if not found:
        raise Refusal(422, "central.upload", detail="رمزینه‌ای (QR) در تصویر خوانده نشد")
    return found[0]


def inquire_qr(central: Core, client: str, text: str, national_code: str | None = None
               ) -> Answer:
    """An inquiry by a QR's text: the seal checked with the central keys (offline, as a
    verifier would), then the code asked like a typed one."""
    try:
        opened = open_seal(text, central.public_keys())
    except SealError:
        opened = None
    if opened is None or seal_fault(opened) is not None:
        check_rate(central, client, "upload")
        now = central.clock()
        with central.engine.begin() as conn:
            _record(conn, now, _Log(client, "upload"), "forged")
        return Answer("forged", "این رمزینه از دفتر نیست یا پس از امضا تغییر کرده است.")
    return inquire(central, client, opened.document.code, national_code, channel="upload")


def log_summary(central: Core, minutes: int, key: int | None = None
                ) -> list[tuple[str, str, int]]:
    """(channel, answer, count) over the last ``minutes``: what the administrator watches
    (a burst of «unknown» from one channel is someone guessing); ``key``: one bulk
    verifier's lines only."""
    since = central.clock() - dt.timedelta(minutes=minutes)
    with central.engine.connect() as conn:
        q = select(t.inquiry.c.channel, t.inquiry.c.status, func.count())
        if key is not None:
            q = q.where(t.inquiry.c.client == f"key:{key}")
        rows = conn.execute(q.where(t.inquiry.c.at > since)
                            .group_by(t.inquiry.c.channel, t.inquiry.c.status)
                            .order_by(t.inquiry.c.channel, t.inquiry.c.status)).all()
    return [(a, b, int(c)) for a, b, c in rows]
