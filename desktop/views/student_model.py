"""The student list as a Qt table model over plain ``StudentInfo`` rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..domain.calendar import format_jalali
from ..domain.text import to_persian_digits
from ..services.students import StudentInfo

Index = QModelIndex | QPersistentModelIndex


class StudentTableModel(QAbstractTableModel):
    ID, LAST, FIRST, FATHER, BORN, CLASS = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StudentInfo] = []
        self._headers = [
            QCoreApplication.translate("StudentTableModel", "National code"),
            QCoreApplication.translate("StudentTableModel", "Last name"),
            QCoreApplication.translate("StudentTableModel", "First name"),
            QCoreApplication.translate("StudentTableModel", "Father's name"),
            QCoreApplication.translate("StudentTableModel", "Birth date"),
            QCoreApplication.translate("StudentTableModel", "Class"),
        ]

    def set_rows(self, rows: list[StudentInfo]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def student(self, row: int) -> StudentInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        st = self._rows[index.row()]
        col = index.column()
        if col == self.ID:
            return to_persian_digits(st.national_code or st.foreign_id_value or "")
        if col == self.LAST:
            return st.last_name
        if col == self.FIRST:
            return st.first_name
        if col == self.FATHER:
            return st.father_name
        if col == self.BORN:
            return format_jalali(st.birth_date)
        if col == self.CLASS:
            return to_persian_digits(st.class_name or "")
        return None
