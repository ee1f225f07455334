"""Certificates: codes, seals, printing rules, the print log, voiding, offline verification."""

import datetime as dt
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader, PdfWriter
from sqlalchemy import func, select, update

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError, ValidationError, WorkflowError
from desktop.domain.seal import Document, certify, grades_digest, open_seal, raw_public, seal
from desktop.domain.verification import DocumentKind, damm, make_code, parse_code
from desktop.domain.workflow import SheetState
from desktop.models.entities import Certificate, CertificatePrint, GradeSheet, PrintPermit
from desktop.services import auth
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.school import find_class
from tests.scanning import CAN_SCAN, read_qr

# --- the 20-digit code ----------------------------------------------------------------


def test_code_layout_and_round_trip():
    code = make_code("12345678", 1405, DocumentKind.TEMPORARY, 42)
    assert len(code.text) == 20 and code.text.startswith("1234567805200000042")
    assert parse_code(code.grouped()) == code
    assert parse_code("۱۲۳۴۵-۶۷۸۰۵-" + code.text[10:]) == code


def test_every_single_digit_error_and_neighbour_swap_is_caught():
    rng = random.Random(5)
    for _ in range(300):
        text = make_code(f"{rng.randrange(10**7, 10**8)}", 1400 + rng.randrange(100),
                         DocumentKind(rng.randrange(1, 4)), rng.randrange(1, 10**8)).text
        for i in range(20):
            for d in "0123456789":
                if d != text[i]:
                    assert damm(text[:i] + d + text[i + 1:]) != 0
            if i < 19 and text[i] != text[i + 1]:
                assert damm(text[:i] + text[i + 1] + text[i] + text[i + 2:]) != 0


@pytest.mark.parametrize("typed,code", [("1234", "verify.length"),
                                        ("12345678051000000019", "verify.check")])
def test_bad_codes(typed, code):
    with pytest.raises(ValidationError) as e:
        parse_code(typed)
    assert e.value.code == code


# --- the seal ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def keys():
    central, school = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    cert = certify(central, "12345678", raw_public(school.public_key()), dt.date(2030, 1, 1))
    return central, school, cert


def _doc(name="فاطمه‌زهرا حسین‌زاده", identity="0499370899"):
    return Document(make_code("12345678", 1405, DocumentKind.ORIGINAL, 7).text, 3, 2,
                    dt.date(2026, 11, 22), grades_digest(["ریاضی 4 18.5 قبول"]), identity, name)


def test_seal_round_trip_and_qr_size(keys):
    import segno

    central, school, cert = keys
    for name in ("سارا رضایی", "فاطمه‌زهرا محمدحسین‌زاده شاه‌حسینی پورمحمدی"):
        text = seal(_doc(name), cert, school)
        opened = open_seal(text, [raw_public(central.public_key())])
        assert opened.valid and opened.document == _doc(name)
        qr = segno.make(text, error="q", boost_error=False)
        assert qr.version <= 15 and qr.mode == "alphanumeric"


def test_one_changed_character_or_a_foreign_key_fails(keys):
    central, school, cert = keys
    trusted = [raw_public(central.public_key())]
    text = seal(_doc(), cert, school)
    for i in range(4, len(text), 7):
        changed = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1:]
        try:
            assert not open_seal(changed, trusted).valid
        except ValueError:
            pass  # unreadable is a refusal too
    other = Ed25519PrivateKey.generate()
    assert not open_seal(text, [raw_public(other.public_key())]).certificate_ok
    forged = certify(other, "12345678", raw_public(other.public_key()), dt.date(2030, 1, 1))
    assert not open_seal(seal(_doc(), forged, other), trusted).valid


# --- issuing and printing ---------------------------------------------------------------

def clerk(db):
    return auth.login(db, "clerk", "daftar")


def test_report_cards_for_an_approved_session(demo_db, tmp_path):
    klass = find_class(demo_db, "دهم ریاضی")
    out = tmp_path / "cards.pdf"
    issued = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                           clerk(demo_db), out)
    assert len(issued) == 40 and len({i.code for i in issued}) == 40
    assert all(i.print_number == 1 and not i.reprint for i in issued)
    assert len(PdfReader(out).pages) == 40
    verdicts = V.verify_pdf(demo_db, out)
    assert [v.status for v in verdicts] == [V.GENUINE] * 40
    assert verdicts[0].document.code == issued[0].code
    assert V.verify_code(demo_db, issued[5].code).status == V.GENUINE


