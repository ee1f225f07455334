"""Workbook import: a dry run on the worker thread, its per-row plan on screen, then
one all-or-nothing apply on the worker, each with progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DaftarError
from ..domain.text import to_persian_digits
from ..models.db import Database
from ..services import Actor
from ..services.workbook import (
    Action,
    ImportPlan,
    apply_grades,
    apply_students,
    plan_grades,
    plan_students,
)
from .files import ask_open_file
from .tasks import Task, TaskRunner, with_progress
from .widgets import Index, RowTableModel, error_label

COLOURS = {Action.ADD: "#e6f4ea", Action.CHANGE: "#e8f0fe", Action.REFUSE: "#fde2e1"}
RUNNER = TaskRunner()


def inform(parent: QWidget | None, text: str) -> None:
    """A message box; tests replace it."""
    QMessageBox.information(parent, QCoreApplication.translate("ImportDialog", "Daftar"), text)


class PlanModel(RowTableModel):
    def __init__(self, plan: ImportPlan, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.rows = list(plan.rows)
        self.headers = [self.tr("Row"), self.tr("Action"), self.tr("Name"), self.tr("Details")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [to_persian_digits(row.row), Action.LABELS[row.action], row.name,
                    "؛ ".join(to_persian_digits(d) for d in row.details)][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.action in COLOURS:
            return QBrush(QColor(COLOURS[row.action]))
        return None


class ImportDialog(QDialog):
    def __init__(self, plan: ImportPlan, apply: Callable[..., Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import: dry run"))
        self.resize(900, 500)
        self.plan = plan
        self._apply = apply
        self.result_value: Any = None
        self.table = QTableView()
        self.table.setModel(PlanModel(plan, self))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self.tr(
            "{add} to add, {change} to change, {same} unchanged, {refuse} refused").format(
            add=to_persian_digits(plan.count(Action.ADD)),
            change=to_persian_digits(plan.count(Action.CHANGE)),
            same=to_persian_digits(plan.count(Action.SAME)),
            refuse=to_persian_digits(plan.refused)))
        self.message = error_label()
        if plan.refused:
            self.message.setText(DaftarError("import.refused_rows", count=plan.refused).message())
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(self.tr("Apply all"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setEnabled(plan.can_apply)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def apply(self) -> None:
        self.apply_button.setEnabled(False)
        task = Task(self._apply, self.plan)
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        self.task = with_progress(self, RUNNER, task, self.tr("Writing…"))

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.message.setText(error.message() if isinstance(error, DaftarError) else str(error))
        self.apply_button.setEnabled(self.plan.can_apply)


def _run_import(parent: QWidget, title: str, plan_fn: Callable[..., ImportPlan],
                apply_fn: Callable[..., Any], on_done: Callable[[], None],
                path: str | None = None) -> Task | None:
    path = path or ask_open_file(parent, title)
    if not path:
        return None
    task = Task(plan_fn, Path(path))

    def planned(plan: ImportPlan) -> None:
        dialog = ImportDialog(plan, apply_fn, parent)
        parent._import_dialog = dialog  # type: ignore[attr-defined]  # for tests
        dialog.accepted.connect(on_done)
        dialog.accepted.connect(
            lambda: inform(parent, QCoreApplication.translate("ImportDialog", "Imported.")))
        dialog.open()

    def failed(error: Exception) -> None:
        inform(parent, error.message() if isinstance(error, DaftarError) else str(error))

    task.signals.done.connect(planned)
    task.signals.failed.connect(failed)
    label = QCoreApplication.translate("ImportDialog", "Reading the workbook…")
    return with_progress(parent, RUNNER, task, label)


def run_student_import(parent: QWidget, db: Database, year: int, actor: Actor,
                       on_done: Callable[[], None], path: str | None = None) -> Task | None:
    return _run_import(
        parent, QCoreApplication.translate("ImportDialog", "Import students"),
        lambda p, progress, cancel: plan_students(db, p, year, progress, cancel),
        lambda plan, progress, cancel: apply_students(db, plan, actor, progress, cancel),
        on_done, path)


def run_grade_import(parent: QWidget, db: Database, sheet_id: int, actor: Actor,
                     on_done: Callable[[], None], path: str | None = None) -> Task | None:
    return _run_import(
        parent, QCoreApplication.translate("ImportDialog", "Import grades"),
        lambda p, progress, cancel: plan_grades(db, sheet_id, p, progress, cancel),
        lambda plan, progress, cancel: apply_grades(db, plan, actor),
        on_done, path)
