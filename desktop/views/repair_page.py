"""The adult school's page for grade repair and creating an academic record (seed 000):
a past graduate's record asked of the central server by their 19-digit code and
identity, the courses to retake chosen from that record only, the registration kept,
its course-selection slip printed, and the exam's sheets made (then entered on the
Grades tab and approved like any other sheet).

No database session here: ``services.repair`` does the work; the two calls that wait
for the central server run on the worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError
from ..domain.grading import format_grade, parse_stored
from ..domain.repair import RecordCourse
from ..domain.text import isolate, to_persian_digits
from ..domain.verification import format_code
from ..models.db import Database
from ..services import Actor, repair
from .files import ask_save_file
from .tasks import Task, TaskRunner
from .widgets import Index, RowTableModel, error_label, identity_inputs

RUNNER = TaskRunner()


class RegistrationModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[repair.Registration] = []
        self.headers = [self.tr("No."), self.tr("Name"), self.tr("National code"),
                        self.tr("Record code"), self.tr("Courses")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return [to_persian_digits(r.id), r.name, to_persian_digits(r.identity),
                format_code(r.record_code), "، ".join(c.name for c in r.courses)
                ][index.column()]


class RepairPage(QWidget):
    """Registration, slip and the exam's sheets; ``classes_changed`` when sheets are made."""

    classes_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._record: list[RecordCourse] = []
        self.record_code = QLineEdit()
        self.record_code.setPlaceholderText("۰۸۱۴۰۵۴۲۷۳۵۹۳۵۵۱۷۸۸")
        self.kind, self.who, self.secret = identity_inputs()
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Woman"), "F")
        self.gender.addItem(self.tr("Man"), "M")
        form = QFormLayout()
        form.addRow(self.tr("Academic-record code"), self.record_code)
        form.addRow(self.tr("Identity"), self.kind)
        form.addRow(self.tr("National code or id"), self.who)
        form.addRow(self.tr("Second proof"), self.secret)
        form.addRow(self.tr("Gender"), self.gender)
        self.show_button = QPushButton(self.tr("Show the graduate's record"))
        self.courses = QListWidget()
        self.register_button = QPushButton(self.tr("Register for the checked courses"))
        self.register_button.setEnabled(False)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = error_label()
        left = QGroupBox(self.tr("Register a past graduate (20 to 30 Farvardin)"))
        box = QVBoxLayout()
        box.addLayout(form)
        box.addWidget(self.show_button)
        box.addWidget(QLabel(self.tr("Final-exam courses of the record (check those to "
                                     "retake):")))
        box.addWidget(self.courses, 1)
        box.addWidget(self.register_button)
        box.addWidget(self.info)
        box.addWidget(self.error)
        left.setLayout(box)
        self.model = RegistrationModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)   # the last column too at its text's width
        self.slip_button = QPushButton(self.tr("Print the selected course-selection slip…"))
        self.session = QComboBox()
        for k in (SessionKind.KHORDAD, SessionKind.SHAHRIVAR):
            self.session.addItem(k.label_fa, k.value)
        self.exam_button = QPushButton(self.tr("Make the exam's grade sheets"))
        exam_row = QHBoxLayout()
        exam_row.addWidget(self.slip_button)
        exam_row.addStretch(1)
        exam_row.addWidget(QLabel(self.tr("Session")))
        exam_row.addWidget(self.session)
        exam_row.addWidget(self.exam_button)
        right = QGroupBox(self.tr("Registered graduates"))
        rbox = QVBoxLayout()
        rbox.addWidget(self.table, 1)
        rbox.addLayout(exam_row)
        right.setLayout(rbox)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 2)
        layout.addWidget(right, 3)
        self.show_button.clicked.connect(lambda: self.show_record())
        self.register_button.clicked.connect(lambda: self.register())
        self.slip_button.clicked.connect(lambda: self.print_slip())
        self.exam_button.clicked.connect(self.make_exam)
        self.load()

    def load(self) -> None:
        self.model.set_rows(repair.registrations(self._db))

    def _identity(self) -> tuple[str, str, str, str]:
        return (self.record_code.text(), self.kind.currentData(), self.who.text(),
                self.secret.text())

    def _say(self, info: str = "", error: str = "") -> None:
        self.info.setText(info)
        self.error.setText(error)

    def _failed(self, error: Exception) -> None:
        self.show_button.setEnabled(True)
        self.register_button.setEnabled(bool(self._record))
        self._say(error=error.message() if isinstance(error, DaftarError) else str(error))

    def show_record(self) -> Task:
        """The graduate's final-exam courses, asked of the central server (worker)."""
        self._say(self.tr("Asking the central server…"))
        self.show_button.setEnabled(False)
        code, kind, value, secret = self._identity()
        task = Task(lambda progress, cancel: repair.graduate_courses(
            self._db, code, kind, value, secret))
        task.signals.done.connect(self._shown)
        task.signals.failed.connect(self._failed)
        return RUNNER.start(task)

    def _shown(self, answer: tuple[dict[str, str], list[RecordCourse]]) -> None:
        person, record = answer
        self.show_button.setEnabled(True)
        self._record = record
        self.courses.clear()
        for c in record:
            item = QListWidgetItem(self.tr("{course} (grade {level}, {year}): {grade}").format(
                course=c.name, level=to_persian_digits(c.grade_level),
                year=to_persian_digits(c.year), grade=format_grade(parse_stored(c.grade))))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, c.code)
            self.courses.addItem(item)
        self.register_button.setEnabled(bool(record))
        self._say(self.tr("{name}, father {father}: {n} courses in the record.").format(
            name=f"{person['first']} {person['last']}", father=person["father"],
            n=to_persian_digits(len(record))))

    def checked(self) -> list[str]:
        return [self.courses.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.courses.count())
                if self.courses.item(i).checkState() == Qt.CheckState.Checked]

    def register(self) -> Task:
        """Keep the registration for the checked courses (the centre checks it again)."""
        code, kind, value, secret = self._identity()
        wanted, gender = self.checked(), self.gender.currentData()
        self.register_button.setEnabled(False)
        task = Task(lambda progress, cancel: repair.register(
            self._db, self._actor, code, kind, value, secret, wanted, gender=gender))
        task.signals.done.connect(self._registered)
        task.signals.failed.connect(self._failed)
        return RUNNER.start(task)

    def _registered(self, reg: repair.Registration) -> None:
        self.register_button.setEnabled(True)
        self.load()
        self._say(self.tr("Registration {n} with {k} courses; print its slip.").format(
            n=to_persian_digits(reg.id), k=to_persian_digits(len(reg.courses))))

    def print_slip(self, path: str | None = None) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            self._say(error=self.tr("Choose a registration in the table first."))
            return
        reg = self.model.rows[current.row()]
        path = path or ask_save_file(self, self.tr("Course-selection slip (PDF)"),
                                     f"selection-{reg.id}.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            n = repair.selection_slip(self._db, reg.id, Path(path))
        except DaftarError as e:
            self._say(error=e.message())
            return
        self._say(self.tr("The slip ({n} courses) saved to {path}").format(
            n=to_persian_digits(n), path=isolate(path)))

    def make_exam(self) -> None:
        try:
            sheets = repair.prepare_exam(self._db, self._actor,
                                         SessionKind(self.session.currentData()))
        except DaftarError as e:
            self._say(error=e.message())
            return
        self.classes_changed.emit()
        self._say(self.tr("{n} grade sheets ready on the Grades tab: {names}").format(
            n=to_persian_digits(len(sheets)),
            names="، ".join(f"{x.class_name} ({to_persian_digits(x.candidates)})"
                           for x in sheets)))
