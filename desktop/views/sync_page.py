"""The central-server page: the outbox, each sheet's way, the last success and errors,
the deadline countdown, "Send now", and enrolment (principal).

Sync runs on its own worker thread (``TaskRunner``), started by the button or by a
timer every few minutes (``DAFTAR_SYNC_MINUTES``, 5; 0 turns it off); the page and
the grid stay usable while it waits for the network.  The page holds no database
session: it reads through ``services.sync`` and ``services.approvals``.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import format_instant, format_jalali
from ..domain.errors import DaftarError
from ..domain.text import to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..services import Actor, sync
from ..services.approvals import dashboard
from .tasks import Task, TaskRunner
from .widgets import REFUSAL_STYLE, Index, RowTableModel, error_label


def _when(value: Any) -> str:
    return "" if value is None else format_instant(value)


class OutboxModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[sync.BatchInfo] = []
        self.headers = [self.tr("Made"), self.tr("Contents"), self.tr("Items"),
                        self.tr("Grade rows"), self.tr("State"), self.tr("Attempts"),
                        self.tr("Server's answer or error")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            answer = b.last_error or (self.tr("Receipt {when}").format(when=_when(b.sent_at))
                                      if b.sent_at else "")
            if b.state == sync.QUEUED and b.next_attempt_at is not None:
                answer += " — " + self.tr("next try {when}").format(
                    when=_when(b.next_attempt_at))
            return [_when(b.created_at), b.kind_fa, to_persian_digits(b.items),
                    to_persian_digits(b.rows), b.state_fa, to_persian_digits(b.attempts),
                    answer][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and (b.state == sync.REFUSED or b.last_error):
            return QBrush(QColor("#fdecea"))
        return None


class SheetSyncModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[sync.SheetSync] = []
        self.headers = [self.tr("Sheet"), self.tr("State"), self.tr("Where it is")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [to_persian_digits(r.title), r.state.label_fa, r.note][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and r.failed:
            return QBrush(QColor("#fdecea"))
        return None


class ConnectDialog(QDialog):
    """Enrol with the central server: its address and the school's one-time code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to the central server"))
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://")
        self.server.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code = QLineEdit()
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        form = QFormLayout(self)
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("Enrolment code"), self.code)
        self.message = error_label()
        form.addRow(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)


def server_status(db: Database) -> str:
    """The status bar's line about the central server (the main window shows it before
    this page is made)."""
    # QCoreApplication.translate written out, with this page's context: see identity_inputs
    st = sync.status(db)
    if not st.configured:
        return QCoreApplication.translate("SyncPage", "Central server: not configured")
    if st.last_error:
        return QCoreApplication.translate(
            "SyncPage", "Central server: not sent ({queued} waiting)").format(
            queued=to_persian_digits(st.queued + st.ready))
    return QCoreApplication.translate("SyncPage", "Central server: last sent {when}").format(
        when=_when(st.last_success) or QCoreApplication.translate("SyncPage", "never"))


