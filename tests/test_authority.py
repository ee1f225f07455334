"""Only the centre issues what is the centre's (issue 24, point 1): one table of who may
seal which kind (``desktop.domain.authority``), applied alike by every verifier.

* The shared vectors (tests/vectors/seals.json, made by make_seals.py with fixed keys):
  the office program's verifier and the central server's check give each the verdict it
  names; centre documents sealed before ``DF2:`` still verify.
* Over real HTTP with PostgreSQL: code that signs like a modified office program sends a
  confirmation and an archived diploma minted with the demo school's own key (and a
  report card of another school): the batch is refused whole, nothing stored; the public
  page's QR inquiry and the office program call the same QR texts forged.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from central import public
from desktop.domain.authority import AUTHORITY, SCHOOL_KINDS, Authority, seal_fault
from desktop.domain.seal import Document, grades_digest, open_seal, seal
from desktop.domain.verification import DocumentKind, make_code
from desktop.services import certificates, sync, verification
from tests.test_sync import _token, central_counts, signed_by_school

VECTORS = json.loads((Path(__file__).parent / "vectors" / "seals.json").read_text("utf-8"))
CENTRAL_KEY = bytes.fromhex(VECTORS["central_public_key"])
STATUS = {"genuine": verification.GENUINE, "forged": verification.FORGED,
          "altered": verification.ALTERED}


def test_the_table_names_every_kind_and_the_school_prints_only_its_own():
    assert set(AUTHORITY) == set(DocumentKind)
    assert SCHOOL_KINDS == (DocumentKind.REPORT_CARD, DocumentKind.TEMPORARY,
                            DocumentKind.ORIGINAL)
    assert AUTHORITY[DocumentKind.CONFIRMATION] is AUTHORITY[DocumentKind.LEGACY] \
        is Authority.CENTRE


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: v["what"])
def test_every_verifier_gives_each_vector_its_verdict(db, vector):
    verdict = verification.verify_text(db, vector["qr"], trusted=[CENTRAL_KEY])
    # what the office types or scans: a centre's DF2 seal is read as a seal, not as a code
    assert verification.verify_typed(db, vector["qr"]).status != verification.MISREAD
    assert verdict.status == STATUS[vector["verdict"]], (vector["what"], verdict.reasons)
    fault = seal_fault(open_seal(vector["qr"], [CENTRAL_KEY]))  # the centre's paths
    assert (fault.code if fault else "") == vector["fault"]


def test_the_vectors_file_is_what_its_script_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_seals", Path(__file__).parent / "vectors" / "make_seals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.vectors() == VECTORS["vectors"]


def _minted(db, kind: DocumentKind, school: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """What a modified office program could make with the school's own key."""
    with db.unit() as s:
        private, cert = certificates.signing_key(s)
    code = make_code(school or cert.school_code, 1405, kind, 777).text
    return seal(Document(code, int(kind), 0, dt.date(2026, 11, 22),
                         grades_digest(["ریاضی 20"]), "0012345679", "زهرا رضایی"),
                cert, private)


@pytest.mark.postgres
def test_a_school_key_cannot_mint_what_the_centre_issues(enrolled, central):
    remote = sync.Remote(central.url, _token(enrolled))
    minted = {kind: _minted(enrolled, kind) for kind in (DocumentKind.CONFIRMATION,
                                                          DocumentKind.LEGACY)}
    for kind, text in minted.items():
        body = {"school": "12345678", "uuid": str(uuid.uuid4()),
                "prints": [{"seal": text, "at": "2026-11-22T09:00:00+00:00", "printer": "x"}]}
        with pytest.raises(sync.Refused) as e:
            remote.put_batch(body["uuid"], *signed_by_school(enrolled, body))
        assert e.value.status == 403 and "فقط سرور مرکزی" in e.value.message, kind
        # the office program and the public page say the same of the same QR
        verdict = verification.verify_text(enrolled, text)
        assert verdict.status == verification.FORGED and "فقط سرور مرکزی" in verdict.reasons[0]
        assert public.inquire_qr(central, "192.0.2.7", text).status == "forged"
    # a report card of another school, sealed with this school's key
    other = _minted(enrolled, DocumentKind.REPORT_CARD, "87654321")
    body = {"school": "12345678", "uuid": str(uuid.uuid4()),
            "prints": [{"seal": other, "at": "2026-11-22T09:00:00+00:00", "printer": "x"}]}
    with pytest.raises(sync.Refused) as e:
        remote.put_batch(body["uuid"], *signed_by_school(enrolled, body))
    assert e.value.status == 403
    counts = central_counts(central)
    assert counts["document"] == 0 and counts["batch"] == 0
    remote.close()
    # one registered before the intake checked this is no document of the centre's either
    from central import schema as t

    text = minted[DocumentKind.CONFIRMATION]
    doc = open_seal(text, central.public_keys()).document
    with central.engine.begin() as conn:
        conn.execute(t.document.insert().values(
            code=doc.code, school_code="12345678", kind=doc.kind, identity=doc.identity,
            name=doc.name, issued=doc.issued, seal=text, prints=1, session=doc.session))
    answer = public.inquire(central, "192.0.2.8", doc.code)
    assert answer.status == "forged" and "فقط سرور مرکزی" in answer.message


def test_a_one_digit_typo_is_misread_never_another_reading():
    """Issue 24, 3a: all one-digit changes of 100 codes of a school whose code's 6th digit
    is 1-5 (the reverse group order passes the check digit for about one in ten): never
    a reading but the typed one unless it is a known document."""
    from desktop.domain.errors import ValidationError
    from desktop.domain.verification import parse_code

    codes = [make_code("29153406", 1405, DocumentKind.REPORT_CARD, 10_000_000 + 7919 * i).text
             for i in range(100)]
    known = set(codes)
    reverse_passes = 0
    tried = 0
    for code in codes:
        for i in range(20):
            for digit in "0123456789":
                if digit == code[i]:
                    continue
                typo = code[:i] + digit + code[i + 1:]
                tried += 1
                reverse = "".join(typo[j:j + 5] for j in range(15, -1, -5))
                if parse_reverse_passes(reverse):
                    reverse_passes += 1
                with pytest.raises(ValidationError) as e:
                    parse_code(typo, known=set().__contains__)
                assert e.value.code == "verify.check"
                try:  # with the school's documents known: only one of them, never another
                    assert parse_code(typo, known=known.__contains__).text in known
                except ValidationError:
                    pass
    assert tried == 18_000 and reverse_passes > 500  # the trap is real; none fell in it


def parse_reverse_passes(candidate: str) -> bool:
    from desktop.domain.verification import damm

    return damm(candidate) == 0 and candidate[10] in "12345"
