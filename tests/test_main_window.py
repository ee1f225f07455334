"""The window, driven with pytest-qt on the demo school; a screenshot is saved to look at."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import install_translators
from desktop.services.school import find_class, list_courses
from desktop.views.main_window import MainWindow
from desktop.views.student_model import StudentTableModel


@pytest.fixture
def window(qtbot, demo_db):
    install_translators(QApplication.instance(), "fa")
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_window_is_right_to_left_and_persian(window):
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert window.windowTitle().startswith("دفتر")
    assert window.search.placeholderText() == "جست‌وجو با نام یا کد ملی"
    assert window.students.rowCount() == 1000
    assert window.count.text() == "۱۰۰۰ دانش‌آموز"
    assert "پایگاه داده" in window.db_label.text()


def test_choosing_a_class_lists_its_students(window, demo_db, qtbot, tmp_path):
    klass = find_class(demo_db, "دهم ریاضی")
    window.select_class(klass.id)
    assert window.students.rowCount() == 40
    model = window.students
    assert {model.data(model.index(r, StudentTableModel.CLASS)) for r in range(40)} == {
        "دهم ریاضی"}
    first = model.data(model.index(0, StudentTableModel.ID))
    assert len(first) == 10 and all(ch in "۰۱۲۳۴۵۶۷۸۹" for ch in first)
    last_names = [model.student(r).last_name for r in range(40)]
    from desktop.domain.text import collation_key
    assert last_names == sorted(last_names, key=collation_key)
    window.grab().save(str(tmp_path / "main_window.png"))
    assert (tmp_path / "main_window.png").stat().st_size > 10_000


def test_search_finds_names_whatever_form_is_typed(window, qtbot):
    window.search.setText("علي پور")  # Arabic ي, a space instead of ZWNJ
    found = {window.students.student(r).last_name for r in range(window.students.rowCount())}
    assert found == {"علی‌پور"}
    window.search.setText("")
    assert window.students.rowCount() == 1000


def test_student_model_passes_the_model_tester(qtmodeltester, demo_db):
    from desktop.services.students import search_students

    model = StudentTableModel()
    model.set_rows(search_students(demo_db, limit=50))
    qtmodeltester.check(model)


def test_pages_are_made_when_first_shown_and_made_once(window, demo_db):
    from desktop.views.grade_page import GradePage

    klass = find_class(demo_db, "دهم ریاضی")
    window.select_class(klass.id)           # before the grades page exists
    assert window.made("grades") is None and window.made("queue") is None
    page = window.show_page("grades")
    assert isinstance(page, GradePage) and page.isVisible()
    assert window.grades is page and window.made("grades") is page
    def courses():
        return [page.course.itemData(i) for i in range(page.course.count())]

    def expected(class_id):
        return [c.id for c in list_courses(demo_db, class_id)]

    assert courses() == expected(klass.id) and page.model is not None  # chosen before made
    other = find_class(demo_db, "یازدهم ریاضی")
    window.select_class(other.id)           # a page that exists follows the tree
    assert courses() == expected(other.id) != expected(klass.id)
    assert window.made("queue") is None     # showing one page makes no other


def test_pages_made_after_the_window_is_up_show_no_window_of_their_own(demo_db, qtbot):
    """A widget made visible before it has a parent is a window for a moment; made after the
    main window was shown (the sync page is, after the first paint), it took the keyboard."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.services.context import PRINCIPAL_ACTOR

    window = MainWindow(demo_db, PRINCIPAL_ACTOR)  # every page, the principal's buttons too
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    shown: list[str] = []

    class Windows(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if (event.type() == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow()
                    and obj is not window):
                shown.append(type(obj).__name__)
            return False

    spy = Windows()
    QApplication.instance().installEventFilter(spy)
    try:
        window.start_background()  # the central server's page, the audit check, the backup
        for name in ("grades", "queue", "deadlines", "sync", "records", "repair", "statistics",
                     "users"):
            window.show_page(name)
        window.office.finish()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert shown == []


def test_lines_made_outside_a_widget_are_persian_too(window):
    """Strings translated by QCoreApplication.translate outside a widget's tr() (the status
    bar's line about the central server, the inputs naming a graduate) are in the catalogue
    under the context they are asked with."""
    from desktop.views.widgets import identity_inputs

    assert window.server_label.text().startswith("سرور مرکزی:")
    kind, _who, secret = identity_inputs()
    assert kind.itemText(0) == "کد ملی"
    assert secret.placeholderText().startswith("سریال شناسنامه")


def test_the_role_once_persian_row_numbers_and_exit(qtbot, demo_db):
    """Issue 25, points 4, 7 and 13 (a start): the signed-in principal's role is said once,
    the Users and Deadlines tables number their rows in Persian digits, and File → Exit
    (Ctrl+Q) closes the window."""
    from desktop.services.auth import login

    install_translators(QApplication.instance(), "fa")
    w = MainWindow(demo_db, login(demo_db, "principal", "daftar"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.role_label.text() == "زهرا رضایی (مدیر)"
    users = w.show_page("users").table
    deadlines = w.show_page("deadlines")
    tables = [users] + [t for box in deadlines.boxes for t in box.findChildren(type(users))]
    assert len(tables) > 1
    for table in tables:
        numbers = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
        assert numbers[:3] == ["۱", "۲", "۳"][:len(numbers)], numbers
    exit_action = w.office.exit_action
    assert exit_action.text() == "خروج" and exit_action.shortcut().toString() == "Ctrl+Q"
    exit_action.trigger()
    assert not w.isVisible()


def test_the_status_bar_keeps_a_long_path_s_ends_and_names_the_file_alone(qtbot, demo_db):
    """Issue 25, point 7: a backup's long path is cut in its middle (its start and the
    file's name stay), whole in the tooltip, with a gap before the permanent labels; the
    database is named by its file."""
    install_translators(QApplication.instance(), "fa")
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    path = "/home/office/" + "پشتیبان‌ها/" * 12 + "daftar-1405-09-15.sqlite"
    w.office.said.emit(f"پشتیبان ذخیره شد: {path}")
    shown = w.message.text()
    assert "…" in shown and shown.startswith("پشتیبان ذخیره شد") and \
        shown.endswith("daftar-1405-09-15.sqlite")
    assert w.message.toolTip().endswith(path) and w.message.full_text().endswith(path)
    assert w.db_label.text() == "پایگاه داده: demo.sqlite" and "demo.sqlite" in \
        w.db_label.toolTip()
    assert w.db_label.contentsMargins().left() > 0
