"""The grade grid driven like a clerk drives it: keys, Enter, Tab, paste, undo."""

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from sqlalchemy import func, select

from desktop.app import install_fonts, install_translators
from desktop.domain.calendar import SessionKind
from desktop.models.db import open_database
from desktop.models.entities import AuditEvent
from desktop.services.grades import read_sheet
from desktop.services.school import find_class, find_course
from desktop.views.grade_model import GradeSheetModel
from desktop.views.main_window import MainWindow
from tests.conftest import fixed
from tests.qt_helpers import press, type_text


@pytest.fixture
def window(qtbot, demo_db):
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def open_grid(w, db, class_name="دهم ریاضی", course="فیزیک ۱", session=SessionKind.KHORDAD):
    klass = find_class(db, class_name)
    w.select_class(klass.id)
    w.show_page("grades")
    w.grades.select(session, find_course(db, course, klass.id).id)
    model: GradeSheetModel = w.grades.model
    assert model is not None
    return model


def col(model, code):
    return next(c for c in range(model.columnCount()) if model.component_at(c) is not None
                and model.component_at(c).code == code)


def stored(db, sheet_id, student_id, code):
    data = read_sheet(db, sheet_id)
    return next(r for r in data.rows if r.student_id == student_id).cells.get(code)


def count(db, model):
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_typing_persian_digits_enter_moves_down_and_saves_at_once(window, demo_db, qtbot):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(0, col(model, "f2")))
    table.setFocus()
    events = count(demo_db, AuditEvent)
    type_text("۱۸٫۵", table)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    press(Qt.Key.Key_Return)
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == col(model, "f2")
    sid = model.student_id(0)
    assert stored(demo_db, model.sheet.sheet_id, sid, "f2") == D("18.5")  # already on disk
    assert count(demo_db, AuditEvent) == events + 1
    assert model.data(model.index(0, col(model, "f2"))) == "۱۸٫۵"
    # the next student, straight away, in ASCII digits with "/" as the decimal point
    type_text("17/25", table)
    press(Qt.Key.Key_Return)
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(1), "f2") == D("17.25")


def test_computed_columns_and_average_follow_the_typing(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    row = 0
    cells = {code: model.data(model.index(row, col(model, code)), Qt.ItemDataRole.EditRole)
             for code in ("c1", "f1", "c2")}
    table.setCurrentIndex(model.index(row, col(model, "f2")))
    table.setFocus()
    type_text("20", table)
    press(Qt.Key.Key_Return)
    c1, f1, c2 = (D(cells[k]) for k in ("c1", "f1", "c2"))
    from desktop.domain.grading import Rounding
    expected = Rounding.CEIL_QUARTER.apply((c1 + 2 * f1 + c2 + 80) / 8)
    from desktop.domain.grading import format_grade
    assert model.data(model.index(row, model.result_column)) == format_grade(expected)
    assert "میانگین کلاس" in window.grades.summary.text()
    assert format_grade(model.average()) in window.grades.summary.text()


def test_tab_moves_across(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(2, col(model, "c2")))
    table.setFocus()
    type_text("19", table)
    press(Qt.Key.Key_Tab)
    assert table.currentIndex().column() == col(model, "f2")
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(2), "c2") == D(19)


@pytest.mark.parametrize("typed,reason", [("21", "بین ۰ و ۲۰"), ("18.3", "مضربی از ۰٫۲۵"),
                                          ("abc", "عدد نیست")])
def test_a_bad_value_is_refused_in_the_editor_and_nothing_changes(window, demo_db, typed,
                                                                  reason):
    model = open_grid(window, demo_db)
    table = window.grades.table
    sid = model.student_id(0)
    before = stored(demo_db, model.sheet.sheet_id, sid, "f2")
    events = count(demo_db, AuditEvent)
    table.setCurrentIndex(model.index(0, col(model, "f2")))
    table.setFocus()
    type_text(typed, table)
    press(Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == typed  # still there to fix
    assert reason in window.grades.message.text()
    assert table.currentIndex().row() == 0
    assert stored(demo_db, model.sheet.sheet_id, sid, "f2") == before
    assert count(demo_db, AuditEvent) == events
    # correcting it goes through
    editor.selectAll()
    type_text("۱۹")
    press(Qt.Key.Key_Return)
    assert stored(demo_db, model.sheet.sheet_id, sid, "f2") == D(19)


def test_absent_mark(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(3, col(model, "f2")))
    table.setFocus()
    type_text("غ", table)
    press(Qt.Key.Key_Return)
    from desktop.domain.grading import Mark
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(3), "f2") is Mark.ABSENT
    assert model.data(model.index(3, col(model, "f2"))) == "غایب"


