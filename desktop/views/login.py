"""Sign-in, the first-run school setup, and the idle lock.

The sign-in window is the first thing on screen, before the database is open: this
module imports no database code at its top, and :class:`LoginDialog` takes either an open
database or an :class:`Opening` (the database being opened on another thread; the demo
school's hint appears, and a sign-in goes ahead, when it is ready).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DaftarError, ValidationError
from ..domain.workflow import Role
from ..services import Actor
from .widgets import error_label

if TYPE_CHECKING:
    from ..models.db import Database


class Opening(QObject):
    """``open_db()`` on a thread of its own (the database layer's import and the file's
    checks, while the sign-in window is already up); ``ready`` on the window's thread.
    ``then()`` follows on that thread once the database is open, and nobody waits for it."""

    ready = Signal(object)   # the Database, or the DaftarError that refused it

    def __init__(self, open_db: Callable[[], Any],
                 then: Callable[[], object] | None = None) -> None:
        super().__init__()
        self._open, self._then, self._done = open_db, then, threading.Event()
        self._result: Any = None
        self._thread = threading.Thread(target=self._run, name="daftar-open")  # waited for at exit
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._open()
        except DaftarError as e:
            self._result = e
        except Exception as e:  # shown by the window's thread, as a crash would be
            self._result = e
        self._done.set()
        self.ready.emit(self._result)
        if self._then is not None and not isinstance(self._result, Exception):
            self._then()

    def done(self) -> bool:
        return self._done.is_set()

    def result(self) -> Any:
        """The database, or what refused it (None while it opens)."""
        return self._result

    def wait(self) -> Any:
        """The database (raises what refused it); blocks until it is open."""
        self._done.wait()
        if isinstance(self._result, Exception):
            raise self._result
        return self._result


class LoginDialog(QDialog):
    """Asks for a username and password; ``actor`` is set when they are right."""

    def __init__(self, db: Database | Opening, username: str = "", locked: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Locked") if locked else self.tr("Sign in to Daftar"))
        self.username = QLineEdit(username)
        self.username.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.message = error_label()
        self.hint = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if locked:
            layout.addWidget(QLabel(self.tr("The window was locked after a time without use.")))
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        if isinstance(db, Opening):
            db.ready.connect(self._opened)
            if db.done():
                self._opened(db.result())
        else:
            self._opened(db)

    def _opened(self, db: Any) -> None:
        from ..models.db import Database
        from ..services.demo import DEMO_PASSWORD, is_demo

        if isinstance(db, Database) and is_demo(db):
            self.hint.setText(self.tr(
                "Demo school: principal, deputy, clerk, teacher1 or teacher2; password «{pw}»"
            ).format(pw=DEMO_PASSWORD))

    def database(self) -> Database:
        """The database signed in to (waits for an :class:`Opening`)."""
        return self._source.wait() if isinstance(self._source, Opening) else self._source

    def try_login(self) -> None:
        from ..services.auth import login

        try:
            self.actor = login(self.database(), self.username.text(), self.password.text())
        except DaftarError as e:
            self.message.setText(e.message())
            self.password.clear()
            return
        self.accept()


class SetupDialog(QDialog):
    """First run on an empty database: the school's identity and the principal's account."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("A new school"))
        self.code, self.name = QLineEdit(), QLineEdit()
        self.district, self.province = QLineEdit(), QLineEdit()
        from ..domain.grading import Stage

        self.stages = {stage: QCheckBox(stage.label_fa) for stage in Stage}
        self.stages[Stage.UPPER_SECONDARY].setChecked(True)
        self.username = QLineEdit("principal")
        self.display_name = QLineEdit()
        self.password, self.again = QLineEdit(), QLineEdit()
        for w in (self.password, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("School code (8 digits)"), self.code)
        form.addRow(self.tr("School name"), self.name)
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("Province"), self.province)
        for box in self.stages.values():
            form.addRow("", box)
        form.addRow(self.tr("Principal's username"), self.username)
        form.addRow(self.tr("Principal's name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        from ..domain.identity import normalize_school_code
        from ..services.auth import MIN_PASSWORD, create_user
        from ..services.context import PRINCIPAL_ACTOR
        from ..services.school import create_school

        try:
            normalize_school_code(self.code.text())
            if self.password.text() != self.again.text():
                raise ValidationError("auth.mismatch")
            if len(self.password.text()) < MIN_PASSWORD:
                raise ValidationError("auth.password_short", length=MIN_PASSWORD)
            stages = [s for s, box in self.stages.items() if box.isChecked()]
            create_school(self._db, self.code.text(), self.name.text(), self.district.text(),
                          self.province.text(), stages)
            create_user(self._db, self.username.text(), self.display_name.text() or
                        self.username.text(), Role.PRINCIPAL, self.password.text(),
                        PRINCIPAL_ACTOR, first=True)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.accept()


class IdleLock(QObject):
    """Locks the window after ``minutes`` without a key or mouse event."""

    ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                QEvent.Type.Wheel}

    def __init__(self, window: QWidget, db: Database, actor: Actor, minutes: float) -> None:
        super().__init__(window)
        self._window, self._db, self._actor = window, db, actor
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.lock)
        self.dialog: LoginDialog | None = None

    def start(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.ACTIVITY and self.dialog is None:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide the window behind a password prompt for the signed-in user; the school's
        seal closes with it (the principal's sign-in opens it again)."""
        from ..services import school_key

        school_key.lock(self._db)
        self._window.centralWidget().setVisible(False)
        self.dialog = LoginDialog(self._db, self._actor.username, locked=True,
                                  parent=self._window)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.open()

    def _unlock(self) -> None:
        self._window.centralWidget().setVisible(True)
        self.dialog = None
        self.timer.start()
