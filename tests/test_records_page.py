"""The office's page for archived diplomas and confirmations, driven with pytest-qt
against a real central server: an entry typed, refused in Persian when wrong, sent,
approved by the district and the province, its code shown and its page printed; then
the graduate's academic confirmation asked for off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.domain.text import to_persian_digits
from desktop.services import sync, verification
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.views.records_page import RecordsPage
from tests.test_sync import review, reviewer

pytestmark = pytest.mark.postgres

ENTRY = {"national": "0012345679", "first": "حسن", "last": "کاظمی", "father": "رضا",
         "birth": "۱۳۶۰/۰۵/۰۱", "serial": "ج/۱۲ ۴۵۶۷۸۹", "field": "ریاضی فیزیک",
         "graduated": "۱۳۷۸", "average": "۱۶٫۲۵", "ledger": "دفتر ۲ صفحه ۴۵"}


def test_archived_diploma_and_confirmation_from_the_page(qtbot, enrolled, central,
                                                         tmp_path: Path) -> None:
    page = RecordsPage(enrolled, PRINCIPAL_ACTOR)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    for name, value in ENTRY.items():
        page.inputs[name].setText(value)
    page.inputs["average"].setText("۲۱")
    qtbot.mouseClick(page.file_button, Qt.MouseButton.LeftButton)
    assert "معدل" in page.legacy_error.text() and page.model.rowCount() == 1   # the demo's
    page.inputs["average"].setText(ENTRY["average"])
    qtbot.mouseClick(page.file_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 2 and page.inputs["first"].text() == ""
    assert page.legacy_error.text() == "" and "۲" in page.legacy_info.text()
    assert sync.run(enrolled).ok
    for token in (reviewer(central), reviewer(central, "province", None)):
        [waiting] = review(central, token, "/v1/review/legacy").json()
        assert review(central, token, f"/v1/review/legacy/{waiting['id']}/decide",
                      {"approve": True}).status_code == 200
    assert sync.run(enrolled).ok
    page.load()
    code = page.model.rows[1].code
    assert code and to_persian_digits(code[:5]) in page.model.data(page.model.index(1, 1))
    page.table.setCurrentIndex(page.model.index(1, 0))   # as a click on the row does
    pdf = tmp_path / "legacy.pdf"
    page.print_selected(str(pdf))
    assert page.legacy_error.text() == "" and pdf.exists(), page.legacy_error.text()
    verdicts = verification.verify_pdf(enrolled, pdf)
    assert [v.status for v in verdicts] == [verification.GENUINE], verdicts
    page.grab().save(str(tmp_path / "records.png"))
    # the graduate's confirmation, asked for on the worker thread
    page.who.setText(ENTRY["national"])
    page.secret.setText("ج12 456789")
    out = tmp_path / "confirmation.pdf"
    page.ask_confirmation(str(out))
    assert not page.confirm_button.isEnabled()
    qtbot.waitUntil(lambda: page.confirm_button.isEnabled(), timeout=20_000)
    assert page.confirm_error.text() == "" and out.exists()
    assert "ذخیره" in page.confirm_result.text() or "saved" in page.confirm_result.text()
    # a wrong second proof: the server's Persian reason on the page, no file
    page.secret.setText("د/۹۹ ۱۱۱۱۱۱")
    page.ask_confirmation(str(tmp_path / "wrong.pdf"))
    qtbot.waitUntil(lambda: page.confirm_button.isEnabled(), timeout=20_000)
    assert "تأییدیه صادر نشد" in page.confirm_error.text()
    assert not (tmp_path / "wrong.pdf").exists()


def test_record_code_from_the_page(qtbot, enrolled, central, tmp_path: Path) -> None:
    from sqlalchemy import select

    from desktop.models.entities import Student

    assert sync.run(enrolled).ok     # the students reach the central server with the sheets
    with enrolled.unit() as s:
        national = s.scalar(select(Student.national_code).where(
            Student.record_code.is_(None), Student.birth_cert_serial.is_not(None)).limit(1))
    page = RecordsPage(enrolled, PRINCIPAL_ACTOR)
    qtbot.addWidget(page)
    page.record_student.setText("0012345679")        # not a student of this school
    page.ask_record_code(str(tmp_path / "none.pdf"))
    qtbot.waitUntil(lambda: page.record_button.isEnabled(), timeout=20_000)
    assert "دانش‌آموز" in page.record_error.text() and not (tmp_path / "none.pdf").exists()
    page.record_student.setText(national)
    slip = tmp_path / "slip.pdf"
    page.ask_record_code(str(slip))
    qtbot.waitUntil(lambda: page.record_button.isEnabled(), timeout=20_000)
    assert page.record_error.text() == "" and slip.exists()
    with enrolled.unit() as s:
        code = s.scalar(select(Student.record_code).where(Student.national_code == national))
    assert code and to_persian_digits(code[:5]) in page.record_result.text()