def test_paste_a_block_from_a_spreadsheet(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(5, col(model, "c2")))
    events = count(demo_db, AuditEvent)
    assert table.paste("18\t19.5\r\n۱۷\t۱۶٫۲۵\r\n")
    sheet = model.sheet.sheet_id
    assert stored(demo_db, sheet, model.student_id(5), "c2") == D(18)
    assert stored(demo_db, sheet, model.student_id(5), "f2") == D("19.5")
    assert stored(demo_db, sheet, model.student_id(6), "c2") == D(17)
    assert stored(demo_db, sheet, model.student_id(6), "f2") == D("16.25")
    assert count(demo_db, AuditEvent) > events
    # copy gives it back
    table.selectionModel().clearSelection()
    table.setCurrentIndex(model.index(5, col(model, "c2")))
    assert table.copy_selection() == "18"


def test_a_bad_cell_in_a_paste_changes_nothing(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    sheet = model.sheet.sheet_id
    before = [stored(demo_db, sheet, model.student_id(r), "c2") for r in (7, 8)]
    events = count(demo_db, AuditEvent)
    table.setCurrentIndex(model.index(7, col(model, "c2")))
    assert not table.paste("18\n21")
    assert "ستون «مستمر نوبت دوم»" in window.grades.message.text()
    assert "بین ۰ و ۲۰" in window.grades.message.text()
    assert [stored(demo_db, sheet, model.student_id(r), "c2") for r in (7, 8)] == before
    assert count(demo_db, AuditEvent) == events
    # a block that runs into the computed columns is refused as a whole too
    table.setCurrentIndex(model.index(7, col(model, "f2")))
    assert not table.paste("18\t18")
    assert "ویرایش‌پذیر نیست" in window.grades.message.text()


def test_undo_and_redo_go_through_the_service(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    sheet, sid = model.sheet.sheet_id, model.student_id(0)
    before = stored(demo_db, sheet, sid, "c2")
    table.setCurrentIndex(model.index(0, col(model, "c2")))
    table.setFocus()
    type_text("7", table)
    press(Qt.Key.Key_Return)
    assert stored(demo_db, sheet, sid, "c2") == D(7)
    window.grades.undo()
    assert stored(demo_db, sheet, sid, "c2") == before
    assert model.data(model.index(0, col(model, "c2")), Qt.ItemDataRole.EditRole) == \
        format(before.normalize(), "f")
    window.grades.redo()
    assert stored(demo_db, sheet, sid, "c2") == D(7)
    with demo_db.unit() as s:
        reasons = [r for (r,) in s.execute(select(AuditEvent.reason).order_by(
            AuditEvent.id.desc()).limit(2))]
    assert reasons == ["redo", "undo"]


def test_delete_clears_the_selected_cells(window, demo_db):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(4, col(model, "c2")))
    table.setFocus()
    press(Qt.Key.Key_Delete, table)
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(4), "c2") is None
    assert "خانه هنوز خالی است" in window.grades.summary.text()


def test_grades_survive_reopening_the_database(window, demo_db, qtbot):
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(0, col(model, "f2")))
    table.setFocus()
    type_text("۱۲٫۷۵", table)
    press(Qt.Key.Key_Return)
    sid, sheet = model.student_id(0), model.sheet.sheet_id
    path = demo_db.path
    other = fixed(open_database(path))  # as a second start of the program would
    try:
        assert stored(other, sheet, sid, "f2") == D("12.75")
    finally:
        other.dispose()


