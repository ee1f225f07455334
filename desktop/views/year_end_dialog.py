"""The year's end in the window (the principal's, from the Setup page): close the school
year after Khordad, settle the Shahrivar re-sits, see every student's outcome, open the
next year from the proposed classes (renamed or merged by editing a name), or undo the
closing while the next year has no grade.

Everything goes through :mod:`desktop.services.year_end` and
:mod:`desktop.services.next_year`, the paths ``daftar year`` takes; a refusal (with the
sheets or grades missing, named) shows under the dialog and changes nothing.  Another
user sees the outcomes; the buttons are the principal's.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import school_year_shown
from ..domain.errors import DaftarError
from ..domain.grading import format_grade
from ..domain.text import isolate, to_persian_digits
from ..domain.year_end import ClosingStage, Outcome
from ..models.db import Database
from ..services import Actor
from ..services import next_year as next_year_service
from ..services import year_end as year_end_service
from ..services.school import list_years
from .widgets import error_label

PROMOTE_TO, REPEAT_TO = 2, 4  # the plan's editable columns


def _item(text: str, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class YearEndDialog(QDialog):
    year_opened = Signal(int)    # the new school year, after it was opened
    year_reopened = Signal(int)  # a closing undone (the next year removed with it)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._plan: list[next_year_service.ClassPlan] = []
        self.setWindowTitle(self.tr("The year's end"))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _i: self.load())
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.outcomes = QTableWidget(0, 6)
        self.outcomes.setHorizontalHeaderLabels([
            self.tr("National code"), self.tr("Name"), self.tr("Class"), self.tr("Outcome"),
            self.tr("Shahrivar courses"), self.tr("Average")])
        self.plan = QTableWidget(0, 6)
        self.plan.setHorizontalHeaderLabels([
            self.tr("Class"), self.tr("Promoted"), self.tr("Next year's class"),
            self.tr("Repeating"), self.tr("Repeating in"), self.tr("Note")])
        for table in (self.outcomes, self.plan):
            table.verticalHeader().hide()  # no row numbers in Latin digits
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.outcomes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.outcomes, self.tr("Outcomes"))
        self.tabs.addTab(self.plan, self.tr("The next year's classes"))
        self.plan_hint = QLabel(self.tr(
            "Edit a name to rename the class; give two classes one name to merge them. A "
            "class is split after opening, by moving students."))
        self.plan_hint.setWordWrap(True)

        self.close_button = QPushButton(self.tr("Close the year"))
        self.settle_button = QPushButton(self.tr("Settle the Shahrivar results"))
        self.open_button = QPushButton(self.tr("Open the next year"))
        self.reopen_button = QPushButton(self.tr("Undo the closing…"))
        self.close_button.clicked.connect(lambda: self._do(self.close_year))
        self.settle_button.clicked.connect(lambda: self._do(self.settle))
        self.open_button.clicked.connect(lambda: self._do(self.open_next))
        self.reopen_button.clicked.connect(lambda: self._do(self.reopen))
        buttons = QHBoxLayout()
        for b in (self.close_button, self.settle_button, self.open_button, self.reopen_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done.rejected.connect(self.reject)
        self.message = error_label()
        self.said = QLabel()
        self.said.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("School year")))
        top.addWidget(self.year)
        top.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.plan_hint)
        layout.addLayout(buttons)
        layout.addWidget(self.said)
        layout.addWidget(self.message)
        layout.addWidget(done)
        self.resize(920, 600)  # inside a 1366x768 screen with its title bar
        self._fill_years()

    def _fill_years(self, chosen: int | None = None) -> None:
        years = list(reversed(list_years(self._db)))
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(school_year_shown(y), y)
        self.year.blockSignals(False)
        index = self.year.findData(chosen) if chosen is not None else 0
        self.year.setCurrentIndex(max(index, 0))
        self.load()

    @property
    def school_year(self) -> int:
        return int(self.year.currentData())

    def load(self) -> None:
        if self.year.currentData() is None:
            return
        state = year_end_service.year_state(self._db, self.school_year)
        counts = "، ".join(f"{o.label_fa}: {to_persian_digits(state.count(o))}"
                           for o in Outcome if state.count(o))
        stage = state.stage.label_fa if state.stage else self.tr("open")
        self.state.setText(f"{stage}" + (f" — {counts}" if counts else ""))
        self.outcomes.setRowCount(len(state.outcomes))
        for row, o in enumerate(state.outcomes):
            average = format_grade(o.average) if o.average is not None else "—"
            cells = (to_persian_digits(o.identity), o.name, to_persian_digits(o.class_name),
                     o.outcome.label_fa, to_persian_digits("، ".join(o.courses)), average)
            for col, text in enumerate(cells):
                self.outcomes.setItem(row, col, _item(text))
        self._plan = next_year_service.propose(self._db, self.school_year, state) \
            if state.stage is ClosingStage.FINAL and not state.next_opened else []
        self.plan.setRowCount(len(self._plan))
        for row, p in enumerate(self._plan):
            cells = [(to_persian_digits(p.source_name), False),
                     (to_persian_digits(p.promoted), False),
                     (to_persian_digits(p.promote_to or "—"), p.promote_to is not None),
                     (to_persian_digits(p.repeating), False),
                     (to_persian_digits(p.repeat_to or "—"), p.repeat_to is not None),
                     (p.note, False)]
            for col, (text, editable) in enumerate(cells):
                self.plan.setItem(row, col, _item(text, editable))
        principal = self._actor.role in year_end_service.YEAR_END_ROLES
        self.close_button.setEnabled(principal and state.stage is None)
        self.settle_button.setEnabled(principal and state.stage is ClosingStage.KHORDAD)
        self.open_button.setEnabled(principal and bool(self._plan))
        self.reopen_button.setEnabled(principal and state.stage is not None)
        if not principal:
            for b in (self.close_button, self.settle_button, self.open_button,
                      self.reopen_button):
                b.setToolTip(self.tr("The principal's"))
        self.tabs.setCurrentIndex(1 if self._plan else 0)

    def _do(self, step) -> None:  # type: ignore[no-untyped-def]
        self.message.clear()
        self.said.clear()
        try:
            step()
        except DaftarError as e:
            self.message.setText(e.message())

    def close_year(self) -> None:
        state = year_end_service.close_year(self._db, self._actor, self.school_year)
        self.load()
        self.said.setText(self.tr("The year was closed: {stage}.").format(
            stage=state.stage.label_fa if state.stage else ""))

    def settle(self) -> None:
        year_end_service.settle_resits(self._db, self._actor, self.school_year)
        self.load()
        self.said.setText(self.tr("The Shahrivar results were settled; the year is closed."))

    def edited_plan(self) -> list[next_year_service.ClassPlan]:
        """The proposal with the names as edited in the table."""
        out = []
        for row, p in enumerate(self._plan):
            up = self.plan.item(row, PROMOTE_TO).text().strip()
            stay = self.plan.item(row, REPEAT_TO).text().strip()
            out.append(replace(p, promote_to=up if p.promote_to is not None else None,
                               repeat_to=stay if p.repeat_to is not None else None))
        return out

    def open_next(self) -> None:
        done = next_year_service.open_next_year(self._db, self._actor, self.school_year,
                                                self.edited_plan())
        text = self.tr("School year {year} was opened: {classes} classes, {promoted} "
                       "promoted, {repeating} repeating, {teaching} courses with their "
                       "teacher.").format(
            year=school_year_shown(done.year), classes=to_persian_digits(len(done.classes)),
            promoted=to_persian_digits(done.promoted),
            repeating=to_persian_digits(done.repeating),
            teaching=to_persian_digits(done.teaching))
        if done.not_placed:
            text += "\n" + self.tr("Not placed: {who}").format(
                who=to_persian_digits("؛ ".join(done.not_placed)))
        self._fill_years(self.school_year)
        self.said.setText(text)
        self.year_opened.emit(done.year)

    def reopen(self) -> None:
        year = self.school_year
        nxt = school_year_shown(year + 1)
        ask = QMessageBox.question(self, self.tr("Undo the closing"), self.tr(
            "Undo the closing of {year}? Every outcome is removed, and school year {next}, "
            "if it was opened, is removed with its classes and enrolments (it has no "
            "grade).").format(year=isolate(school_year_shown(year)), next=isolate(nxt)))
        if ask != QMessageBox.StandardButton.Yes:
            return
        year_end_service.reopen_year(self._db, self._actor, year)
        self._fill_years(year)
        self.said.setText(self.tr("The closing of {year} was undone.").format(
            year=school_year_shown(year)))
        self.year_reopened.emit(year)
