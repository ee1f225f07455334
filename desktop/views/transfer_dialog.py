"""A student arriving from another school (the office's): the national code typed, the
transfer found on the central server (only one addressed to this school), what the centre
holds of the student shown (their details and the grades of the sessions done at the old
school), a class of the year chosen, and the student enrolled with those grades, which
count here once.  Reached from the New student dialog.  Everything goes through
:mod:`desktop.services.transfers`; a refusal (nothing sent yet, a wrong national code, a
student in a class here already) shows under the dialog and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..domain.calendar import SessionKind, format_jalali, parse_jalali, today_tehran
from ..domain.errors import DaftarError
from ..domain.identity import normalize_national_code
from ..domain.text import isolate, to_persian_digits
from ..models.db import Database
from ..services import Actor
from ..services.arrivals import find_incoming
from ..services.school import list_classes
from ..services.transfers import Incoming, transfer_in
from .widgets import save_or_cancel


class TransferInDialog(QDialog):
    def __init__(self, db: Database, year: int, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.incoming: Incoming | None = None
        self.student_id: int | None = None
        self.setWindowTitle(self.tr("A student from another school"))
        self.identity = QLineEdit()
        self.identity.setPlaceholderText(self.tr("national code"))
        self.find_button = QPushButton(self.tr("Find on the central server"))
        self.find_button.clicked.connect(lambda: self.find())
        self.identity.returnPressed.connect(lambda: self.find())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.grades = QTableWidget(0, 5)
        self.grades.setHorizontalHeaderLabels([
            self.tr("School year"), self.tr("Session"), self.tr("Course"), self.tr("Column"),
            self.tr("Grade")])
        self.grades.verticalHeader().hide()
        self.grades.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grades.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grades.setMinimumHeight(180)
        self.klass = QComboBox()
        for c in list_classes(db, year):
            self.klass.addItem(to_persian_digits(c.name), c.id)
        self.day = QLineEdit(format_jalali(today_tehran(db.clock())))

        find_row = QHBoxLayout()
        find_row.addWidget(self.identity, 1)
        find_row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("National code"), find_row)
        form.addRow(self.details)
        form.addRow(self.tr("Grades at the centre"), self.grades)
        form.addRow(self.tr("Class"), self.klass)
        form.addRow(self.tr("Enrolled on"), self.day)
        self.message, self.buttons = save_or_cancel(self, form, self.save)
        self.setMinimumWidth(620)
        self._ready(False)

    def _ready(self, found: bool) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(found)

    def find(self) -> None:
        self.message.clear()
        self.incoming = None
        self._ready(False)
        try:
            code = normalize_national_code(self.identity.text())
            self.incoming = find_incoming(self._db, code)
        except DaftarError as e:
            self.details.clear()
            self.grades.setRowCount(0)
            self.message.setText(e.message())
            return
        i = self.incoming
        d = i.details
        self.details.setText(self.tr(
            "{name}, child of {father}, born {birth}; left {school} (code {code}) on {day}, "
            "class {klass}; slip {slip}.").format(
            name=i.name, father=d.get("father", ""),
            birth=format_jalali(dt.date.fromisoformat(d["birth"])) if d.get("birth") else "—",
            school=isolate(i.from_name), code=to_persian_digits(i.from_school),
            day=format_jalali(i.left_on), klass=to_persian_digits(d.get("class", "—")),
            slip=to_persian_digits(i.slip)))
        self.adjustSize()  # the details' lines wrapped: the dialog grows to show them all
        self.grades.setRowCount(len(i.grades))
        for row, g in enumerate(i.grades):
            cells = (to_persian_digits(g["year"]), SessionKind(g["session"]).label_fa,
                     to_persian_digits(g["course"]), g["component"],
                     to_persian_digits(g["value"]))
            for col, text in enumerate(cells):
                self.grades.setItem(row, col, QTableWidgetItem(str(text)))
        self._ready(True)

    def save(self) -> None:
        if self.incoming is None:
            return
        try:
            self.student_id = transfer_in(self._db, self._actor, self.incoming,
                                          self.klass.currentData(),
                                          parse_jalali(self.day.text()))
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.accept()
