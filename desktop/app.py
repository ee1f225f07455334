"""The QApplication: right to left, translator, database, main window.

Direction is set once, app-wide, from the language (as Anki does); Qt's own
``qtbase_fa`` translation is loaded beside Daftar's, so standard dialogs speak
Persian too.  The embedded default is a SQLite file in the user's data folder;
on the very first run it is filled with the demo school so that there is
something to see.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from .domain.errors import DaftarError

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
FONTS = ROOT / "resources" / "fonts"


def install_fonts(app: QApplication) -> str | None:
    """Load the bundled Vazirmatn and make it the application font; its family name."""
    family = None
    for path in sorted(FONTS.glob("Vazirmatn-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    return family


_INSTALLED: list[QTranslator] = []


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Set direction and load Daftar's and Qt's Persian catalogues, replacing any
    loaded before (so switching language never stacks translators)."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    if lang != "fa":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    own = QTranslator(app)
    if own.load(str(TRANSLATIONS / "daftar_fa.qm")):
        app.installTranslator(own)
        _INSTALLED.append(own)
    qt = QTranslator(app)
    if qt.load("qtbase_fa", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _INSTALLED.append(qt)
    return list(_INSTALLED)


def open_default(target: str | None):  # type: ignore[no-untyped-def]
    """Open the database named, else the one this PC was set to (a shared PostgreSQL), else
    the default file, which gets the demo school on its first run."""
    from .models.db import open_database
    from .services.school import get_school
    from .services.settings import check_school, chosen_database

    if target is None and chosen_database():
        target = chosen_database()
        db = open_database(target)
    else:
        db = open_database(target)
        if target is None:
            try:
                get_school(db)
            except DaftarError:
                from .services.demo import build_demo  # only on the very first run

                build_demo(db)
    try:
        school = get_school(db)
    except DaftarError:
        return db  # a new school: the setup dialog asks for it
    try:
        check_school(db.url, school.code, school.name)
    except DaftarError:
        db.dispose()
        raise
    return db


# What the main window's pages use, imported on the opening thread while the sign-in
# window is up (Qt-free modules only: a view made there would belong to that thread).
WARM = ("desktop.services.approvals", "desktop.services.backup", "desktop.services.changes",
        "desktop.services.confirmations", "desktop.services.grades", "desktop.services.legacy",
        "desktop.services.record_codes", "desktop.services.repair", "desktop.services.review",
        "desktop.services.students", "desktop.services.sync", "desktop.services.workbook",
        "desktop.printing.forms")


def warm_modules() -> None:
    """The opening thread's work once the database is open: the modules the window's
    other pages will need, imported while the sign-in is typed."""
    import importlib

    for name in WARM:
        try:
            importlib.import_module(name)
        except ImportError:  # a module renamed: only the warm-up is lost (tests/test_start.py)
            pass


ACCEPTED, REJECTED = QDialog.DialogCode.Accepted.value, QDialog.DialogCode.Rejected.value
NEEDS_SETUP, NO_USERS = 10, 11   # the sign-in dialog's other answers


def _cannot_sign_in(result: object) -> int | None:
    """The sign-in's answer when the opened database (or the refusal) stops it; None: go on."""
    from .services.auth import has_users
    from .services.school import get_school

    if isinstance(result, Exception):
        return REJECTED  # told by the caller, from opening.wait()
    try:
        get_school(result)
    except DaftarError:
        return NEEDS_SETUP
    return None if has_users(result) else NO_USERS


def _opened(login: QDialog, result: object) -> None:
    """The database is open (or refused) while the sign-in is up: end it if it cannot go on."""
    answer = _cannot_sign_in(result)
    if answer is not None:
        login.done(answer)


def _refused(log, error: DaftarError, lang: str) -> int:  # type: ignore[no-untyped-def]
    log.warning("start refused: %s", error.code)
    QMessageBox.critical(None, "دفتر", error.message(lang))
    return 1


def bench_typing(login) -> None:  # type: ignore[no-untyped-def]
    """The start benchmark's sign-in typed after ``DAFTAR_BENCH_TYPING`` seconds; it marks
    the moment of OK (``submitted <monotonic>``) when ``DAFTAR_MARK_PAINT`` is set."""
    delay = os.environ.get("DAFTAR_BENCH_TYPING")
    user = os.environ.get("DAFTAR_BENCH_USER")
    if not (delay and user):
        return

    def submit() -> None:
        login.username.setText(user)
        login.password.setText(os.environ.get("DAFTAR_PASSWORD", ""))
        mark("submitted sign-in")
        login.try_login()

    QTimer.singleShot(int(float(delay) * 1000), submit)


