"""The year's end from the window (issue 23, point 4): the principal closes a real
school's year on the Setup page, renames a class of the next year and opens it; the
window then works in the new year, and a deputy sees the outcomes but not the buttons."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import install_fonts, install_translators
from desktop.domain.calendar import SessionKind, school_year_shown
from desktop.domain.workflow import Role
from desktop.services.context import PRINCIPAL_ACTOR, Actor
from desktop.services.school import list_classes, list_years
from desktop.views.main_window import MainWindow
from tests.test_year_end import DEPUTY, fill, make_school

PRINCIPAL = Actor("principal", "زهرا رضایی", Role.PRINCIPAL)


def _window(qtbot, db, actor):
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")
    w = MainWindow(db, actor)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _shot(widget, name: str) -> None:
    if os.environ.get("DAFTAR_SHOTS"):
        widget.grab().save(os.path.join(os.environ["DAFTAR_SHOTS"], name))


def test_the_principal_closes_the_year_and_opens_the_next_in_the_window(qtbot, db,
                                                                         monkeypatch):
    _db, classes, people = make_school(db)
    ten = classes["دهم ریاضی 1"]
    for klass in classes.values():
        fill(db, klass.id, SessionKind.DEY, approve=False)
    fill(db, ten.id, SessionKind.KHORDAD)
    w = _window(qtbot, db, PRINCIPAL)
    dialog = w.show_page("setup").year_end_dialog()
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.year.currentText() == school_year_shown(1405) and "باز" in dialog.state.text()
    # refused while the 11th and 12th grades' Khordad sheets wait: said, nothing changed
    dialog.close_button.click()
    assert "۳۰ برگهٔ خرداد" in dialog.message.text() and "دوازدهم ریاضی ۱" in dialog.message.text()
    assert dialog.outcomes.rowCount() == 0 and dialog.close_button.isEnabled()
    for name in ("یازدهم ریاضی 1", "دوازدهم ریاضی 1"):
        fill(db, classes[name].id, SessionKind.KHORDAD)
    dialog.close_button.click()
    assert dialog.message.text() == "" and "بسته" in dialog.said.text()
    assert dialog.outcomes.rowCount() == 11
    outcomes = [dialog.outcomes.item(r, 3).text() for r in range(11)]
    assert outcomes.count("دانش‌آموخته") == 3 and outcomes.count("ارتقا به پایۀ بالاتر") == 8
    assert not any(ch in "0123456789" for ch in dialog.outcomes.item(0, 0).text())
    assert dialog.tabs.currentIndex() == 1 and dialog.plan.rowCount() == 2
    row = next(r for r in range(2) if dialog.plan.item(r, 0).text() == "دهم ریاضی ۱")
    assert dialog.plan.item(row, 2).text() == "یازدهم ریاضی ۱"
    dialog.plan.item(row, 2).setText("یازدهم الف")
    _shot(dialog, "year_end.png")
    dialog.open_button.click()
    assert dialog.message.text() == "", dialog.message.text()
    assert school_year_shown(1406) in dialog.said.text() and "۸ ارتقا" in dialog.said.text()
    assert list_years(db) == [1405, 1406]
    assert {k.name for k in list_classes(db, 1406)} == {"یازدهم الف", "دوازدهم ریاضی 1"}
    # the window now works in the new year: its tree's first year, the setup page's
    QApplication.processEvents()
    assert w.classes.item(0, 0).text().endswith(school_year_shown(1406))
    assert w.show_page("setup")._year == 1406

    # undone from the dialog, confirmed: the next year goes with it
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.year.setCurrentIndex(dialog.year.findData(1405))
    dialog.reopen_button.click()
    assert dialog.message.text() == "" and list_years(db) == [1405]
    assert dialog.outcomes.rowCount() == 0 and dialog.close_button.isEnabled()
    QApplication.processEvents()
    assert w.classes.item(0, 0).text().endswith(school_year_shown(1405))
    dialog.close()


def test_a_deputy_sees_the_outcomes_without_the_buttons(qtbot, db):
    _db, classes, _people = make_school(db)
    for klass in classes.values():
        fill(db, klass.id, SessionKind.DEY, approve=False)
        fill(db, klass.id, SessionKind.KHORDAD)
    from desktop.services.year_end import close_year

    close_year(db, PRINCIPAL_ACTOR, 1405)
    w = _window(qtbot, db, DEPUTY)
    dialog = w.show_page("setup").year_end_dialog()
    assert dialog.outcomes.rowCount() == 11
    assert not any(b.isEnabled() for b in (dialog.close_button, dialog.settle_button,
                                           dialog.open_button, dialog.reopen_button))
