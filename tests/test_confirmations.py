"""Academic confirmations and codes for archived diplomas, end to end: the demo school's
program, a real central server (uvicorn over PostgreSQL) on loopback, its reviewers
over HTTP, the confirmation's PDF read back and verified offline."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import select, text, update

from desktop.domain.calendar import SessionKind, parse_jalali, to_gregorian
from desktop.domain.errors import DaftarError, ValidationError
from desktop.domain.verification import DocumentKind, parse_code
from desktop.domain.workflow import Action, ChangeState, SheetState
from desktop.models.entities import ExamSession, GradeSheet, Student
from desktop.services import approvals, certificates, confirmations, legacy, sync, verification
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.demo import GRADUATING_CLASS
from desktop.services.school import find_class
from tests.test_sync import review, reviewer

pytestmark = pytest.mark.postgres


def approve_on_central(central, class_name: str) -> None:  # type: ignore[no-untyped-def]
    for token in (reviewer(central), reviewer(central, "province", None)):
        waiting = review(central, token, "/v1/review/sheets").json()
        ids = [w["id"] for w in waiting if w["class"] == class_name]
        assert ids
        answer = review(central, token, "/v1/review/sheets/decide", {"ids": ids, "approve": True})
        assert answer.status_code == 200, answer.text


@pytest.fixture
def graduated(enrolled, central, tmp_path):  # type: ignore[no-untyped-def]
    """The graduating class's Khordad sheets sent to the real central server, approved by
    the district and the province there, pulled back, and the originals printed and
    reported.  Returns (db, issued originals, {student id: (national code, serial)})."""
    db = enrolled
    central.set_deadline(1405, SessionKind.KHORDAD, to_gregorian(parse_jalali("1405/10/10")))
    assert sync.run(db).ok     # the Dey sheets, and the moved deadline comes back
    klass = find_class(db, GRADUATING_CLASS, 1405)
    with db.unit() as s:
        ids = list(s.scalars(select(GradeSheet.id).join(ExamSession).where(
            GradeSheet.class_id == klass.id, ExamSession.kind == SessionKind.KHORDAD)))
        # the demo decided them with its own stand-in centre; this test's centre is real
        s.execute(update(GradeSheet).where(GradeSheet.id.in_(ids))
                  .values(state=SheetState.APPROVED, batch_id=None))
    approvals.move(db, ids, Action.QUEUE, PRINCIPAL_ACTOR)
    assert sync.run(db).ok
    approve_on_central(central, GRADUATING_CLASS)
    assert sync.run(db).ok
    issued = certificates.issue_class(db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                                      PRINCIPAL_ACTOR, tmp_path / "originals.pdf")
    assert sync.run(db).ok     # the prints reach the centre
    with db.unit() as s:
        who = {st.id: (st.national_code, st.birth_cert_serial)
               for st in s.scalars(select(Student).where(
                   Student.id.in_([d.student_id for d in issued])))}
    return db, issued, who


def confirm_page(central, **form) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.post(central.url + "/confirm", data=form)


def test_a_graduate_gets_a_confirmation_that_verifies_online_and_offline(
        graduated, central, tmp_path: Path) -> None:
    db, issued, who = graduated
    national, serial = who[issued[0].student_id]
    # on the public page, with the serial typed differently (no slash, Persian digits)
    typed_serial = serial.replace("/", "").replace(" ", "")
    answer = confirm_page(central, kind="national", value=national, secret=typed_serial)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    code = answer.headers["X-Daftar-Code"]
    assert parse_code(code).kind is DocumentKind.CONFIRMATION and code[:8] == "12345678"
    pdf = tmp_path / "confirmation.pdf"
    pdf.write_bytes(answer.content)
    page = unicodedata.normalize("NFKC", PdfReader(pdf).pages[0].extract_text())
    assert "ییدیه" in page      # تأییدیه, shaped; pypdf gives visual order
    # offline: the school's program verifies the central seal with the central key alone
    verdicts = verification.verify_pdf(db, pdf)
    assert [v.status for v in verdicts] == [verification.GENUINE]
    assert verdicts[0].document.code == code
    # online: anyone sees it genuine; with the holder's national code, the grades
    seen = httpx.get(f"{central.url}/v1/verify/{code}").json()
    assert seen["status"] == "genuine" and seen["kind"] == "تأییدیۀ تحصیلی"
    assert "grades" not in seen and "*" in seen["name"]
    full = httpx.get(f"{central.url}/v1/verify/{code}", params={"national": national}).json()
    assert full["grades"] and all(g["state"] == SheetState.PROVINCE_APPROVED.label_fa
                                  for g in full["grades"])
    # asked again, by the school office this time: the same confirmation
    again = confirmations.request(db, PRINCIPAL_ACTOR, "national", national, serial,
                                  tmp_path / "again.pdf")
    assert again.code == code and again.replay
    # revoking the diploma revokes its confirmation, and no new one is issued
    province = reviewer(central, "province", None)
    assert review(central, province, "/v1/review/revocations",
                  {"code": issued[0].code, "reason": "جعل در پرونده"}).status_code == 204
    assert httpx.get(f"{central.url}/v1/verify/{code}").json()["status"] == "revoked"
    refused = confirm_page(central, kind="national", value=national, secret=serial)
    assert refused.status_code == 422 and "باطل" in refused.text and "جعل در پرونده" in refused.text


def test_confirmations_are_refused_with_the_reason(graduated, central, tmp_path: Path) -> None:
    db, issued, who = graduated
    national, serial = who[issued[1].student_id]
    # wrong second factor, and an unknown person: the same answer, nothing issued
    for value, secret in ((national, "ب/۱۲ ۳۴۵۶۷۸"), ("0012345679", serial)):
        answer = confirm_page(central, kind="national", value=value, secret=secret)
        assert answer.status_code in (403, 422)
        assert "تأییدیه صادر نشد" in answer.text or "کد ملی" in answer.text
    # a malformed national code: its own Persian reason
    bad = confirm_page(central, kind="national", value="12345", secret=serial)
    assert bad.status_code == 422 and "۱۰ رقم" in bad.text
    # not final: one of the graduation sheets reopened on the centre
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE sheet SET state = 'district_approved' WHERE id = "
                          "(SELECT min(id) FROM sheet WHERE session = 'KHORDAD')"))
    waiting = confirm_page(central, kind="national", value=national, secret=serial)
    assert waiting.status_code == 422 and "تأیید استان" in waiting.text
    # another school's office may not ask for this school's graduates
    with pytest.raises(DaftarError) as e:
        confirmations.request(db, PRINCIPAL_ACTOR, "national", "0012345679", "x", tmp_path / "n")
    assert "تأییدیه صادر نشد" in str(e.value)
    with central.engine.connect() as conn:
        made = conn.execute(text("SELECT count(*) FROM document WHERE kind = 4")).scalar_one()
        logged = conn.execute(text("SELECT count(*) FROM inquiry WHERE status = 'refused'")
                              ).scalar_one()
    assert made == 0 and logged >= 4


def test_an_archived_diploma_gets_a_code_through_district_and_province(
        enrolled, central, tmp_path: Path) -> None:
    db = enrolled
    clerk_fields = dict(first="حسن", last="کاظمی", father="رضا", birth_jalali="۱۳۶۰/۰۵/۰۱",
                        serial="ج/۱۲ ۴۵۶۷۸۹", field="ریاضی فیزیک", graduated="۱۳۷۸",
                        ledger="دفتر ۲ صفحه ۴۵")
    # bad entries are refused in Persian and store nothing
    with pytest.raises(ValidationError, match="معدل"):
        legacy.file(db, PRINCIPAL_ACTOR, "0012345679", average="۲۱", **clerk_fields)
    with pytest.raises(ValidationError):
        legacy.file(db, PRINCIPAL_ACTOR, "1234567890", average="16.25", **clerk_fields)
    assert len(legacy.entries(db)) == 1       # the demo's own, coded by its central office
    entry = legacy.file(db, PRINCIPAL_ACTOR, "0012345679", average="۱۶٫۲۵", **clerk_fields)
    with pytest.raises(ValidationError, match="پیش‌تر"):
        legacy.file(db, PRINCIPAL_ACTOR, "0012345679", average="16", **clerk_fields)
    assert sync.run(db).ok
    district, province = reviewer(central), reviewer(central, "province", None)
    waiting = review(central, district, "/v1/review/legacy").json()
    assert [w["fields"]["ledger"] for w in waiting] == ["دفتر 2 صفحه 45"]   # stored in ASCII
    assert review(central, province, "/v1/review/legacy").json() == []
    lid = waiting[0]["id"]
    # sending it back needs a reason; the province may not take the district's step
    bare = review(central, district, f"/v1/review/legacy/{lid}/decide", {"approve": False})
    assert bare.status_code == 422
    early = review(central, province, f"/v1/review/legacy/{lid}/decide", {"approve": True})
    assert early.status_code == 422
    assert review(central, district, f"/v1/review/legacy/{lid}/decide",
                  {"approve": True}).json()["state"] == "district_approved"
    decided = review(central, province, f"/v1/review/legacy/{lid}/decide",
                     {"approve": True}).json()
    code = decided["code"]
    assert decided["state"] == "province_approved" and parse_code(code).kind is DocumentKind.LEGACY
    assert sync.run(db).ok
    [info] = [e for e in legacy.entries(db) if e.id == entry.id]
    assert info.state is ChangeState.PROVINCE_APPROVED and info.code == code
    # it verifies like a new document: online by code, offline from its printed page
    seen = httpx.get(f"{central.url}/v1/verify/{code}").json()
    assert seen["status"] == "genuine" and seen["name"] == "ح** ک****"
    pdf = tmp_path / "legacy.pdf"
    assert legacy.render(db, entry.id, pdf) == code
    assert [v.status for v in verification.verify_pdf(db, pdf)] == [verification.GENUINE]
    # and its holder can now ask for an academic confirmation of it
    answer = confirm_page(central, kind="national", value="0012345679", secret="ج۱۲۴۵۶۷۸۹")
    assert answer.status_code == 200, answer.text
    assert parse_code(answer.headers["X-Daftar-Code"]).kind is DocumentKind.CONFIRMATION
