"""The main window's menus for the office PC's own care: backups, restore, About.

* **Back up now** (office staff) and an automatic backup at every start and then daily
  (checked each hour), on the worker thread; the status bar says where it went or why not.
* **Restore from a backup…** and **Backup folder…** (the principal): the backup is checked
  and described before anything is replaced; after a restore Daftar closes, to be opened
  again on the restored file (every page would otherwise show what was there before).
* **Database…** (the principal): this PC's database; moving the school to a shared one.
* **Copy diagnostic report**: versions, paths and the log's last lines, for support.
* **About Daftar**: the version (the same as ``daftar --version``), Qt's and the database's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from .. import __version__
from ..domain.calendar import format_instant
from ..domain.errors import DaftarError
from ..domain.text import isolate, to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..services import Actor, audit, backup
from . import files
from .import_dialog import inform
from .tasks import Task, TaskRunner

RUNNER = TaskRunner()
HOUR_MS = 3_600_000
log = logging.getLogger("daftar")


def ask_yes(parent: QWidget | None, text: str) -> bool:
    """A yes/no question; replaced in tests."""
    answer = QMessageBox.question(parent, QApplication.translate("OfficeMenu", "Daftar"), text)
    return answer == QMessageBox.StandardButton.Yes


def warn(parent: QWidget | None, text: str) -> None:
    """A warning the office must see (a tampered audit trail); replaced in tests."""
    QMessageBox.warning(parent, QApplication.translate("OfficeMenu", "Daftar"), text)


def ask_backup_file(parent: QWidget, folder: Path) -> str:
    return files.ask_open_file(
        parent, QApplication.translate("OfficeMenu", "Restore from a backup…"),
        "Daftar (*.sqlite)", str(folder))


def ask_folder(parent: QWidget, folder: Path) -> str:
    return files.ask_directory(
        parent, QApplication.translate("OfficeMenu", "Backup folder…"), str(folder))


class OfficeMenu(QObject):
    said = Signal(str)  # for the status bar: where a backup went, why not, what was copied

    def __init__(self, window: QMainWindow, db: Database, actor: Actor) -> None:
        super().__init__(window)
        self._window, self._db, self._actor = window, db, actor
        self.task: Task | None = None
        self.audit_task: Task | None = None
        self.audit_verdict: audit.Verdict | None = None  # the start's check, once it is done
        bar = window.menuBar()
        menu = bar.addMenu(self.tr("&File"))
        self.backup_action = menu.addAction(self.tr("Back up now"))
        self.restore_action = menu.addAction(self.tr("Restore from a backup…"))
        self.folder_action = menu.addAction(self.tr("Backup folder…"))
        menu.addSeparator()
        self.database_action = menu.addAction(self.tr("Database…"))
        menu.addSeparator()
        self.exit_action = menu.addAction(self.tr("Exit"))
        self.exit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.exit_action.triggered.connect(window.close)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.report_action = help_menu.addAction(self.tr("Copy diagnostic report"))
        self.about_action = help_menu.addAction(self.tr("About Daftar"))
        on_file = db.path is not None
        self.backup_action.setEnabled(on_file and actor.role is not Role.TEACHER)
        for action in (self.restore_action, self.folder_action):
            action.setEnabled(on_file and actor.role is Role.PRINCIPAL)
        self.database_action.setEnabled(actor.role is Role.PRINCIPAL)
        self.database_action.triggered.connect(lambda: self.database_dialog().open())
        self.backup_action.triggered.connect(lambda: self.back_up())
        self.restore_action.triggered.connect(lambda: self.restore())
        self.folder_action.triggered.connect(lambda: self.choose_folder())
        self.about_action.triggered.connect(lambda: inform(window, self.about_text()))
        self.report_action.triggered.connect(self.copy_report)
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self._daily)

    def start_automatic(self) -> None:
        """At start, on the worker thread: the audit chain since the head this PC verified
        last, then the backup, then the daily one."""
        check = Task(lambda progress, cancel: audit.check_at_start(self._db, progress))
        check.signals.done.connect(self._audit_checked)
        check.signals.failed.connect(lambda e: self._failed(e, True))
        self.audit_task = RUNNER.start(check)
        if self._db.path is None:
            return
        self.back_up(automatic=True)
        self.timer.start()

    def run_later(self, work: Callable[[], object]) -> Task:
        """Other work for the window's worker thread, after what is queued there (the
        statistics computed ahead); its failure only goes to the log."""
        task = Task(lambda progress, cancel: work())
        task.signals.failed.connect(lambda e: log.warning("background work failed: %r", e))
        return RUNNER.start(task)

    def _audit_checked(self, verdict: audit.Verdict) -> None:
        self.audit_verdict = verdict
        if verdict.ok:
            self.said.emit(self.tr("Audit trail intact: {n} events").format(
                n=to_persian_digits(verdict.checked)))
            return
        text = verdict.error().message()
        self.said.emit(text)
        warn(self._window, text)

    def finish(self) -> None:
        """At quit: let a backup under way end (its copy is checked before it counts)."""
        self.timer.stop()
        RUNNER.wait(120_000)

    def _daily(self) -> None:
        if backup.due(self._db) and self.task is None:
            self.back_up(automatic=True)

    def back_up(self, automatic: bool = False) -> Task:
        task = Task(lambda progress, cancel: backup.make(self._db, progress=progress,
                                                         cancel=cancel))
        task.signals.done.connect(lambda made: self._backed_up(made, automatic))
        task.signals.failed.connect(lambda e: self._failed(e, automatic))
        self.task = RUNNER.start(task)
        return task

    def _backed_up(self, made: backup.BackupFile, automatic: bool) -> None:
        self.task = None
        text = self.tr("Backup saved: {path}").format(path=isolate(str(made.path)))
        self.said.emit(text)
        if not automatic:
            inform(self._window, text)

    def _failed(self, error: Exception, automatic: bool) -> None:
        self.task = None
        reason = error.message() if isinstance(error, DaftarError) else str(error)
        text = self.tr("No backup was made: {reason}").format(reason=reason)
        self.said.emit(text)
        if not automatic:
            inform(self._window, text)

    def choose_folder(self, path: str | None = None) -> None:
        path = path or ask_folder(self._window, backup.folder(self._db))
        if not path:
            return
        try:
            where = backup.choose_folder(self._db, path)
        except DaftarError as e:
            inform(self._window, e.message())
            return
        inform(self._window, self.tr("Backups are kept in {path}").format(
            path=isolate(str(where))))

    def restore(self, path: str | None = None) -> bool:
        """Check, describe, confirm, restore; then close Daftar.  True when restored."""
        school_file = self._db.path
        assert school_file is not None
        path = path or ask_backup_file(self._window, backup.folder(self._db))
        if not path:
            return False
        try:
            contents = backup.check(Path(path), backup_school(self._db))
        except DaftarError as e:
            inform(self._window, e.message())
            return False
        if not ask_yes(self._window, self.tr(
                "Restore this backup of {school}?\nLast event: {when}; {students} students, "
                "{grades} grades, {events} events.\nThe current file is kept aside first; "
                "Daftar then closes.").format(
                    school=contents.school_name, when=_when(contents),
                    students=to_persian_digits(contents.counts.get("student", 0)),
                    grades=to_persian_digits(contents.counts.get("grade", 0)),
                    events=to_persian_digits(contents.counts.get("audit_event", 0)))):
            return False
        RUNNER.wait()
        self._db.dispose()
        try:
            done = backup.restore(school_file, path)
        except DaftarError as e:
            inform(self._window, e.message())
            return False
        inform(self._window, self.tr(
            "The backup was restored. The previous file was kept as {aside}.\n"
            "Daftar closes now; open it again.").format(aside=isolate(str(done.aside))))
        QTimer.singleShot(0, QApplication.quit)
        return True

    def database_dialog(self):  # type: ignore[no-untyped-def]
        from .database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self._db, self._window)

        def chosen() -> None:
            inform(self._window, dialog.done_text)
            QTimer.singleShot(0, QApplication.quit)

        dialog.accepted.connect(chosen)
        return dialog

    def copy_report(self) -> str:
        """Versions, paths and the log's last lines on the clipboard (no grades, no names)."""
        from ..services.logs import diagnostic_report

        report = diagnostic_report(self._db.url)
        QApplication.clipboard().setText(report)
        self.said.emit(self.tr("The diagnostic report is on the clipboard."))
        return report

    def about_text(self) -> str:
        return self.tr("Daftar {version}\nQt {qt} (PySide6)\nDatabase: {url}").format(
            version=__version__, qt=PYSIDE_VERSION,  # as `daftar --version` prints it
            url=isolate(self._db.url))


def backup_school(db: Database) -> str:
    from ..services.school import get_school

    return get_school(db).code


def _when(contents: backup.Contents) -> str:
    return format_instant(contents.last_event) if contents.last_event else "—"
