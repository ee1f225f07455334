"""Writes tests/vectors/seals.json: QR texts every verifier must judge alike (the office
program, the central server's intake and public page), made with fixed keys so that the
file is the same every time (Ed25519 signatures are deterministic).

  python tests/vectors/make_seals.py

Each vector: the QR text, what it is, and the verdict (``genuine``, or the fault's
``status`` and ``code`` from :func:`desktop.domain.authority.seal_fault`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from desktop.domain.seal import (  # noqa: E402
    Document,
    certify,
    grades_digest,
    raw_public,
    seal,
    seal_by_central,
)
from desktop.domain.verification import DocumentKind, make_code  # noqa: E402

CENTRAL = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
SCHOOL = Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(64, 96)))
CODE, OTHER_CODE = "29153406", "29153414"
DAY = dt.date(2026, 11, 22)


def document(kind: DocumentKind, school: str = CODE, serial: int = 4242) -> Document:
    code = make_code(school, 1405, kind, serial).text
    return Document(code, int(kind), 2, DAY, grades_digest(["فارسی 1 16"]), "0000000019",
                    "نام خانواده")


def vectors() -> list[dict[str, str]]:
    cert = certify(CENTRAL, CODE, raw_public(SCHOOL.public_key()), DAY + dt.timedelta(days=365))
    uncertified = certify(OTHER, CODE, raw_public(SCHOOL.public_key()),
                          DAY + dt.timedelta(days=365))
    # a centre document as sealed before DF2: the central key certified by itself
    old_centre = certify(CENTRAL, CODE, raw_public(CENTRAL.public_key()),
                         DAY + dt.timedelta(days=3650))
    out = []

    def add(what: str, text: str, verdict: str, code: str = "") -> None:
        out.append({"what": what, "qr": text, "verdict": verdict, "fault": code})

    for kind in (DocumentKind.REPORT_CARD, DocumentKind.TEMPORARY, DocumentKind.ORIGINAL):
        add(f"{kind.name} sealed by its school", seal(document(kind), cert, SCHOOL), "genuine")
        add(f"{kind.name} sealed by the centre", seal_by_central(CENTRAL, document(kind)),
            "forged", "authority")
    for kind in (DocumentKind.CONFIRMATION, DocumentKind.LEGACY):
        add(f"{kind.name} sealed by the centre (DF2)", seal_by_central(CENTRAL, document(kind)),
            "genuine")
        add(f"{kind.name} sealed by the centre before DF2 (DF1, printed earlier)",
            seal(document(kind), old_centre, CENTRAL), "genuine")
        add(f"{kind.name} minted with a school's own key", seal(document(kind), cert, SCHOOL),
            "forged", "authority")
    add("a report card of another school sealed with this school's key",
        seal(document(DocumentKind.REPORT_CARD, OTHER_CODE), cert, SCHOOL), "forged",
        "other_school")
    add("a report card sealed with a key the centre never certified",
        seal(document(DocumentKind.REPORT_CARD), uncertified, SCHOOL), "forged", "uncertified")
    add("a confirmation signed by a key that is not the centre's (DF2)",
        seal_by_central(OTHER, document(DocumentKind.CONFIRMATION)), "forged", "uncertified")
    good = seal(document(DocumentKind.REPORT_CARD), cert, SCHOOL)
    flipped = good[:-20] + ("A" if good[-20] != "A" else "B") + good[-19:]
    add("a report card with one character changed after signing", flipped, "altered",
        "altered")
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name("seals.json")
    target.write_text(json.dumps({"central_public_key": raw_public(CENTRAL.public_key()).hex(),
                                  "vectors": vectors()}, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    print(f"{len(vectors())} vectors -> {target}")