def test_no_report_card_before_the_principal_approves(demo_db, tmp_path):
    klass = find_class(demo_db, "دهم ریاضی")
    out = tmp_path / "cards.pdf"
    with pytest.raises(DaftarError) as e:
        C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.KHORDAD,
                      clerk(demo_db), out)
    assert "تأیید مدیر" in str(e.value)
    assert not out.exists()
    with demo_db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0


def test_reprint_needs_a_reason_and_is_numbered(demo_db, tmp_path):
    klass = find_class(demo_db, "سوم الف")
    first = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                          clerk(demo_db), tmp_path / "a.pdf")
    with pytest.raises(ValidationError) as e:
        C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                      clerk(demo_db), tmp_path / "b.pdf")
    assert e.value.code == "cert.reprint_reason"
    again = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                          clerk(demo_db), tmp_path / "b.pdf", reason="نسخه گم شده است")
    assert [i.code for i in again] == [i.code for i in first]  # the same documents
    assert all(i.reprint and i.print_number == 2 for i in again)
    with demo_db.unit() as s:
        assert s.scalar(select(func.count()).select_from(CertificatePrint)) == 60
    # teachers do not print
    with pytest.raises(WorkflowError):
        C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                      auth.login(demo_db, "teacher1", "daftar"), tmp_path / "c.pdf")


def _finalise(db, klass, when):
    with db.unit() as s:
        s.execute(update(GradeSheet).where(GradeSheet.class_id == klass.id)
                  .values(state=SheetState.PROVINCE_APPROVED, updated_at=when))


def test_original_certificates_only_after_final_approval_and_within_six_months(demo_db,
                                                                               tmp_path):
    klass = find_class(demo_db, "دوازدهم تجربی")
    with pytest.raises(DaftarError) as e:
        C.issue_class(demo_db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                      clerk(demo_db), tmp_path / "o.pdf")
    assert "تأیید نهایی استان" in str(e.value)
    _finalise(demo_db, klass, dt.datetime(2026, 7, 1, tzinfo=dt.UTC))  # 10 Tir 1405
    ids = [s.id for s in C.search_students(demo_db, class_id=klass.id, year=1405)]
    granted = [g for g in __import__("desktop.services.lists", fromlist=["x"]).graduates(
        demo_db, 1405) if g.class_name == "دوازدهم تجربی" and g.granted]
    one = [granted[0].student_id]
    demo_db.clock = lambda: dt.datetime(2026, 12, 20, tzinfo=dt.UTC)  # 29 Azar: within
    issued = C.issue_class(demo_db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                           clerk(demo_db), tmp_path / "o.pdf", student_ids=one)
    assert issued[0].kind is DocumentKind.ORIGINAL
    demo_db.clock = lambda: dt.datetime(2027, 1, 5, tzinfo=dt.UTC)  # 15 Dey: past 10 Dey
    with pytest.raises(DaftarError) as e:
        C.issue_class(demo_db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                      clerk(demo_db), tmp_path / "o2.pdf", student_ids=one, reason="x")
    assert "شش‌ماهه" in str(e.value) and "مجوز" in str(e.value)
    with demo_db.unit() as s:
        s.add(PrintPermit(permit_no="م-۱۴۰۵-۱۲", student_id=one[0],
                          valid_from=dt.date(2027, 1, 1), valid_until=dt.date(2027, 1, 31),
                          issued_by="کمیسیون منطقه ۶"))
    again = C.issue_class(demo_db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                          clerk(demo_db), tmp_path / "o2.pdf", student_ids=one,
                          reason="مجوز کمیسیون")
    assert again[0].code == issued[0].code and again[0].reprint
    # a student without the diploma never gets one
    refused = [g for g in __import__("desktop.services.lists", fromlist=["x"]).graduates(
        demo_db, 1405) if g.class_name == "دوازدهم تجربی" and not g.granted]
    if refused:
        with pytest.raises(DaftarError) as e:
            C.issue_class(demo_db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                          clerk(demo_db), tmp_path / "o3.pdf",
                          student_ids=[refused[0].student_id])
        assert "دانش‌آموختگی" in str(e.value)
    assert ids


def test_void_then_verify_says_revoked(demo_db, tmp_path):
    klass = find_class(demo_db, "نهم ب")
    issued = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                           clerk(demo_db), tmp_path / "n.pdf")
    principal = auth.login(demo_db, "principal", "daftar")
    with pytest.raises(WorkflowError):
        C.void(demo_db, issued[0].code, "اشتباه", clerk(demo_db))
    C.void(demo_db, issued[0].code, "نام پدر اشتباه چاپ شده", principal)
    verdict = V.verify_code(demo_db, issued[0].code)
    assert verdict.status == V.REVOKED and "نام پدر اشتباه" in verdict.reasons[0]
    assert V.verify_pdf(demo_db, tmp_path / "n.pdf")[0].status == V.REVOKED
    with pytest.raises(ValidationError):
        C.void(demo_db, issued[0].code, "دوباره", principal)


