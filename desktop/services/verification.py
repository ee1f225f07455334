"""Verification: is this document genuine?  Offline, from a QR text, a PDF Daftar wrote,
or a typed 20-digit code.

Verdicts: genuine, forged (a bad signature, or a key the central server never
certified), altered (signed data changed, or the page does not match it), revoked,
unknown (not issued here: ask the central server), misread (the code's check digit
fails: a digit was misread or two swapped; not a forgery).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain.authority import seal_fault
from ..domain.calendar import format_jalali, to_jalali, today_tehran
from ..domain.errors import DaftarError, ValidationError
from ..domain.seal import CENTRE_PREFIX, PREFIX, Document, SealError, open_seal
from ..domain.text import to_persian_digits
from ..domain.verification import DocumentKind, format_code, parse_code
from ..models.db import Database
from ..models.entities import Certificate, LegacyDiploma, RevokedCode
from .certificates import trusted_keys

GENUINE, FORGED, ALTERED, REVOKED, UNKNOWN, MISREAD = (
    "genuine", "forged", "altered", "revoked", "unknown", "misread")
# «جعلی» only for a bad signature or a key the centre never certified; a code whose
# check digit fails was misread, not forged.
VERDICT_FA = {GENUINE: "اصیل", FORGED: "جعلی", ALTERED: "دست‌کاری‌شده", REVOKED: "باطل‌شده",
              UNKNOWN: "ناشناخته", MISREAD: "کد نادرست خوانده شده"}


@dataclass(frozen=True)
class Verdict:
    status: str
    reasons: tuple[str, ...]
    document: Document | None = None

    @property
    def label(self) -> str:
        return VERDICT_FA[self.status]


def _revoked(db: Database, code: str) -> tuple[dt.datetime, str] | None:
    with db.unit() as s:
        row = s.execute(select(Certificate.revoked_at, Certificate.revoked_reason).where(
            Certificate.verification_code == code, Certificate.revoked_at.is_not(None))).first()
        if row is not None:
            return row[0], row[1] or ""
        central = s.get(RevokedCode, code)  # the central server's list, pulled by sync
        if central is not None:
            return central.at, central.reason
    return None


def verify_text(db: Database, text: str, printed: str | None = None,
                trusted: list[bytes] | None = None) -> Verdict:
    """Check a QR text offline; with ``printed`` (the page's text) also check the page."""
    keys = trusted if trusted is not None else trusted_keys(db)
    try:
        opened = open_seal(text, keys)
    except SealError:
        return Verdict(FORGED, ("رمزینه از دفتر نیست یا آسیب دیده است.",))
    doc = opened.document
    fault = seal_fault(opened)  # the one rule: certified key, intact, the right authority
    if fault is not None:
        return Verdict(FORGED if fault.status == "forged" else ALTERED, (fault.reason,), doc)
    revoked = _revoked(db, doc.code)
    if revoked is not None:
        when = format_jalali(today_tehran(revoked[0]))
        return Verdict(REVOKED, (f"این سند در {when} باطل شده است: {revoked[1]}",), doc)
    if printed is not None:
        page = unicodedata.normalize("NFKC", printed).replace("\u200c", "")
        name_parts = [p.replace("\u200c", "") for p in doc.name.split()]
        digits = to_persian_digits(doc.code[:5])
        if not all(p in page for p in name_parts) or (digits not in page and
                                                      digits[::-1] not in page):
            return Verdict(ALTERED, ("نام یا کد صحت چاپ‌شده با داده‌های امضاشده یکی نیست.",), doc)
    return Verdict(GENUINE, (f"{DocumentKind(doc.kind).label_fa} «{doc.name}» با کد صحت "
                             f"{format_code(doc.code)}، صادرشده در "
                             f"{format_jalali(to_jalali(doc.issued))}.",), doc)


def verify_code(db: Database, typed: str) -> Verdict:
    """A typed 20-digit code: checked digit, then this office's records."""
    def known(candidate: str) -> bool:  # the reverse reading only for a known document
        with db.unit() as s:
            return s.scalar(select(Certificate.id).where(
                Certificate.verification_code == candidate)) is not None or s.scalar(
                select(LegacyDiploma.id).where(LegacyDiploma.code == candidate)) is not None

    try:
        code = parse_code(typed, known=known).text
    except ValidationError as e:
        return Verdict(MISREAD, (e.message(), "رقم‌ها را یکی‌یکی با سند بسنجید."))
    with db.unit() as s:
        cert = s.scalar(select(Certificate).where(Certificate.verification_code == code))
        payload = cert.payload.decode() if cert is not None else s.scalar(
            # an archived diploma's code, with the centre's seal the school received
            select(LegacyDiploma.seal).where(LegacyDiploma.code == code))
    if payload is None:
        return Verdict(UNKNOWN, (DaftarError("cert.not_found", value=format_code(code)).message(),
                                 "برای سندهای مدرسه‌های دیگر از سرور مرکزی استعلام کنید."))
    return verify_text(db, payload)


def verify_typed(db: Database, text: str) -> Verdict:
    """What the office types or scans: a QR's text (a school's ``DF1:`` or the centre's
    ``DF2:``), else a 20-digit code."""
    text = text.strip()
    if text.startswith((PREFIX, CENTRE_PREFIX)):
        return verify_text(db, text)
    return verify_code(db, text)


def verify_pdf(db: Database, path: Path) -> list[Verdict]:
    """Each page of a PDF Daftar wrote: its QR text (in the Subject) against its text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        subject = (reader.metadata or {}).get("/Subject") or ""
        pages = [p.extract_text() for p in reader.pages]
    except (PdfReadError, OSError, ValueError):
        return [Verdict(FORGED, ("پرونده PDF خوانا نیست.",))]
    texts = [t for t in str(subject).split("\n") if t.strip()]
    if not texts:
        return [Verdict(FORGED, ("این PDF را دفتر ننوشته است (رمزینه‌ای در آن نیست).",))]
    if len(texts) != len(pages):
        return [Verdict(ALTERED, ("شمار صفحه‌ها با سندهای امضاشده یکی نیست.",))]
    return [verify_text(db, t, printed=p) for t, p in zip(texts, pages, strict=True)]

