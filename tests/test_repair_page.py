"""The adult school's grade-repair page, driven with pytest-qt against a real central
server: the graduate's record asked for off the GUI thread, a refusal shown in Persian,
courses checked and registered, the slip printed, the exam's sheets made."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from desktop.app import install_fonts, install_translators
from desktop.domain.text import to_persian_digits
from desktop.models.entities import Student
from desktop.services import record_codes, repair
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.school import list_classes
from desktop.views.repair_page import RepairPage
from tests.test_confirmations import graduated  # noqa: F401  (the fixture)
from tests.test_repair import EXAM_DAY, adult_school

pytestmark = pytest.mark.postgres


def test_a_graduate_registered_from_the_page(qtbot, graduated, central,  # noqa: F811
                                             tmp_path: Path) -> None:
    db, issued, who = graduated
    sid = issued[1].student_id
    with db.unit() as s:
        s.execute(update(Student).where(Student.id == sid).values(record_code=None))
    national, serial = who[sid]
    code, _ = record_codes.request(db, PRINCIPAL_ACTOR, national)
    adult = adult_school(central, tmp_path / "adult.sqlite")
    try:
        app = QApplication.instance()
        install_fonts(app)
        kept = install_translators(app, "fa")      # looked at in Persian, right to left
        page = RepairPage(adult, PRINCIPAL_ACTOR)
        qtbot.addWidget(page)
        page.resize(1280, 720)
        page.record_code.setText(to_persian_digits(code))
        page.who.setText(national)
        page.secret.setText("د/۹۹ ۱۱۱۱۱۱")                 # not theirs: refused, nothing
        page.show_record()
        qtbot.waitUntil(lambda: page.show_button.isEnabled(), timeout=20_000)
        assert "یکی نیست" in page.error.text() and "سابقۀ او" in page.error.text()
        assert page.courses.count() == 0 and not page.register_button.isEnabled()
        page.secret.setText(serial)
        page.show_record()
        qtbot.waitUntil(lambda: page.courses.count() > 0, timeout=20_000)
        assert page.error.text() == "" and page.register_button.isEnabled()
        for i in (0, 2):
            page.courses.item(i).setCheckState(Qt.CheckState.Checked)
        page.register()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
        assert page.error.text() == "", page.error.text()
        assert len(page.model.rows[0].courses) == 2
        page.table.setCurrentIndex(page.model.index(0, 0))
        slip = tmp_path / "slip.pdf"
        page.print_slip(str(slip))
        assert slip.exists() and "۲" in page.info.text(), page.error.text()
        adult.clock = lambda: EXAM_DAY
        changed: list[bool] = []
        page.classes_changed.connect(lambda: changed.append(True))
        page.make_exam()
        assert changed and page.error.text() == "", page.error.text()
        exam_classes = [c for c in list_classes(adult) if c.name.startswith("ترمیم")]
        assert len(exam_classes) == 2 and all(c.students == 1 for c in exam_classes)
        assert [x.candidates for x in repair.prepare_exam(adult, PRINCIPAL_ACTOR)] == [1, 1]
        page.grab().save(str(tmp_path / "repair.png"))
        assert kept and page.show_button.text() == "نمایش سابقۀ دانش‌آموخته"
    finally:
        adult.dispose()
