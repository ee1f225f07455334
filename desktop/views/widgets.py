"""Small pieces every view uses: the refusal label, the inputs that name a person to the
central server, and the base of the table models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.identity import ForeignIdType
from ..domain.text import to_persian_digits

Index = QModelIndex | QPersistentModelIndex
REFUSAL_STYLE = "QLabel { color: #b3261e; }"


def persian_rows(table: Any) -> None:
    """A table widget's row numbers in Persian digits, as every other table shows them."""
    table.setVerticalHeaderLabels([to_persian_digits(i + 1) for i in range(table.rowCount())])


def error_label() -> QLabel:
    """Where a view shows the Persian reason something was refused."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(REFUSAL_STYLE)
    return label


def save_or_cancel(dialog: QDialog, form: QFormLayout,
                   save: Callable[[], None]) -> tuple[QLabel, QDialogButtonBox]:
    """A form dialog's body: the form, the refusal's label under it and Save / Cancel
    (Save calls ``save``, which closes the dialog only when the service accepted)."""
    message = error_label()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addWidget(buttons)
    return message, buttons


def identity_inputs() -> tuple[QComboBox, QLineEdit, QLineEdit]:
    """How a graduate proves who they are to the central server: the kind of id (national
    code or a foreign student's id), the id, and the second proof (the birth-certificate
    serial, or the birth date for a foreign student)."""
    # QCoreApplication.translate written out: pyside6-lupdate files a string under the
    # context it sees at the call, and a helper's calls under none (shown untranslated)
    kind = QComboBox()
    kind.addItem(QCoreApplication.translate("IdentityInputs", "National code"), "national")
    for k in ForeignIdType:
        kind.addItem(k.label_fa, k.value)
    secret = QLineEdit()
    secret.setPlaceholderText(QCoreApplication.translate(
        "IdentityInputs", "birth certificate serial, or birth date for a foreign graduate"))
    return kind, QLineEdit(), secret


class RowTableModel(QAbstractTableModel):
    """A flat table: ``rows`` of plain data, ``headers`` across, Persian row numbers down.

    Subclasses set ``self.headers`` and ``self.rows`` and write ``data()``.
    """

    headers: list[str]
    rows: list[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return to_persian_digits(section + 1)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class StatusMessage(QLabel):
    """The status bar's passing message: as wide as the bar leaves it, a long one cut in
    its middle (a path keeps its file name and its start), the whole in its tooltip;
    cleared after ``ms`` (issue 25: the backup's path was cut at its start)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setContentsMargins(6, 0, 6, 0)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.say(""))

    def say(self, text: str, ms: int = 0) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()
        if ms:
            self._timer.start(ms)

    def full_text(self) -> str:
        return self._full

    def _fit(self) -> None:
        room = max(10, self.width() - 12)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   room))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class LaterPage(QWidget):
    """A tab whose page (and the modules it needs) is made the first time it is shown,
    so that the main window opens without it; ``page`` is None until then.

    The page sits in a scroll area: a page taller or wider than a 1366×768 screen
    scrolls inside its tab instead of growing the window off the screen (issue 25)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.page: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def get(self) -> QWidget:
        """The page, made now if it was not yet."""
        if self.page is None:
            self.page = self._build()
            self.scroll.setWidget(self.page)
        return self.page

    def remake(self) -> None:
        """Drop the page made (it is made again when next shown: a new school year)."""
        if self.page is not None:
            old = self.scroll.takeWidget()
            if old is not None:
                old.hide()
                old.deleteLater()
            self.page = None
            if self.isVisible():
                self.get()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.get()
        super().showEvent(event)
