"""The grades page: choose session and course for the class picked in the tree, then type."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError
from ..domain.grading import DEFAULT_POLICY, format_grade
from ..domain.text import isolate, to_persian_digits
from ..models.db import Database
from ..services import DEFAULT_ACTOR, Actor
from ..services.grades import open_sheet, read_sheet, write_grades
from ..services.school import get_class, list_courses
from .files import ask_save_file
from .grade_model import GradeSheetModel
from .grade_table import GradeTable
from .widgets import error_label


class GradePage(QWidget):
    status = Signal(str)
    remote_change = Signal(int)  # a sheet another office PC changed (from the listener thread)

    def __init__(self, db: Database, actor: Actor = DEFAULT_ACTOR,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._class_id: int | None = None
        self.model: GradeSheetModel | None = None

        self.session = QComboBox()
        for kind in SessionKind:
            self.session.addItem(kind.label_fa, kind.value)
        self.session.setCurrentIndex(1)  # Khordad: both terms and the annual grade
        self.course = QComboBox()
        self.course.setMinimumWidth(220)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.export_button = QPushButton(self.tr("Export to Excel"))
        self.import_button = QPushButton(self.tr("Import from Excel"))
        self.list_button = QPushButton(self.tr("Grade list (PDF)"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Session:")))
        top.addWidget(self.session)
        top.addWidget(QLabel(self.tr("Course:")))
        top.addWidget(self.course, 1)
        top.addWidget(self.undo_button)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        top.addWidget(self.list_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff4e5; color: #7a4b00; padding: 6px; }")
        self.banner.hide()
        self.message = error_label()
        self.table = GradeTable()
        self.table.delegate.refused.connect(self.show_refusal)
        self.table.cancelled.connect(lambda: self.message.setText(""))
        self.summary = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)

        undo = QAction(self.tr("Undo"), self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.undo)
        redo = QAction(self.tr("Redo"), self)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        redo.triggered.connect(self.redo)
        self.addActions([undo, redo])
        history = QAction(self.tr("History of this grade"), self)
        history.triggered.connect(self.show_history)
        self.table.addAction(history)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.undo_button.clicked.connect(self.undo)
        self.export_button.clicked.connect(self.export_sheet)
        self.import_button.clicked.connect(self.import_sheet)
        self.list_button.clicked.connect(lambda: self.print_list())
        self.session.currentIndexChanged.connect(self.load)
        self.course.currentIndexChanged.connect(self.load)
        # A school shared by several PCs (PostgreSQL): their edits appear in this grid.
        from ..services.live import Listener

        self.remote_change.connect(self.on_remote_change)
        self.listener = Listener(db, self.remote_change.emit).start()

    def stop_live(self) -> None:
        self.listener.stop()

    def on_remote_change(self, sheet_id: int) -> None:
        if self.model is not None and self.model.sheet.sheet_id == sheet_id:
            self.reload_values()

    def reload_values(self) -> None:
        """The stored values of the open sheet, kept in place when its shape is the same."""
        if self.model is None:
            return
        data = read_sheet(self._db, self.model.sheet.sheet_id, actor=self._actor)
        message = self.message.text()  # a refusal that asked for this reload stays in view
        if not self.model.refresh(data):
            self.load()
        self.message.setText(message)

    # --- choosing -------------------------------------------------------------
    def set_class(self, class_id: int | None) -> None:
        self._class_id = class_id
        self.course.blockSignals(True)
        self.course.clear()
        if class_id is not None:
            for c in list_courses(self._db, class_id):
                self.course.addItem(to_persian_digits(c.name), c.id)
        self.course.blockSignals(False)
        self.load()

    def select(self, session: SessionKind, course_id: int) -> None:
        self.session.blockSignals(True)
        self.session.setCurrentIndex(self.session.findData(session.value))
        self.session.blockSignals(False)
        self.course.setCurrentIndex(self.course.findData(course_id))
        self.load()

    def load(self) -> None:
        self.message.clear()
        course_id = self.course.currentData()
        if self._class_id is None or course_id is None:
            self.table.setModel(None)
            self.model = None
            self.summary.setText(self.tr("Choose a class in the list and a course."))
            return
        kind = SessionKind(self.session.currentData())
        sheet_id = open_sheet(self._db, self._class_id, course_id, kind)
        data = read_sheet(self._db, sheet_id, actor=self._actor)
        klass = get_class(self._db, self._class_id)
        course = next(c for c in list_courses(self._db, self._class_id) if c.id == course_id)
        scheme = DEFAULT_POLICY.scheme_for(klass.grade_level, course.has_final,
                                           course.national_exam, course.exam_only)
        write = partial(self._write, sheet_id)
        self.model = GradeSheetModel(data, write, scheme.parse, self)
        self.model.refused.connect(self.show_refusal)
        self.model.stale.connect(self.reload_values)
        self.model.changed.connect(self._update_summary)
        self.model.changed.connect(self.message.clear)
        self.table.setModel(self.model)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 130)
        notes = []
        if not data.editable:
            notes.append(self.tr("Read only. {reason}").format(reason=data.lock_reason))
        if data.last_reason:  # sent back: the office must see why, editable or not
            notes.append(self.tr("Last reason: {reason}").format(reason=data.last_reason))
        self.banner.setText(" ".join(notes))
        self.banner.setVisible(bool(notes))
        if data.editable:
            first = next((c for c in range(self.model.columnCount())
                          if self.model.is_editable_column(c)), 0)
            self.table.setCurrentIndex(self.model.index(0, first))
        self._update_summary()

    def _write(self, sheet_id: int, edits, reason):  # type: ignore[no-untyped-def]
        return write_grades(self._db, sheet_id, edits, self._actor, reason=reason)

    # --- feedback -------------------------------------------------------------
    def show_refusal(self, text: str) -> None:
        self.message.setText(text)
        self.status.emit(text)

    def _update_summary(self) -> None:
        if self.model is None:
            return
        parts = [self.tr("{n} students").format(n=to_persian_digits(self.model.members()))]
        gone = self.model.rowCount() - self.model.members()
        if gone:
            parts.append(self.tr("{n} no longer in the class (at the foot, read-only)").format(
                n=to_persian_digits(gone)))
        average = self.model.average()
        if average is not None:
            parts.append(self.tr("class average {avg}").format(avg=format_grade(average)))
        missing = self.model.missing()
        if missing:
            parts.append(self.tr("{n} cells still empty").format(n=to_persian_digits(missing)))
        self.summary.setText(" — ".join(parts))

    def show_history(self) -> QWidget | None:
        """Who changed the current cell, when, from what to what and why."""
        if self.model is None:
            return None
        index = self.table.currentIndex()
        comp = self.model.component_at(index.column()) if index.isValid() else None
        if comp is None:
            return None
        from .approval_pages import HistoryDialog

        row = self.model.sheet.rows[index.row()]
        dialog = HistoryDialog(self._db, self.model.sheet.sheet_id,
                               self.model.student_id(index.row()), comp.code,
                               f"{row.first_name} {row.last_name} — {comp.label}", self)
        dialog.open()
        return dialog

    def undo(self) -> None:
        if self.model is not None:
            self.model.undo_stack.undo()

    def redo(self) -> None:
        if self.model is not None:
            self.model.undo_stack.redo()

    # --- workbooks ------------------------------------------------------------
    def export_sheet(self, path: str | None = None) -> None:
        """Write the sheet to a workbook on the worker thread (progress, Cancel)."""
        if self.model is None:
            return
        from ..services.workbook import export_sheet
        from .import_dialog import RUNNER, inform
        from .tasks import Task, with_progress

        data = self.model.sheet
        path = path or ask_save_file(self, self.tr("Export grade sheet"),
                                     f"{data.class_name} - {data.course_name}.xlsx")
        if not path:
            return
        task = Task(lambda target, progress, cancel: export_sheet(self._db, data.sheet_id,
                                                                  target), Path(path))
        task.signals.done.connect(
            lambda _r: self.status.emit(self.tr("Saved {path}").format(path=isolate(path))))
        task.signals.failed.connect(lambda e: inform(
            self, e.message() if isinstance(e, DaftarError) else str(e)))
        self.export_task = with_progress(self, RUNNER, task, self.tr("Export grade sheet"))

    def print_list(self, path: str | None = None) -> None:
        """The grade sheet as a PDF for signatures, written on the worker thread."""
        if self.model is None:
            return
        from ..services.lists import grade_sheet_pdf
        from .import_dialog import RUNNER, inform
        from .tasks import Task, with_progress

        data = self.model.sheet
        path = path or ask_save_file(self, self.tr("Grade list (PDF)"),
                                     f"{data.class_name} - {data.course_name}.pdf", "PDF (*.pdf)")
        if not path:
            return
        task = Task(lambda target, progress, cancel: grade_sheet_pdf(
            self._db, data.sheet_id, target, self._actor), Path(path))
        task.signals.done.connect(
            lambda _r: self.status.emit(self.tr("Saved {path}").format(path=isolate(path))))
        task.signals.failed.connect(lambda e: inform(
            self, e.message() if isinstance(e, DaftarError) else str(e)))
        self.list_task = with_progress(self, RUNNER, task, self.tr("Grade list (PDF)"))

    def import_sheet(self) -> None:
        if self.model is None:
            return
        from .import_dialog import run_grade_import

        run_grade_import(self, self._db, self.model.sheet.sheet_id, self._actor,
                         on_done=self.load)

