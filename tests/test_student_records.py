"""Student records through the dialog, and workbook import through the window's worker."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.app import install_translators
from desktop.models.entities import AuditEvent, Enrollment, Student
from desktop.services.school import find_class
from desktop.services.students import search_students
from desktop.services.workbook import student_template
from desktop.views import import_dialog, main_window
from desktop.views.main_window import MainWindow
from desktop.views.student_dialog import StudentDialog
from tests.qt_helpers import type_text


@pytest.fixture
def window(qtbot, demo_db, monkeypatch):
    install_translators(QApplication.instance(), "fa")
    told: list[str] = []
    monkeypatch.setattr(import_dialog, "inform", lambda _p, text: told.append(text))
    monkeypatch.setattr(main_window, "inform", lambda _p, text: told.append(text))
    w = MainWindow(demo_db)
    w.told = told
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def counts(db):
    with db.unit() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Student, Enrollment, AuditEvent))


def fill(dialog: StudentDialog, **fields: str) -> None:
    for name, text in fields.items():
        widget = getattr(dialog, name)
        widget.clear()
        widget.setFocus()
        type_text(text, widget)


PERSON = dict(identity="۰۴۹۹۳۷۰۸۹۹", first_name="ریحانه", last_name="قلی‌پور",
              father_name="علي", birth_date="۱۳۸۹/۰۵/۱۲", birth_place="اصفهان",
              serial="ب/۲۳ ۱۲۳۴۵۶")


def test_new_student_with_a_wrong_national_code_is_refused_and_nothing_saved(qtbot, window,
                                                                             demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    dialog = StudentDialog(demo_db, 1405, class_id=klass.id, parent=window)
    qtbot.addWidget(dialog)
    before = counts(demo_db)
    fill(dialog, **{**PERSON, "identity": "۰۴۹۹۳۷۰۸۹۸"})
    assert "نادرست" in dialog.identity_hint.text()
    dialog.save()
    assert "رقم کنترل" in dialog.message.text()
    assert dialog.result() == 0 and counts(demo_db) == before
    # fixing the code saves the student and enrols them, in one go
    fill(dialog, identity="۰۴۹۹۳۷۰۸۹۹")
    assert dialog.identity_hint.text() == "کد ملی درست است."
    dialog.save()
    assert dialog.saved is not None and dialog.saved.class_id == klass.id
    found = search_students(demo_db, "قلي پور", class_id=klass.id)
    assert [s.national_code for s in found] == ["0499370899"]
    assert found[0].father_name == "علی"


def test_editing_a_student_and_a_refused_class_change_leaves_it_as_it_was(qtbot, window,
                                                                         demo_db):
    student = search_students(demo_db, "", class_id=find_class(demo_db, "دهم ریاضی").id)[0]
    dialog = StudentDialog(demo_db, 1405, student, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.identity.text() == student.national_code
    fill(dialog, birth_place="کرج")
    other = find_class(demo_db, "نهم الف")
    dialog.klass.setCurrentIndex(dialog.klass.findData(other.id))
    before = counts(demo_db)
    dialog.save()
    assert "پیش‌تر در کلاس" in dialog.message.text()
    assert counts(demo_db) == before
    assert search_students(demo_db, student.national_code)[0].birth_place == student.birth_place
    dialog.klass.setCurrentIndex(dialog.klass.findData(student.class_id))
    dialog.save()
    assert search_students(demo_db, student.national_code)[0].birth_place == "کرج"


def _workbook(tmp_path, rows):
    path = student_template(tmp_path / "students.xlsx")
    wb = load_workbook(path)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return str(path)


GOOD = ["0499370899", None, None, "سارا", "نیک‌نام", "علی", "دختر", "۱۳۹۰/۰۲/۰۳", "تهران",
        None, None, "دهم ریاضی"]
FOREIGN = [None, "fida", "123456789012", "لینا", "احمدی", "علی", "دختر", "1390/1/1", "کابل",
           None, None, "نهم الف"]


def wait_dialog(qtbot, window):
    qtbot.waitUntil(lambda: getattr(window, "_import_dialog", None) is not None, timeout=10000)
    return window._import_dialog


def test_import_students_dry_run_then_apply_on_the_worker(qtbot, window, demo_db, tmp_path):
    path = _workbook(tmp_path, [GOOD, FOREIGN])
    before = counts(demo_db)
    window.import_students(path)
    dialog = wait_dialog(qtbot, window)
    assert counts(demo_db) == before  # the dry run wrote nothing
    assert [r.action for r in dialog.plan.rows] == ["add", "add"]
    assert dialog.apply_button.isEnabled()
    qtmodel = dialog.table.model()
    assert qtmodel.data(qtmodel.index(0, 1)) == "افزودن"
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    assert window.told == ["ثبت شد."]
    assert counts(demo_db)[0] == before[0] + 2
    assert len(search_students(demo_db, "", class_id=find_class(demo_db, "نهم الف").id)) == 41


def test_a_workbook_with_a_refused_row_cannot_be_applied(qtbot, window, demo_db, tmp_path):
    bad = list(GOOD)
    bad[0] = "0499370898"
    path = _workbook(tmp_path, [bad, FOREIGN])
    before = counts(demo_db)
    window.import_students(path)
    dialog = wait_dialog(qtbot, window)
    assert [r.action for r in dialog.plan.rows] == ["refuse", "add"]
    assert not dialog.apply_button.isEnabled()
    assert "پذیرفته نشد" in dialog.message.text()
    dialog.apply()  # even if forced, the service refuses
    qtbot.waitUntil(lambda: "پذیرفته نشد" in dialog.message.text(), timeout=10000)
    assert counts(demo_db) == before


def test_a_broken_file_gets_a_persian_message(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    before = counts(demo_db)
    window.import_students(str(path))
    qtbot.waitUntil(lambda: bool(window.told), timeout=10000)
    assert "سالم نیست" in window.told[0]
    assert counts(demo_db) == before


def test_the_import_can_be_cancelled_and_changes_nothing(demo_db, tmp_path):
    from desktop.services.progress import Cancelled
    from desktop.services.workbook import apply_students, plan_students

    rows = []
    from desktop.domain.identity import make_national_code
    for i in range(60):
        code = make_national_code(f"{700000000 + i:09d}")
        rows.append([code, None, None, "نام", f"خانواده {i}", "پدر", "دختر", "1390/01/01",
                     "تهران", None, None, None])
    plan = plan_students(demo_db, Path(_workbook(tmp_path, rows)), 1405)
    assert plan.count("add") == 60
    before = counts(demo_db)
    calls = []
    with pytest.raises(Cancelled):
        apply_students(demo_db, plan, cancel=lambda: len(calls) >= 1,  # after 25 rows were inserted
                       progress=lambda d, t: calls.append(d))
    assert counts(demo_db) == before


def test_blank_optional_cells_keep_what_is_stored_and_changes_are_listed(demo_db, tmp_path):
    from desktop.services.workbook import plan_students

    student = search_students(demo_db, "", class_id=find_class(demo_db, "دهم ریاضی").id)[0]
    from desktop.domain.calendar import format_jalali
    row = [student.national_code, None, None, student.first_name, student.last_name,
           student.father_name, "دختر", format_jalali(student.birth_date), "کرج", None, None,
           None]
    plan = plan_students(demo_db, Path(_workbook(tmp_path, [row])), 1405)
    (only,) = plan.rows
    assert only.action == "change"
    assert any(d.startswith("محل تولد") for d in only.details)
    assert not any(d.startswith("سریال شناسنامه") for d in only.details)
    assert only.payload[0]["birth_cert_serial"] == student.birth_cert_serial
