"""The approval queue of the signed-in role, the deadline dashboard, users, grade history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import format_instant, format_jalali
from ..domain.errors import DaftarError
from ..domain.text import to_persian_digits
from ..domain.workflow import TRANSITIONS, Action, Role, SheetState
from ..models.db import Database
from ..services import Actor
from ..services.approvals import WAITING_FOR, SheetSummary, counts, dashboard, move, queue
from ..services.audit import grade_history
from ..services.auth import create_user, list_users
from .widgets import Index, RowTableModel, error_label, persian_rows


class QueueModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SheetSummary] = []
        self.headers = [self.tr("Class"), self.tr("Course"), self.tr("Session"),
                        self.tr("State"), self.tr("Empty cells"), self.tr("Last reason")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [to_persian_digits(r.class_name), to_persian_digits(r.course_name),
                    r.session.label_fa,
                    r.state.label_fa, to_persian_digits(r.missing), r.last_reason or ""
                    ][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and r.missing:
            return QBrush(QColor("#fff4e5"))
        return None


class QueuePage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._year = db, actor, year
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()   # class and course whole, the reason stretched
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (needed to send back)"))
        self.buttons: dict[Action, QPushButton] = {}
        row = QHBoxLayout()
        states = WAITING_FOR.get(actor.role, ())
        for (action, state), (_target, roles) in TRANSITIONS.items():
            if state in states and actor.role in roles and action not in self.buttons:
                button = QPushButton(action.label_fa)
                button.clicked.connect(lambda _c=False, a=action: self.apply(a))
                self.buttons[action] = button
                row.addWidget(button)
        row.addWidget(self.reason, 1)
        self.select_all = QPushButton(self.tr("Select all"))
        self.select_all.clicked.connect(self.table.selectAll)
        row.addWidget(self.select_all)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        """Loaded each time it is shown (not at start-up): the queue is always current."""
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.model.set_rows(queue(self._db, self._actor, self._year))
        per_state = counts(self._db, self._year)
        self.counts.setText(self.tr("Waiting for you: {n}").format(
            n=to_persian_digits(self.model.rowCount())) + " — " + "، ".join(
            f"{state.label_fa}: {to_persian_digits(n)}" for state, n in per_state.items() if n))

    def selected(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].sheet_id for r in rows]

    def apply(self, action: Action) -> None:
        ids = self.selected()
        if not ids:
            self.message.setText(self.tr("Select one or more sheets first."))
            return
        try:
            move(self._db, ids, action, self._actor, self.reason.text() or None)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.message.clear()
        self.reason.clear()
        self.refresh()
        self.changed.emit()


class DashboardPage(QWidget):
    """Per session: the deadline, days left, and what is not yet approved or sent, by class."""

    def __init__(self, db: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._year = db, year
        self._layout = QVBoxLayout(self)
        self.boxes: list[QGroupBox] = []

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        early = {SheetState.DRAFT, SheetState.SUBMITTED, SheetState.REVIEWED}
        unsent = early | {SheetState.APPROVED, SheetState.QUEUED}
        self.boxes: list[QGroupBox] = []
        for d in dashboard(self._db, self._year):
            box = QGroupBox(d.session.label_fa)
            inner = QVBoxLayout(box)
            if d.locked:
                line = self.tr("Deadline {date} has passed; the session is locked.").format(
                    date=format_jalali(d.deadline))
            else:
                line = self.tr("Deadline {date}: {days} days left; {open} sheets not yet "
                               "approved, {unsent} not yet sent.").format(
                    date=format_jalali(d.deadline), days=to_persian_digits(d.days_left),
                    open=to_persian_digits(d.not_approved), unsent=to_persian_digits(d.not_sent))
            inner.addWidget(QLabel(line))
            if d.per_class:
                table = QTableWidget(len(d.per_class), 3)
                table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Not approved"),
                                                 self.tr("Not sent")])
                for i, (name, c) in enumerate(sorted(d.per_class.items())):
                    values = [to_persian_digits(name),
                              to_persian_digits(sum(n for s, n in c.items() if s in early)),
                              to_persian_digits(sum(n for s, n in c.items() if s in unsent))]
                    for j, v in enumerate(values):
                        table.setItem(i, j, QTableWidgetItem(v))
                persian_rows(table)
                table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
                table.setMaximumHeight(220)
                inner.addWidget(table)
            self._layout.addWidget(box)
            self.boxes.append(box)
        self._layout.addStretch(1)


class UsersPage(QWidget):
    """The school's users; the principal adds new ones (the service checks the role)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Username"), self.tr("Name"),
                                              self.tr("Role")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.username, self.name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for role in (Role.TEACHER, Role.CLERK, Role.DEPUTY, Role.PRINCIPAL):
            self.role.addItem(role.label_fa, role.value)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.add_button)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        users = list_users(self._db)
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            for j, v in enumerate((u.username, u.display_name, u.role.label_fa)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        persian_rows(self.table)

    def add(self) -> None:
        try:
            create_user(self._db, self.username.text(), self.name.text(),
                        Role(self.role.currentData()), self.password.text(), self._actor)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.message.clear()
        for w in (self.username, self.name, self.password):
            w.clear()
        self.refresh()


class HistoryDialog(QDialog):
    """Who changed one grade cell, when, from what to what, and why."""

    def __init__(self, db: Database, sheet_id: int, student_id: int, component: str,
                 title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History: {what}").format(what=title))
        self.resize(640, 320)
        entries = grade_history(db, sheet_id, student_id, component)
        self.table = QTableWidget(len(entries), 5)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Old"),
                                              self.tr("New"), self.tr("Why")])
        for i, e in enumerate(entries):
            values = [format_instant(e.at), e.actor,
                      to_persian_digits(e.old or "—"), to_persian_digits(e.new or "—"),
                      e.reason or ""]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        persian_rows(self.table)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
