"""Sign-in, first-run setup, idle lock, the queue page, deadlines, users and history."""

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from desktop.app import install_fonts, install_translators
from desktop.domain.calendar import SessionKind
from desktop.domain.workflow import Action, SheetState
from desktop.services import approvals, auth
from desktop.services.grades import open_sheet, read_sheet
from desktop.services.school import find_class, find_course, get_school
from desktop.views.login import IdleLock, LoginDialog, SetupDialog
from desktop.views.main_window import MainWindow
from tests.qt_helpers import type_text


@pytest.fixture(autouse=True)
def persian():
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")


def window_for(qtbot, db, username):
    w = MainWindow(db, auth.login(db, username, "daftar"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_login_dialog(qtbot, demo_db):
    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "daftar" in dialog.hint.text()  # the demo school shows its password
    type_text("principal", dialog.username)
    type_text("اشتباه", dialog.password)
    dialog.try_login()
    assert dialog.message.text() == "نام کاربری یا گذرواژه نادرست است."
    assert dialog.actor is None and dialog.password.text() == ""
    type_text("daftar", dialog.password)
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.username == "principal"


def test_first_run_setup_creates_the_school_and_principal(qtbot, db):
    dialog = SetupDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    for field, text in (("code", "۸۷۶۵۴۳۲۱"), ("name", "هنرستان فنی شهید رجایی"),
                        ("district", "منطقه ۱۲"), ("province", "اصفهان"),
                        ("display_name", "علی کاظمی"), ("password", "secret-1"),
                        ("again", "secret-2")):
        type_text(text, getattr(dialog, field))
    dialog.save()
    assert "یکی نیستند" in dialog.message.text()
    dialog.again.clear()
    type_text("secret-1", dialog.again)
    dialog.save()
    assert dialog.result() == 1
    assert get_school(db).code == "87654321"
    assert auth.login(db, "principal", "secret-1").display_name == "علی کاظمی"
    login = LoginDialog(db)
    qtbot.addWidget(login)
    assert login.hint.text() == ""  # a real school never shows a password


def test_idle_lock_hides_the_window_until_the_password(qtbot, demo_db):
    w = window_for(qtbot, demo_db, "clerk")
    lock = IdleLock(w, demo_db, w._actor, minutes=0.002)  # 120 ms
    lock.start()
    qtbot.waitUntil(lambda: lock.dialog is not None, timeout=3000)
    assert not w.centralWidget().isVisible()
    assert lock.dialog.username.text() == "clerk" and lock.dialog.username.isReadOnly()
    type_text("wrong!", lock.dialog.password)
    lock.dialog.try_login()
    assert not w.centralWidget().isVisible()
    type_text("daftar", lock.dialog.password)
    lock.dialog.try_login()
    assert w.centralWidget().isVisible() and lock.dialog is None
    QApplication.instance().removeEventFilter(lock)


def _select_rows(page, rows):
    sel = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    for r in rows:
        sel.select(page.model.index(r, 0), flags.Select | flags.Rows)


def test_queue_pages_move_sheets_through_the_school(qtbot, demo_db, tmp_path):
    clerk = window_for(qtbot, demo_db, "clerk")
    clerk.show_page("queue")
    page = clerk.queue
    assert Action.SUBMIT in page.buttons and Action.APPROVE not in page.buttons
    assert page.model.rowCount() == 319  # every Khordad sheet is a draft but the graduates' 14
    _select_rows(page, [0, 1, 2])
    chosen = page.selected()
    page.apply(Action.SUBMIT)
    assert page.message.text() == ""
    assert page.model.rowCount() == 316
    assert "ثبت‌شده: ۳" in page.counts.text()

    deputy = window_for(qtbot, demo_db, "deputy")
    deputy.show_page("queue")
    dq = deputy.queue
    assert [r.sheet_id for r in dq.model.rows] == chosen
    assert set(dq.buttons) == {Action.REVIEW, Action.REJECT}
    dq.table.selectAll()
    dq.apply(Action.REJECT)
    assert "دلیل" in dq.message.text()  # a rejection needs its reason
    type_text("نمره‌های مستمر دوباره بررسی شود", dq.reason)
    dq.apply(Action.REJECT)
    assert dq.model.rowCount() == 0
    data = read_sheet(demo_db, chosen[0])
    assert data.state is SheetState.DRAFT
    assert data.last_reason == "نمره‌های مستمر دوباره بررسی شود"
    deputy.grab().save(str(tmp_path / "queue.png"))


def test_the_grid_shows_the_rejection_reason_and_a_teachers_lock(qtbot, demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    farsi = find_course(demo_db, "فارسی ۱", klass.id)
    sheet = open_sheet(demo_db, klass.id, farsi.id, SessionKind.KHORDAD)
    approvals.move(demo_db, [sheet], Action.SUBMIT, auth.login(demo_db, "clerk", "daftar"))
    approvals.move(demo_db, [sheet], Action.REJECT, auth.login(demo_db, "deputy", "daftar"),
                   reason="ستون مستمر ناقص است")
    teacher = window_for(qtbot, demo_db, "teacher1")
    teacher.show_page("grades")
    teacher.select_class(klass.id)
    teacher.grades.select(SessionKind.KHORDAD, farsi.id)
    assert teacher.grades.banner.isVisibleTo(teacher)
    assert "به شما واگذار نشده" in teacher.grades.banner.text()
    assert "ستون مستمر ناقص است" in teacher.grades.banner.text()
    physics = find_course(demo_db, "فیزیک ۱", klass.id)
    teacher.grades.select(SessionKind.KHORDAD, physics.id)
    assert not teacher.grades.banner.isVisibleTo(teacher)
    assert teacher.grades.model.is_editable_column(5)
    # the clerk sees the returned sheet editable, with the reason it came back
    clerk = window_for(qtbot, demo_db, "clerk")
    clerk.show_page("grades")
    clerk.select_class(klass.id)
    clerk.grades.select(SessionKind.KHORDAD, farsi.id)
    assert clerk.grades.model.is_editable_column(5)
    assert clerk.grades.banner.text() == "دلیل آخرین برگشت: ستون مستمر ناقص است"


def test_deadlines_page(qtbot, demo_db, tmp_path):
    w = window_for(qtbot, demo_db, "principal")
    w.show_page("deadlines")
    texts = [b.findChildren(type(w.count))[0].text() for b in w.deadlines.boxes]
    assert texts[0].startswith("مهلت ۱۴۰۵/۱۲/۱۰: ۱۰۰ روز مانده")
    assert "۳۱۹ برگه هنوز تأیید نشده" in texts[1]  # the graduating class is final
    demo_db.clock = lambda: dt.datetime(2027, 3, 2, tzinfo=dt.UTC)
    w.deadlines.refresh()
    texts = [b.findChildren(type(w.count))[0].text() for b in w.deadlines.boxes]
    assert "قفل" in texts[0]
    w.grab().save(str(tmp_path / "deadlines.png"))


def test_users_page_only_for_the_principal(qtbot, demo_db):
    assert window_for(qtbot, demo_db, "deputy").users is None
    page = window_for(qtbot, demo_db, "principal").users
    assert page.table.rowCount() == 5
    type_text("teacher3", page.username)
    type_text("مینا جعفری", page.name)
    type_text("123", page.password)
    page.add()
    assert "دست‌کم" in page.message.text() and page.table.rowCount() == 5
    type_text("456789", page.password)
    page.add()
    assert page.table.rowCount() == 6 and page.message.text() == ""


def test_history_of_a_grade_from_the_grid(qtbot, demo_db):
    w = window_for(qtbot, demo_db, "clerk")
    klass = find_class(demo_db, "دهم ریاضی")
    w.select_class(klass.id)
    w.grades.select(SessionKind.KHORDAD, find_course(demo_db, "فیزیک ۱", klass.id).id)
    model = w.grades.model
    for value in ("15", "16"):
        assert model.setData(model.index(0, 5), value)
    w.grades.table.setCurrentIndex(model.index(0, 5))
    dialog = w.grades.show_history()
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 3).text() for r in range(2)] == ["۱۵", "۱۶"]
    assert table.item(1, 2).text() == "۱۵" and table.item(0, 1).text() == "clerk"


def test_rows_chosen_with_the_mouse_are_the_ones_moved(qtbot, demo_db):
    clerk = window_for(qtbot, demo_db, "clerk")
    clerk.show_page("queue")
    page = clerk.queue
    view = page.table
    first = view.visualRect(page.model.index(0, 1)).center()
    third = view.visualRect(page.model.index(2, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=third)
    wanted = [page.model.rows[0].sheet_id, page.model.rows[2].sheet_id]
    assert page.selected() == wanted
    page.buttons[Action.SUBMIT].click()
    assert {read_sheet(demo_db, s).state for s in wanted} == {SheetState.SUBMITTED}
    assert approvals.counts(demo_db, 1405)[SheetState.SUBMITTED] == 2
