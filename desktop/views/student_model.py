"""The student list as a Qt table model over plain ``StudentInfo`` rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ..domain.calendar import format_jalali
from ..domain.text import to_persian_digits
from ..services.students import StudentInfo
from .widgets import Index, RowTableModel


class StudentTableModel(RowTableModel):
    ID, LAST, FIRST, FATHER, BORN, CLASS = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[StudentInfo] = []
        self.headers = [
            QCoreApplication.translate("StudentTableModel", "National code"),
            QCoreApplication.translate("StudentTableModel", "Last name"),
            QCoreApplication.translate("StudentTableModel", "First name"),
            QCoreApplication.translate("StudentTableModel", "Father's name"),
            QCoreApplication.translate("StudentTableModel", "Birth date"),
            QCoreApplication.translate("StudentTableModel", "Class"),
        ]

    def student(self, row: int) -> StudentInfo:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        st = self.rows[index.row()]
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
