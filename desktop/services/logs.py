"""The log an office can send: a rotating file in the user's log folder.

``daftar.log`` (1 MB, 5 kept) in platformdirs' user log folder
(``~/.local/state/Daftar/log`` on Linux, ``%LOCALAPPDATA%\\Daftar\\Logs`` on Windows).  It
records what happened to the program (start, the database opened, network failures with
their library exception, unhandled exceptions with their traceback), never grades or
names: services log codes and classes, not the messages shown to people.
:func:`diagnostic_report` is what **Help → Copy diagnostic report** puts on the clipboard.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

LOG_NAME = "daftar.log"
MAX_BYTES, KEEP = 1_000_000, 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("Daftar", appauthor=False)


def log_path() -> Path:
    return log_folder() / LOG_NAME


def setup(level: int = logging.INFO) -> Path:
    """Send the ``daftar`` loggers to the rotating file (once per process)."""
    root = logging.getLogger("daftar")
    path = log_path()
    if not any(getattr(h, "daftar", False) for h in root.handlers):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
        except OSError:  # a read-only profile: the program works on without its log
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.daftar = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(level)
    return path


def last_lines(n: int = 100) -> list[str]:
    try:
        with log_path().open(encoding="utf-8", errors="replace") as fh:
            return fh.read().splitlines()[-n:]
    except OSError:
        return []


def diagnostic_report(database: str | None = None, lines: int = 100) -> str:
    """Versions, paths and the log's last lines (the database URL without its password)."""
    from importlib import metadata

    import sqlalchemy

    from .. import __version__
    from .settings import settings_path

    try:  # read from the installed package's metadata: services never import Qt
        pyside = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        pyside = "-"
    parts = [
        f"Daftar {__version__}",
        f"Python {sys.version.split()[0]} ({platform.python_implementation()}), "
        f"{platform.platform()}",
        f"PySide6 {pyside}, SQLAlchemy {sqlalchemy.__version__}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        f"database: {database or '-'}",
        f"settings: {settings_path()}",
        f"log: {log_path()}",
        "",
        f"--- the last {lines} lines of the log ---",
        *last_lines(lines),
    ]
    return "\n".join(parts)
