"""The grid's view and delegate: typing fast without the mouse.

* Typing on a cell starts editing it; Persian, Arabic-Indic or ASCII digits all work.
* Enter commits and moves down, Tab commits and moves across (Qt's EditNextItem).
* A value the policy refuses is refused *in the editor*: the Persian reason is
  announced, the text stays selected to be corrected, nothing is written.
* Primary (descriptive) columns edit with a list of the four levels.
* Delete clears the selected cells; Ctrl+C copies, Ctrl+V pastes a block from a
  spreadsheet (all cells or none).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from ..services.grades import CellEdit
from .grade_model import GradeSheetModel

SUBMIT_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}


class GradeDelegate(QStyledItemDelegate):
    refused = Signal(str)

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        model: GradeSheetModel = index.model()  # type: ignore[assignment]
        if model.sheet.descriptive:
            combo = QComboBox(parent)
            combo.addItems([""] + model.choices())
            combo.setEditable(False)
            return combo
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(8)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentText(value)
        elif isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(value)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
        if (index.data(Qt.ItemDataRole.EditRole) or "") == text:
            return  # unchanged: no write, no audit event
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in SUBMIT_KEYS):
            view = editor.parent().parent() if editor.parent() else None
            index = view.currentIndex() if isinstance(view, QTableView) else None
            if index is not None and index.isValid():
                reason = index.model().validate(editor.text())  # type: ignore[attr-defined]
                if reason is not None:
                    self.refused.emit(reason)
                    editor.selectAll()
                    return True  # the editor stays open with the text to correct
        return super().eventFilter(editor, event)


class GradeTable(QTableView):
    cancelled = Signal()   # Esc left a cell unchanged: a refusal shown for it no longer holds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = GradeDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(30)
        # the columns share the width the page gives (no scroll bar at 1366×768, the
        # «وضعیت» header whole), never narrower than a grade or a short header needs
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(64)
        self.setAlternatingRowColors(True)

    def grade_model(self) -> GradeSheetModel:
        return self.model()  # type: ignore[return-value]

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter
            self._move_down()
        elif hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:  # Esc
            self.cancelled.emit()

    def _move_down(self) -> None:
        index = self.currentIndex()
        below = index.sibling(index.row() + 1, index.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.grade_model()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState:
            self._move_down()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.copy_selection())
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and model is not None:
            edits = [CellEdit(model.student_id(i.row()), model.component_at(i.column()).code, "")
                     for i in self.selectedIndexes() if model.is_editable_column(i.column())]
            if edits:
                model.write_block(edits)
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> str:
        return self.grade_model().copy([(i.row(), i.column()) for i in self.selectedIndexes()])

    def paste(self, text: str | None = None) -> bool:
        index = self.currentIndex()
        if not index.isValid():
            return False
        if text is None:
            text = QGuiApplication.clipboard().text()
        return self.grade_model().paste(index.row(), index.column(), text)
