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
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

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


def run(target: str | None = None, lang: str = "fa") -> int:
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
    try:
        db = open_default(target)
    except DaftarError as e:
        log.warning("start refused: %s", e.code)
        QMessageBox.critical(None, "دفتر", e.message(lang))
        return 1
    log.info("Daftar %s started on %s", __version__, db.url)
    from .services.auth import has_users
    from .services.school import get_school
    from .views.login import IdleLock, LoginDialog, SetupDialog
    from .views.main_window import MainWindow

    try:
        get_school(db)
    except DaftarError:
        if not SetupDialog(db).exec():  # a new school: its identity and the principal
            return 0
    if not has_users(db):
        return 1
    actor = signed_in_for_benchmark(db)
    if actor is None:
        login = LoginDialog(db)
        if not login.exec() or login.actor is None:
            return 0
        actor = login.actor
    window = MainWindow(db, actor)
    room = window.screen().availableGeometry()
    if window.width() > room.width() or window.height() + 40 > room.height():
        # A 1366x768 office screen: the title bar and the status bar must fit.
        window.resize(min(window.width(), room.width()), min(window.height(), room.height() - 40))
        window.showMaximized()
    else:
        window.show()
    window.office.start_automatic()  # the backup at start, on the worker thread
    IdleLock(window, db, actor, float(os.environ.get("DAFTAR_IDLE_MINUTES", "10"))).start()
    if os.environ.get("DAFTAR_EXIT_WHEN_READY"):  # the cold-start benchmark
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    window.office.finish()  # a backup under way ends before the program does
    return code


def signed_in_for_benchmark(db):  # type: ignore[no-untyped-def]
    """The cold-start benchmark signs in from the environment instead of a dialog."""
    user = os.environ.get("DAFTAR_BENCH_USER")
    if not (user and os.environ.get("DAFTAR_EXIT_WHEN_READY")):
        return None
    from .services.auth import login

    return login(db, user, os.environ.get("DAFTAR_PASSWORD", ""))