def run(target: str | None = None, lang: str = "fa") -> int:
    """The window.  First on screen is the sign-in window; the database opens behind it
    (``Opening``), and the first screen waits for nothing it does not show."""
    from .views.login import LoginDialog, Opening, SetupDialog

    # Before Qt: it starts at once.  The other pages' modules are warmed while the sign-in
    # is typed; signed in from the environment nothing is typed, and the window is next.
    opening = Opening(lambda: open_default(target),
                      then=None if signed_in_from_environment() else warm_modules)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Daftar")
    app.setOrganizationName("Daftar")
    install_fonts(app)  # type: ignore[arg-type]
    install_translators(app, lang)  # type: ignore[arg-type]
    import logging

    from . import __version__
    from .services.logs import setup
    from .views.crash import install

    setup()
    install()
    log = logging.getLogger("daftar")
    if signed_in_from_environment():  # the start benchmark: no dialog
        try:
            db = opening.wait()
        except DaftarError as e:
            return _refused(log, e, lang)
        mark("opened database")
        actor = signed_in_for_benchmark(db)
        mark("signed in")
    else:
        login = LoginDialog(opening)
        mark_first_paint(login, "signin")
        if os.environ.get("DAFTAR_EXIT_WHEN_READY") == "signin":  # the start benchmark
            login.show()
            return app.exec()
        # The dialog is up while the database opens; when it is open, a file that needs
        # the setup dialog, or one that could not open, ends the dialog with that news.
        opening.ready.connect(lambda result: _opened(login, result))
        early = _cannot_sign_in(opening.result()) if opening.done() else None
        if early is None:
            bench_typing(login)
            answer = login.exec()
        else:  # opened before the dialog's loop began, and it cannot go on
            answer = early
        try:
            db = opening.wait()
        except DaftarError as e:
            return _refused(log, e, lang)
        if answer == NEEDS_SETUP:
            if not SetupDialog(db).exec():  # a new school: its identity and the principal
                return 0
            login = LoginDialog(db)
            answer = login.exec()
        if answer == NO_USERS:
            return 1
        if answer != ACCEPTED or login.actor is None:
            return 0
        actor = login.actor
    log.info("Daftar %s started on %s", __version__, db.url)
    from .views.login import IdleLock
    from .views.main_window import MainWindow

    window = MainWindow(db, actor)
    # What the first screen does not show waits for its first paint: the other worker's
    # audit check, backup and figures would otherwise hold the interpreter while it draws.
    _FirstPaint(window, "main", window.start_background)
    room = window.screen().availableGeometry()
    if room.width() < 1400 or room.height() < 900:
        window.showMaximized()   # a 1366×768 office screen: all of it (the window fits it)
    else:
        window.show()
    IdleLock(window, db, actor, float(os.environ.get("DAFTAR_IDLE_MINUTES", "10"))).start()
    code = app.exec()
    window.office.finish()  # a backup under way ends before the program does
    return code


class _FirstPaint(QObject):
    """Once ``widget`` has painted: ``then()``, the start benchmark's mark
    (``DAFTAR_MARK_PAINT``: ``painted <name> <monotonic seconds>`` on stdout) and its exit
    (``DAFTAR_EXIT_WHEN_READY``: ``signin``, or ``main``/``1`` for the main window)."""

    def __init__(self, widget: QWidget, name: str,
                 then: Callable[[], object] | None = None) -> None:
        super().__init__(widget)
        self.name, self._then = name, then
        widget.installEventFilter(self)
        if then is not None:  # a window that never paints (minimised) still gets it
            QTimer.singleShot(5000, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)  # after this paint is done
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _painted(self) -> None:
        mark(f"painted {self.name}")
        self._go()
        wanted = os.environ.get("DAFTAR_EXIT_WHEN_READY")
        if wanted == self.name or (wanted == "1" and self.name == "main"):
            QApplication.instance().quit()


def mark(what: str) -> None:
    """A moment for the start benchmark (``DAFTAR_MARK_PAINT``): ``<what> <monotonic>``."""
    if os.environ.get("DAFTAR_MARK_PAINT"):
        import time

        print(f"{what} {time.monotonic():.6f}", flush=True)


def mark_first_paint(widget: QWidget, name: str) -> None:
    if os.environ.get("DAFTAR_MARK_PAINT") or os.environ.get("DAFTAR_EXIT_WHEN_READY"):
        _FirstPaint(widget, name)


def signed_in_from_environment() -> bool:
    """The start benchmark signs in without a dialog (unless it is to type into one)."""
    return bool(os.environ.get("DAFTAR_BENCH_USER") and os.environ.get("DAFTAR_EXIT_WHEN_READY")
                and not os.environ.get("DAFTAR_BENCH_TYPING"))


def signed_in_for_benchmark(db):  # type: ignore[no-untyped-def]
    """The cold-start benchmark signs in from the environment instead of a dialog."""
    from .services.auth import login

    return login(db, os.environ["DAFTAR_BENCH_USER"], os.environ.get("DAFTAR_PASSWORD", ""))