class SyncPage(QWidget):
    """Emits ``synced(text)`` with a one-line status for the status bar after each run."""

    synced = Signal(str)

    def __init__(self, db: Database, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._year = db, actor, year
        self.runner = TaskRunner()   # its own worker: printing or an import never waits on it
        self.task: Task | None = None
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(REFUSAL_STYLE)
        self.countdown = QLabel()
        self.countdown.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send now"))
        self.connect_button = QPushButton(self.tr("Connect to the central server…"))
        self.outbox = OutboxModel(self)
        self.sheets = SheetSyncModel(self)
        self.outbox_view, self.sheets_view = QTableView(), QTableView()
        for view, model, stretch in ((self.outbox_view, self.outbox, 6),
                                     (self.sheets_view, self.sheets, 2)):
            view.setModel(model)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.sheets_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.outbox_view)
        split.addWidget(self.sheets_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.connect_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.countdown)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        # Only once it is a child: shown while it had no parent, it was a window of its own
        # for a moment (and took the keyboard from the main window when made after it).
        self.connect_button.setVisible(actor.role is Role.PRINCIPAL)
        self.send_button.clicked.connect(lambda: self.send_now())
        self.connect_button.clicked.connect(self.connect_server)
        self.timer = QTimer(self)
        minutes = float(os.environ.get("DAFTAR_SYNC_MINUTES", "5"))
        if minutes > 0:
            self.timer.setInterval(int(minutes * 60_000))
            self.timer.timeout.connect(lambda: self.send_now(background=True))
            self.timer.start()
        self.timeout = float(os.environ.get("DAFTAR_SYNC_TIMEOUT", "30"))  # seconds a request

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.finished.is_set()

    def refresh(self) -> None:
        st = sync.status(self._db)
        self.outbox.set_rows(sync.outbox(self._db))
        self.sheets.set_rows(sync.sheet_states(self._db, self._year))
        if not st.configured:
            self.state.setText(DaftarError("sync.not_configured").message())
        else:
            self.state.setText(self.tr(
                "Server: {server} — last success: {ok} — in the outbox: {queued}, "
                "refused: {refused}, ready to pack: {ready}").format(
                server=st.server, ok=_when(st.last_success) or self.tr("never"),
                queued=to_persian_digits(st.queued), refused=to_persian_digits(st.refused),
                ready=to_persian_digits(st.ready)))
        self.error.setText(st.last_error or "")
        self.send_button.setEnabled(st.configured and not self.busy)
        lines = []
        for d in dashboard(self._db, self._year):
            if d.locked:
                lines.append(self.tr("{session}: deadline {date} has passed; records are "
                                     "locked.").format(session=d.session.label_fa,
                                                       date=format_jalali(d.deadline)))
            else:
                lines.append(self.tr("{session}: {days} days left until {date}; not sent: "
                                     "{unsent} sheets.").format(
                    session=d.session.label_fa, days=to_persian_digits(d.days_left),
                    date=format_jalali(d.deadline), unsent=to_persian_digits(d.not_sent)))
        self.countdown.setText("\n".join(lines))

    def status_text(self) -> str:
        return server_status(self._db)

    def send_now(self, background: bool = False) -> Task | None:
        """Pack, send and pull on the sync worker; ``background`` respects the backoff."""
        if self.busy:
            if not background:
                self.error.setText(DaftarError("sync.busy").message())
            return None
        if not sync.status(self._db).configured:
            return None
        from ..services import school_key
        from .seal import ensure_unlocked

        # Batches are signed: the automatic send waits for the seal, Send now asks for it.
        if (school_key.needs_unlock(self._db) if background
                else not ensure_unlocked(self, self._db)):
            self.error.setText(DaftarError("key.locked").message())
            return None
        self.send_button.setEnabled(False)
        self.task = Task(self._run, not background)
        self.task.signals.done.connect(self._done)
        self.task.signals.failed.connect(self._failed)
        return self.runner.start(self.task)

    def _run(self, force: bool, progress: Any, cancel: Any) -> sync.Report:
        remote = sync.remote_for(self._db, timeout=self.timeout)
        return sync.run(self._db, remote, force=force, progress=progress, cancel=cancel)

    def _done(self, report: sync.Report) -> None:
        self.refresh()
        self.synced.emit(self.status_text())

    def _failed(self, error: Exception) -> None:
        self.refresh()
        self.error.setText(error.message() if isinstance(error, DaftarError) else str(error))
        self.synced.emit(self.status_text())

    def connect_server(self, dialog: ConnectDialog | None = None) -> ConnectDialog:
        dialog = dialog or ConnectDialog(self)

        def accepted() -> None:
            try:
                sync.connect(self._db, dialog.server.text().strip(), dialog.code.text(),
                             self._actor)
            except DaftarError as e:
                dialog.message.setText(e.message())
                dialog.open()
                return
            self.refresh()
            self.synced.emit(self.status_text())

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog
