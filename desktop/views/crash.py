"""The one hook for exceptions nobody caught in the window: logged with their traceback,
and one dialog (not one per repeat) that says where the log is and how to send it."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain.text import isolate
from ..services.logs import log_path

LOG = logging.getLogger("daftar.window")
_showing = False


def show_error(text: str) -> None:
    """The dialog; replaced in tests."""
    QMessageBox.critical(None, QApplication.translate("Crash", "Daftar"), text)


def on_unhandled(kind: type[BaseException], value: BaseException,
                 tb: TracebackType | None) -> None:
    global _showing
    LOG.error("unhandled exception", exc_info=(kind, value, tb))
    if _showing:
        return  # one dialog at a time: the repeats are in the log
    _showing = True
    try:
        show_error(QApplication.translate(
            "Crash", "Something went wrong that Daftar did not expect. What you saved is safe; "
                     "the details are in the log {path}. Help → Copy diagnostic report puts "
                     "what support needs on the clipboard.").format(
            path=isolate(str(log_path()))))
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = on_unhandled