def test_altered_and_foreign_pdfs(demo_db, tmp_path):
    klass = find_class(demo_db, "هشتم الف")
    out = tmp_path / "cards.pdf"
    C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                  clerk(demo_db), out)
    reader = PdfReader(out)
    subject = reader.metadata["/Subject"].split("\n")
    # page 2's content with page 1's seal: the printed name is not the signed one
    writer = PdfWriter()
    writer.add_page(reader.pages[1])
    writer.add_metadata({"/Subject": subject[0]})
    swapped = tmp_path / "swapped.pdf"
    writer.write(swapped)
    assert V.verify_pdf(demo_db, swapped)[0].status == V.ALTERED
    # a PDF not written by Daftar
    plain = PdfWriter()
    plain.add_blank_page(200, 200)
    plain.write(tmp_path / "plain.pdf")
    assert V.verify_pdf(demo_db, tmp_path / "plain.pdf")[0].status == V.FORGED
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    assert V.verify_pdf(demo_db, tmp_path / "broken.pdf")[0].status == V.FORGED
    # a seal from a school key the central server never certified
    rogue = Ed25519PrivateKey.generate()
    fake = seal(_doc(), certify(rogue, "12345678", raw_public(rogue.public_key()),
                                dt.date(2030, 1, 1)), rogue)
    assert V.verify_text(demo_db, fake).status == V.FORGED


@pytest.mark.skipif(not CAN_SCAN,
                    reason="zbar-tools / poppler-utils not installed (./dev.sh test installs)")
def test_the_printed_qr_scans_at_300_dpi(demo_db, tmp_path):
    klass = find_class(demo_db, "دهم ریاضی")
    out = tmp_path / "card.pdf"
    issued = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                           clerk(demo_db), out, student_ids=[
                               C.search_students(demo_db, class_id=klass.id, year=1405)[0].id])
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(out), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    scanned = read_qr(png)
    verdict = V.verify_text(demo_db, scanned)
    assert verdict.status == V.GENUINE and verdict.document.code == issued[0].code


def test_daftar_print_and_verify_commands(demo_path, tmp_path):
    db = tmp_path / "school.sqlite"
    shutil.copy(demo_path, db)
    env = {"DAFTAR_PASSWORD": "daftar", "DAFTAR_KEY_PASSPHRASE": "daftar",
           "PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"}
    base = [sys.executable, "-m", "desktop", "--db", str(db)]
    run = subprocess.run(base + ["print", "--kind", "report_card", "--class", "نهم الف",
                                 "--session", "DEY", "--split", str(tmp_path / "one")],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    files = sorted((tmp_path / "one").glob("*.pdf"))
    assert len(files) == 40
    ok = subprocess.run(base + ["verify", str(files[0])], capture_output=True, text=True,
                        env=env)
    assert ok.returncode == 0 and ok.stdout.startswith("اصیل")
    bad = subprocess.run(base + ["verify", "12345678051000000019"], capture_output=True,
                         text=True, env=env)
    assert bad.returncode == 1 and "رقم کنترل" in bad.stdout
    refused = subprocess.run(base + ["print", "--kind", "original", "--class", "دوازدهم انسانی",
                                     "--out", str(tmp_path / "x.pdf")], capture_output=True,
                             text=True, env=env)
    assert refused.returncode == 1 and "استان" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert Path(files[0]).stem.isdigit()


def test_a_changed_grade_in_the_seal_fails(keys):
    """The seal carries a digest of the printed grades: one changed grade breaks it."""
    from dataclasses import replace

    from desktop.domain.seal import PREFIX, b45decode, b45encode

    central, school, cert = keys
    trusted = [raw_public(central.public_key())]
    original = _doc()
    text = seal(original, cert, school)
    changed = replace(original, grades_digest=grades_digest(["ریاضی 4 19.5 قبول"]))
    data = b45decode(text[len(PREFIX):])
    signature = data[-64:]
    forged = PREFIX + b45encode(cert.encode() + changed.encode() + signature)
    opened = open_seal(forged, trusted)
    assert opened.certificate_ok and not opened.signature_ok
    assert opened.document.grades_digest != original.grades_digest
