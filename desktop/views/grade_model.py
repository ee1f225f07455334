"""The grade grid's model: one row per student, one column per component of the policy,
then the computed result and pass/fail.

The model holds plain ``SheetData`` and a ``write`` callable (the grades service bound
to the sheet); it never sees a database session.  Every accepted edit is written at
once through that callable (one transaction with its audit event); a refusal is
announced through ``refused`` with the domain's Persian message and changes nothing.
Undo and redo go through the same service, so they are audited too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack

from ..domain.calendar import SessionKind, format_jalali
from ..domain.errors import DaftarError
from ..domain.grading import DESCRIPTIVE_LABELS, Entry, Mark, format_grade
from ..domain.text import to_persian_digits
from ..services.grades import CellEdit, CellResult, SheetData, SheetRow
from .widgets import Index, RowTableModel

Writer = Callable[[Sequence[CellEdit], str | None], list[CellResult]]
Parser = Callable[[str], Entry]

READ_ONLY = QBrush(QColor("#eef0f2"))
FAILED = QBrush(QColor("#fde2e1"))
ABSENT = QBrush(QColor("#b3261e"))



class _Edit(QUndoCommand):
    """A block of cells written together; undo writes the old values back."""

    def __init__(self, model: GradeSheetModel, before: list[CellEdit],
                 after: list[CellEdit]) -> None:
        super().__init__(QCoreApplication.translate("GradeSheetModel", "Grade edit"))
        self._model, self._before, self._after = model, before, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # already written when the command was pushed
            self._first = False
            return
        if not self._model._write(self._after, "redo"):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._model._write(self._before, "undo"):
            self.setObsolete(True)


class GradeSheetModel(RowTableModel):
    LAST, FIRST = 0, 1
    FIXED = 2  # name columns before the components

    refused = Signal(str)
    changed = Signal()
    stale = Signal()  # another PC changed cells under this grid: reload them

    def __init__(self, data: SheetData, write: Writer, parse: Parser,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.sheet = data
        self._write_fn = write
        self.parse = parse
        self.undo_stack = QUndoStack(self)
        self.rows = list(data.rows)
        self._row_of = {r.student_id: i for i, r in enumerate(self.rows)}
        self._cols = list(data.columns)
        if data.descriptive:
            result = self.tr("Level")
        else:
            result = {SessionKind.DEY: self.tr("Term grade"),
                      SessionKind.KHORDAD: self.tr("Annual grade"),
                      SessionKind.SHAHRIVAR: self.tr("Summer grade")}[data.session]
        self.headers = [self.tr("Last name"), self.tr("First name")] + [
            c.label for c in self._cols] + [result, self.tr("Status")]
        self.result_column = self.FIXED + len(self._cols)
        self.status_column = self.result_column + 1

    # --- shape (rows, headers and counts come from RowTableModel) -------------
    def component_at(self, column: int) -> Any:
        i = column - self.FIXED
        return self._cols[i] if 0 <= i < len(self._cols) else None

    def is_editable_column(self, column: int) -> bool:
        comp = self.component_at(column)
        return comp is not None and comp.editable and self.sheet.editable

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable_column(index.column()) and self.rows[index.row()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- cells ----------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        comp = self.component_at(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.LAST:
                return row.last_name
            if col == self.FIRST:
                return row.first_name
            if comp is not None:
                return format_grade(row.cells.get(comp.code))
            if col == self.result_column:
                out = row.outcome
                if out.exempt:
                    return Mark.EXEMPT.label_fa
                return out.level.label_fa if out.level is not None else format_grade(out.grade)
            if col == self.status_column:
                if not row.editable:
                    return self.departure(row)
                if row.outcome.passed is None:
                    return ""
                return self.tr("Pass") if row.outcome.passed else self.tr("Fail")
            return None
        if role == Qt.ItemDataRole.EditRole:
            if comp is None:
                return None
            value = row.cells.get(comp.code)
            return "" if value is None else format_grade(value, persian=False) if isinstance(
                value, Decimal) else value.label_fa
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.FIXED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if comp is not None and not comp.editable or not row.editable:
                return READ_ONLY
            if col >= self.result_column and row.outcome.passed is False:
                return FAILED
        if role == Qt.ItemDataRole.ForegroundRole and comp is not None:
            if row.cells.get(comp.code) is Mark.ABSENT:
                return ABSENT
        if role == Qt.ItemDataRole.ToolTipRole and col == self.status_column:
            if row.outcome.paper_failed:
                return self.tr("The national exam paper is below 7")
        return None

    def departure(self, row: SheetRow) -> str:
        """«Moved to …» or «Left the school» with the day, for a row no longer in the class."""
        day = format_jalali(row.left_on) if row.left_on else ""
        if row.moved_to:
            return self.tr("Moved to {klass} on {date}").format(
                klass=to_persian_digits(row.moved_to), date=day)
        return self.tr("Left the school on {date}").format(date=day)

    def student_id(self, row: int) -> int:
        return self.rows[row].student_id

    def choices(self) -> list[str]:
        """The descriptive levels, best first, for the level picker."""
        return list(DESCRIPTIVE_LABELS.values())

    def validate(self, text: str) -> str | None:
        """The Persian reason ``text`` would be refused, or None (used by the delegate)."""
        try:
            self.parse(text)
        except DaftarError as e:
            return e.message()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable_column(index.column()) \
                or not self.rows[index.row()].editable:
            return False
        comp = self.component_at(index.column())
        edit = CellEdit(self.student_id(index.row()), comp.code, "" if value is None else value)
        return self.write_block([edit])

    # --- writing --------------------------------------------------------------
    def write_block(self, edits: list[CellEdit]) -> bool:
        """Write cells as one transaction and one undo step; False (and ``refused``) if not.

        Each cell carries what the grid showed (``seen``): if another office PC changed it
        meanwhile, nothing is written and ``stale`` asks the page to show their values."""
        keys = [(e.student_id, e.component) for e in edits]
        shown = {k: self._cell(*k) for k in keys}
        edits = [replace(e, seen=shown[(e.student_id, e.component)]) for e in edits]
        if not self._write(edits, None):
            return False
        stored = {k: self._cell(*k) for k in keys}
        if any(shown[k] != stored[k] or type(shown[k]) is not type(stored[k]) for k in keys):
            self.undo_stack.push(_Edit(
                self, [CellEdit(*k, shown[k], seen=stored[k]) for k in keys],
                [CellEdit(*k, stored[k], seen=shown[k]) for k in keys]))
        return True

    def _cell(self, student_id: int, component: str) -> Entry:
        return self.rows[self._row_of[student_id]].cells.get(component)

    def _write(self, edits: Sequence[CellEdit], reason: str | None) -> bool:
        try:
            results = self._write_fn(edits, reason)
        except DaftarError as e:
            self.refused.emit(e.message())
            if e.code == "grade.conflict" or getattr(e, "inner", None) is not None and \
                    e.inner.code == "grade.conflict":
                self.stale.emit()
            return False
        rows: set[int] = set()
        for res in results:
            i = self._row_of[res.student_id]
            old = self.rows[i]
            cells = dict(old.cells)
            if res.entry is None:
                cells.pop(res.component, None)
            else:
                cells[res.component] = res.entry
            self.rows[i] = replace(old, cells=cells, outcome=res.outcome)
            rows.add(i)
        for i in rows:
            self.dataChanged.emit(self.index(i, self.FIXED), self.index(i, self.status_column))
        self.changed.emit()
        return True

    def paste(self, top: int, left: int, text: str) -> bool:
        """A block copied from a spreadsheet (tab-separated lines), from (top, left)."""
        lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and lines[-1] == "":
            lines.pop()
        edits: list[CellEdit] = []
        block = [line.split("\t") for line in lines]
        for value in (v for cells in block for v in cells):   # words first: is it grades?
            try:
                self.parse(value)
            except DaftarError as e:   # a number out of range is named with its cell below
                if e.code == "grade.not_number":
                    self.refused.emit(self.tr("The pasted text is not grades; nothing was "
                                              "pasted. {reason}").format(reason=e.message()))
                    return False
        for r, cells in enumerate(block):
            for c, value in enumerate(cells):
                row, col = top + r, left + c
                if row >= len(self.rows):
                    self.refused.emit(self.tr("The pasted block has more rows than the sheet."))
                    return False
                if not self.is_editable_column(col):
                    header = self.headers[col] if col < len(self.headers) else "?"
                    msg = self.tr("Column «{column}» cannot be edited; nothing was pasted.")
                    self.refused.emit(msg.format(column=header))
                    return False
                if not self.rows[row].editable:
                    msg = self.tr("{name} is no longer in this class ({note}); nothing was "
                                  "pasted.")
                    gone = self.rows[row]
                    self.refused.emit(msg.format(name=f"{gone.first_name} {gone.last_name}",
                                                 note=self.departure(gone)))
                    return False
                edits.append(CellEdit(self.student_id(row), self.component_at(col).code,
                                      value.strip()))
        return bool(edits) and self.write_block(edits)

    def copy(self, cells: list[tuple[int, int]]) -> str:
        """The selected cells as tab-separated text (ASCII digits), for a spreadsheet."""
        if not cells:
            return ""
        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        chosen = set(cells)
        out = []
        for r in rows:
            values = []
            for c in cols:
                if (r, c) not in chosen:
                    values.append("")
                    continue
                idx = self.index(r, c)
                text = self.data(idx, Qt.ItemDataRole.EditRole)
                if text is None:
                    text = self.data(idx, Qt.ItemDataRole.DisplayRole) or ""
                values.append(str(text))
            out.append("\t".join(values))
        return "\n".join(out)

    def refresh(self, data: SheetData) -> bool:
        """New values of the same sheet (another PC's edits), in place: the open editor and
        the selection stay.  False if the rows or columns changed (the page reloads)."""
        if [r.student_id for r in data.rows] != [r.student_id for r in self.rows] or \
                list(data.columns) != self._cols or data.editable != self.sheet.editable:
            return False
        self.sheet = data
        self.rows = list(data.rows)
        self.dataChanged.emit(self.index(0, self.FIXED),
                              self.index(len(self.rows) - 1, self.status_column))
        self.changed.emit()
        return True

    # --- summary --------------------------------------------------------------
    def average(self) -> Decimal | None:
        grades = [r.outcome.grade for r in self.rows
                  if r.editable and r.outcome.grade is not None]
        if self.sheet.descriptive or not grades:
            return None
        return (sum(grades) / len(grades)).quantize(Decimal("0.01"))

    def members(self) -> int:
        """Rows of students still in the class (the others left it: shown, not edited)."""
        return sum(1 for r in self.rows if r.editable)

    def missing(self) -> int:
        """Cells of this session still empty (what stands between the sheet and submission)."""
        codes = [c.code for c in self._cols if c.editable]
        return sum(1 for r in self.rows if r.editable
                   for code in codes if r.cells.get(code) is None)
