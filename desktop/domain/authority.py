"""Who may seal which kind of document, and the one check every verifier applies to a
seal it has read (issue 24): the office program (QR, PDF, code), the central server's
batch intake, its public page, JSON API and QR-photo upload.

A school's key, certified by the centre, seals what the school issues: report cards,
temporary and original certificates.  Only the centre's own key seals what the centre
issues: academic confirmations and archived diplomas' codes.  A seal of the wrong
authority is a forgery whatever its signatures: a stolen or modified office program
cannot mint a confirmation, and the centre's key does not print a school's card.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .seal import Opened
from .verification import DocumentKind


class Authority(enum.StrEnum):
    SCHOOL = "school"
    CENTRE = "centre"

    @property
    def label_fa(self) -> str:
        return {Authority.SCHOOL: "مدرسه", Authority.CENTRE: "سرور مرکزی"}[self]


AUTHORITY: dict[DocumentKind, Authority] = {
    DocumentKind.REPORT_CARD: Authority.SCHOOL,
    DocumentKind.TEMPORARY: Authority.SCHOOL,
    DocumentKind.ORIGINAL: Authority.SCHOOL,
    DocumentKind.CONFIRMATION: Authority.CENTRE,
    DocumentKind.LEGACY: Authority.CENTRE,
}

# What a school prints itself (the window's choice of documents)
SCHOOL_KINDS = tuple(k for k, a in AUTHORITY.items() if a is Authority.SCHOOL)

FORGED, ALTERED = "forged", "altered"


@dataclass(frozen=True)
class SealFault:
    status: str        # FORGED or ALTERED
    reason: str        # Persian, for the reader
    code: str          # a stable name for logs and tests


def sealed_by(opened: Opened) -> Authority:
    return Authority.CENTRE if opened.by_centre else Authority.SCHOOL


def seal_fault(opened: Opened) -> SealFault | None:
    """Why a read seal is not a genuine document, or None: the key not certified by the
    centre, the data changed after signing, a kind sealed by the wrong authority, a
    school's code sealed by another school's key or after that key's certificate ended."""
    doc = opened.document
    if not opened.certificate_ok:
        return SealFault(FORGED, "کلید امضاکننده را سرور مرکزی گواهی نکرده است.", "uncertified")
    if not opened.signature_ok:
        return SealFault(ALTERED, "داده‌های رمزینه پس از امضا تغییر کرده است.", "altered")
    try:
        kind = DocumentKind(doc.kind)
    except ValueError:
        return SealFault(FORGED, "گونهٔ سند در رمزینه شناخته نیست.", "kind")
    if AUTHORITY[kind] is not sealed_by(opened):
        if AUTHORITY[kind] is Authority.CENTRE:
            return SealFault(FORGED, f"«{kind.label_fa}» را فقط سرور مرکزی صادر می‌کند؛ این "
                             "یکی با کلید یک مدرسه مهر شده است.", "authority")
        return SealFault(FORGED, f"«{kind.label_fa}» را مدرسه صادر می‌کند، نه سرور مرکزی.",
                         "authority")
    cert = opened.certificate
    if cert is not None and not opened.by_centre:
        if doc.code[:8] != cert.school_code:
            return SealFault(FORGED, "کد صحت از مدرسهٔ صاحب کلید نیست.", "other_school")
        if doc.issued > cert.valid_until:
            return SealFault(FORGED, "سند پس از پایان اعتبار کلید مدرسه صادر شده است.",
                             "expired")
    return None
