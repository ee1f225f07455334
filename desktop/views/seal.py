"""Opening the school's seal (its signing key) for this sign-in, when someone other than
the principal prints or sends: the principal types their password once (see
:mod:`desktop.services.school_key`)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from ..domain.errors import DaftarError
from ..models.db import Database
from ..services import school_key


def ask_principal_password(parent: QWidget | None, problem: str) -> str | None:
    """The principal's password, or None if cancelled; replaced in tests."""
    text = QApplication.translate("Seal", "The school's seal is locked. The principal's "
                                          "password opens it until you sign out.")
    if problem:
        text = problem + "\n" + text
    value, ok = QInputDialog.getText(parent, QApplication.translate("Seal", "The school's seal"),
                                     text,
                                     QLineEdit.EchoMode.Password)
    return value if ok else None


def ensure_unlocked(parent: QWidget | None, db: Database) -> bool:
    """True once signing will work here; asks again after a wrong password."""
    problem = ""
    while school_key.needs_unlock(db):
        phrase = ask_principal_password(parent, problem)
        if phrase is None:
            return False
        try:
            school_key.unlock(db, phrase)
        except DaftarError as e:
            problem = e.message()
    return True
