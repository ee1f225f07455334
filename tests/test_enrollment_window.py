"""Moving a student and marking one as left, from the window (pytest-qt, demo school)."""

import jdatetime
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.app import install_fonts, install_translators
from desktop.domain.calendar import SessionKind
from desktop.services.enrollment import history
from desktop.services.school import find_class, find_course
from desktop.views.main_window import MainWindow


def _window(qtbot, db):
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")
    w = MainWindow(db)  # the clerk: enrolment is the office's work
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _student_dialog(w, row):
    w.table.setCurrentIndex(w.students.index(row, 0))
    dialog = w.student_dialog(editing=True)
    assert dialog is not None and not dialog.klass.isEnabled()  # a move has its own dialog
    assert dialog.move_button.isVisible() or not dialog.isVisible()
    return dialog


def test_a_clerk_moves_a_student_and_marks_another_as_left(qtbot, demo_db, tmp_path):
    w = _window(qtbot, demo_db)
    old, new = find_class(demo_db, "دهم تجربی"), find_class(demo_db, "دهم تجربی ۲")
    w.select_class(old.id)
    assert w.students.rowCount() == 40
    moved = w.students.student(0)
    dialog = _student_dialog(w, 0)
    move = dialog.move_or_leave()
    assert [move.klass.itemText(i) for i in range(move.klass.count())] == ["دهم تجربی ۲"]
    assert "دهم تجربی" in move.history.text() and "اکنون" in move.history.text()
    move.day.setText("۱۴۰۵/۰۹/۰۵")  # after today (1 Azar): refused, the dialog stays
    move.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert move.isVisible() and "۱۴۰۵/۰۹/۰۵" in move.message.text()
    move.day.setText("۱۴۰۵/۰۸/۲۰")
    move.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not move.isVisible() and move.result() and dialog.result()
    w._refresh_all()
    assert w.students.rowCount() == 39
    assert [h.class_id for h in history(demo_db, moved.id)] == [old.id, new.id]

    left = w.students.student(0)
    leave = _student_dialog(w, 0).move_or_leave()
    leave.leave.setChecked(True)
    assert not leave.klass.isEnabled() and leave.reason.isEnabled()
    leave.reason.setText("به شهر دیگری رفت")
    leave.day.setText("۱۴۰۵/۰۸/۲۵")
    leave.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not leave.isVisible()
    w._refresh_all()
    assert w.students.rowCount() == 38
    assert history(demo_db, left.id)[-1].left_on == jdatetime.date(1405, 8, 25)

    # the old class's grid still shows both, at its foot, read-only, saying where they went
    w.show_page("grades")
    course = find_course(demo_db, "فیزیک ۱", old.id)
    w.grades.select(SessionKind.KHORDAD, course.id)
    model = w.grades.model
    notes = {model.student_id(r): model.data(model.index(r, model.status_column))
             for r in range(model.rowCount())}
    assert notes[moved.id] == "منتقل به دهم تجربی ۲ در ۱۴۰۵/۰۸/۲۰"
    assert notes[left.id] == "رفته از مدرسه در ۱۴۰۵/۰۸/۲۵"
    foot = model.rowCount() - 1
    assert {model.student_id(foot - 1), model.student_id(foot)} == {moved.id, left.id}
    first_grade = next(c for c in range(model.columnCount()) if model.is_editable_column(c))
    assert not model.flags(model.index(foot, first_grade)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, first_grade)) & Qt.ItemFlag.ItemIsEditable
    assert not w.grades.table.model().paste(foot, first_grade, "18")
    assert "ابراهیمی" not in w.grades.summary.text()
    assert w.grades.summary.text().startswith("۳۸ دانش‌آموز — ۲ نفر دیگر در کلاس نیستند")
    w.grades.table.scrollToBottom()
    w.grab().save(str(tmp_path / "moved.png"))