def test_an_approved_sheet_is_read_only_and_says_why(window, demo_db):
    model = open_grid(window, demo_db, session=SessionKind.DEY)
    assert not any(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable
                   for c in range(model.columnCount()))
    assert window.grades.banner.isVisibleTo(window)
    assert "تأییدشده مدیر" in window.grades.banner.text()
    assert "فقط خواندنی" in window.grades.banner.text()
    assert not window.grades.table.paste("10")


def test_primary_levels_are_picked_from_a_list(window, demo_db):
    model = open_grid(window, demo_db, class_name="سوم الف", course="ریاضی")
    assert model.sheet.descriptive
    table = window.grades.table
    index = model.index(0, col(model, "d2"))
    table.setCurrentIndex(index)
    table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())][1:] == [
        "خیلی خوب", "خوب", "قابل قبول", "نیاز به تلاش بیشتر"]
    editor.setCurrentText("نیاز به تلاش بیشتر")
    press(Qt.Key.Key_Return, editor)
    from desktop.domain.grading import Descriptive
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(0), "d2") is \
        Descriptive.NEEDS_EFFORT
    assert model.data(model.index(0, model.status_column)) == "مردود"


def test_models_pass_the_model_tester(qtmodeltester, window, demo_db):
    model = open_grid(window, demo_db)
    qtmodeltester.check(model)
    dey = open_grid(window, demo_db, session=SessionKind.DEY)
    qtmodeltester.check(dey)


def test_screenshot_of_the_grid(window, demo_db, tmp_path):
    open_grid(window, demo_db)
    window.resize(1280, 800)
    QApplication.processEvents()
    path = tmp_path / "grade_grid.png"
    window.grab().save(str(path))
    assert path.stat().st_size > 20_000
    assert window.grades.table.horizontalHeader().model().headerData(
        0, Qt.Orientation.Horizontal) == "نام خانوادگی"


def test_export_runs_on_the_worker_and_writes_the_workbook(window, demo_db, qtbot, tmp_path):
    from openpyxl import load_workbook

    model = open_grid(window, demo_db)
    target = tmp_path / "export.xlsx"
    saved = []
    window.grades.status.connect(saved.append)
    window.grades.export_sheet(str(target))
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    assert str(target) in saved[-1]
    ws = load_workbook(target).worksheets[0]
    assert ws.max_row == model.rowCount() + 1


def test_screenshot_of_the_student_dialog(qtbot, window, demo_db, tmp_path):
    from desktop.views.student_dialog import StudentDialog

    dialog = StudentDialog(demo_db, 1405, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.identity.setFocus()
    type_text("۰۴۹۹۳۷۰۸۹۸", dialog.identity)
    dialog.grab().save(str(tmp_path / "student_dialog.png"))
    assert "نادرست" in dialog.identity_hint.text()


def test_esc_clears_the_refusal_a_negative_is_out_of_range_and_pasted_words_are_named(
        window, demo_db):
    """Issue 25, point 8: after Esc cancels «۲۱» its red message goes; «-5» is a number
    under the range, not «not a number»; a pasted block of names is answered about the
    text, not about a column it ran into."""
    model = open_grid(window, demo_db)
    table = window.grades.table
    table.setCurrentIndex(model.index(3, col(model, "c2")))
    table.setFocus()
    type_text("21", table)
    press(Qt.Key.Key_Return)   # refused: the editor stays open with the message below
    assert "بین ۰ و ۲۰" in window.grades.message.text()
    press(Qt.Key.Key_Escape)
    assert window.grades.message.text() == ""
    type_text("-5", table)
    press(Qt.Key.Key_Return)
    assert "باید بین ۰ و ۲۰ باشد" in window.grades.message.text()
    assert "عدد نیست" not in window.grades.message.text()
    press(Qt.Key.Key_Escape)
    before = stored(demo_db, model.sheet.sheet_id, model.student_id(3), "c2")
    table.setCurrentIndex(model.index(3, col(model, "f2")))
    assert not table.paste("علی\tرضایی\n")
    said = window.grades.message.text()
    assert "متن چسبانده‌شده نمره نیست" in said and "«علی»" in said and "سالانه" not in said
    assert stored(demo_db, model.sheet.sheet_id, model.student_id(3), "c2") == before
