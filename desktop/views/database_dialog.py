"""File → Database…: which database this PC opens, and moving the school to a shared one.

The principal types the shared PostgreSQL's address; **Move this school there** copies the
school into it (checked there, see :mod:`desktop.services.move`) and makes it this PC's
database; **Use it** only points this PC at a school already there (the second PC);
**This PC's file** goes back to the embedded file.  Daftar then closes, to open on it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DaftarError
from ..domain.text import isolate, to_persian_digits
from ..models.db import Database, open_database
from ..services import move, settings
from .widgets import error_label


class DatabaseDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Database"))
        self.current = QLabel(self.tr("This PC opens: {url}").format(url=isolate(db.url)))
        self.url = QLineEdit(settings.chosen_database() or "")
        self.url.setPlaceholderText("postgresql+psycopg://user:password@server/daftar")
        self.url.setLayoutDirection(self.url.layoutDirection().LeftToRight)
        self.move_button = QPushButton(self.tr("Move this school there"))
        self.use_button = QPushButton(self.tr("Use it (the school is there already)"))
        self.file_button = QPushButton(self.tr("This PC's file"))
        self.move_button.setEnabled(db.path is not None)
        self.message = error_label()
        self.done_text = ""
        buttons = QHBoxLayout()
        for b in (self.move_button, self.use_button, self.file_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(QLabel(self.tr("Shared PostgreSQL database of the school:")))
        layout.addWidget(self.url)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.move_button.clicked.connect(self.move_here)
        self.use_button.clicked.connect(self.use)
        self.file_button.clicked.connect(self.use_file)

    def move_here(self) -> bool:
        try:
            moved = move.move_school(self._db, self.url.text().strip())
        except DaftarError as e:
            self.message.setText(e.message())
            return False
        settings.choose_database(self.url.text().strip())
        return self._finish(self.tr("The school was moved ({rows} rows, {events} events, the "
                                    "chain checked there).").format(
            rows=to_persian_digits(sum(moved.rows.values())),
            events=to_persian_digits(moved.events)))

    def use(self) -> bool:
        url = self.url.text().strip()
        try:
            if "://" not in url or url.startswith("sqlite"):
                raise DaftarError("move.not_server")
            open_database(url).dispose()
        except DaftarError as e:
            self.message.setText(e.message())
            return False
        except Exception as e:  # unreachable, refused
            self.message.setText(DaftarError("move.connect", detail=str(e).splitlines()[0])
                                 .message())
            return False
        settings.choose_database(url)
        return self._finish("")

    def use_file(self) -> bool:
        settings.choose_database(None)
        return self._finish("")

    def _finish(self, text: str) -> bool:
        self.done_text = (text + " " if text else "") + self.tr(
            "Daftar closes now; open it again to work on the chosen database.")
        self.accept()
        return True
