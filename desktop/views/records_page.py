"""The page for documents worth something outside the school: diplomas from the paper
archive on their way to a code, academic confirmations for graduates, students'
19-digit academic-record codes, and the review window (grade record, objections).

The page holds no database session: it reads and writes through
``services.legacy`` and ``services.confirmations``.  Asking the central server for a
confirmation waits for the network, so it runs on the worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError
from ..domain.text import isolate, to_persian_digits
from ..domain.verification import format_code
from ..models.db import Database
from ..services import Actor, confirmations, legacy, record_codes, review
from .files import ask_save_file
from .tasks import Task, TaskRunner
from .widgets import Index, RowTableModel, error_label, identity_inputs

RUNNER = TaskRunner()


class LegacyModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[legacy.LegacyInfo] = []
        # the code beside the name: what the list is for, in view without scrolling
        self.headers = [self.tr("Name"), self.tr("Verification code"), self.tr("National code"),
                        self.tr("Graduated"), self.tr("Field"), self.tr("Average"),
                        self.tr("State")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.rows[index.row()]
        state = e.state.label_fa + (f" — {e.reason}" if e.reason else "")
        return [e.name, format_code(e.code) if e.code else "—", to_persian_digits(e.identity),
                to_persian_digits(e.graduated), e.field, to_persian_digits(e.average),
                state][index.column()]


FIELDS = ("national", "first", "last", "father", "birth", "serial", "field", "graduated",
          "average", "ledger")


class RecordsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        # archived diplomas
        self.inputs = {name: QLineEdit() for name in FIELDS}
        labels = (self.tr("National code"), self.tr("First name"), self.tr("Last name"),
                  self.tr("Father's name"), self.tr("Birth date (Jalali)"),
                  self.tr("Birth certificate serial"), self.tr("Field"),
                  self.tr("Year graduated (Jalali)"), self.tr("Diploma average"),
                  self.tr("Place in the archive ledger"))
        form = QFormLayout()
        for name, label in zip(FIELDS, labels, strict=True):
            form.addRow(label, self.inputs[name])
        self.inputs["birth"].setPlaceholderText("۱۳۶۰/۰۵/۰۱")
        self.inputs["ledger"].setPlaceholderText(self.tr("volume 2, page 45"))
        self.file_button = QPushButton(self.tr("File for district and province approval"))
        self.print_button = QPushButton(self.tr("Print the selected diploma's code page…"))
        self.legacy_error = error_label()
        self.legacy_info = QLabel()
        self.legacy_info.setWordWrap(True)
        self.model = LegacyModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)   # the last column too at its text's width
        archive = QGroupBox(self.tr("Diplomas from the archive"))
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.print_button)
        left.addLayout(buttons)
        left.addWidget(self.legacy_error)
        left.addWidget(self.legacy_info)
        left.addStretch(1)
        top.addLayout(left, 1)
        top.addWidget(self.table, 2)
        archive.setLayout(top)
        # academic confirmation
        self.kind, self.who, self.secret = identity_inputs()
        self.confirm_button = QPushButton(self.tr("Ask the central server for a "
                                                  "confirmation (PDF)…"))
        self.confirm_result = QLabel()
        self.confirm_result.setWordWrap(True)
        self.confirm_error = error_label()
        conf_form = QFormLayout()
        conf_form.addRow(self.tr("Identity"), self.kind)
        conf_form.addRow(self.tr("National code or id"), self.who)
        conf_form.addRow(self.tr("Second proof"), self.secret)
        confirm = QGroupBox(self.tr("Academic confirmation"))
        box = QVBoxLayout()
        box.addLayout(conf_form)
        box.addWidget(self.confirm_button)
        box.addWidget(self.confirm_result)
        box.addWidget(self.confirm_error)
        confirm.setLayout(box)
        # the academic-record code
        self.record_student = QLineEdit()
        self.record_student.setPlaceholderText(self.tr("the student's national code or id"))
        self.record_button = QPushButton(self.tr("Get the 19-digit record code and print "
                                                 "its slip…"))
        self.record_result = QLabel()
        self.record_result.setWordWrap(True)
        self.record_error = error_label()
        record = QGroupBox(self.tr("Academic-record code"))
        rec = QVBoxLayout()
        rec.addWidget(self.record_student)
        rec.addWidget(self.record_button)
        rec.addWidget(self.record_result)
        rec.addWidget(self.record_error)
        record.setLayout(rec)
        # the review window: the grade record to check, an objection for the district
        self.review_student = QLineEdit()
        self.review_student.setPlaceholderText(self.tr("the student's national code or id"))
        self.review_course = QLineEdit()
        self.review_session = QComboBox()
        for k in SessionKind:
            self.review_session.addItem(k.label_fa, k.value)
        self.review_reason = QLineEdit()
        self.review_print = QPushButton(self.tr("Print the grade record to check…"))
        self.review_object = QPushButton(self.tr("File the objection"))
        self.review_info = QLabel()
        self.review_info.setWordWrap(True)
        self.review_error = error_label()
        review_form = QFormLayout()
        review_form.addRow(self.tr("Student"), self.review_student)
        review_form.addRow(self.tr("Course"), self.review_course)
        review_form.addRow(self.tr("Session"), self.review_session)
        review_form.addRow(self.tr("Objection"), self.review_reason)
        review_box = QGroupBox(self.tr("Review window (10 Khordad to 10 Tir)"))
        rv = QVBoxLayout()
        rv.addLayout(review_form)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.review_print)
        buttons2.addWidget(self.review_object)
        rv.addLayout(buttons2)
        rv.addWidget(self.review_info)
        rv.addWidget(self.review_error)
        review_box.setLayout(rv)
        layout = QVBoxLayout(self)
        layout.addWidget(archive, 3)
        lower = QHBoxLayout()
        lower.addWidget(confirm, 1)
        lower.addWidget(record, 1)
        lower.addWidget(review_box, 1)
        layout.addLayout(lower, 2)
        self.review_print.clicked.connect(lambda: self.print_record())
        self.review_object.clicked.connect(self.file_objection)
        self.record_button.clicked.connect(lambda: self.ask_record_code())
        self.file_button.clicked.connect(self.file_entry)
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.confirm_button.clicked.connect(lambda: self.ask_confirmation())
        self.load()

    def load(self) -> None:
        self.model.set_rows(legacy.entries(self._db))

    def file_entry(self) -> None:
        v = {name: w.text() for name, w in self.inputs.items()}
        try:
            info = legacy.file(self._db, self._actor, v["national"], v["first"], v["last"],
                               v["father"], v["birth"], v["serial"], v["field"],
                               v["graduated"], v["average"], v["ledger"])
        except DaftarError as e:
            self.legacy_error.setText(e.message())
            self.legacy_info.setText("")
            return
        self.legacy_error.setText("")
        for w in self.inputs.values():
            w.clear()
        self.load()
        self.legacy_info.setText(self.tr("Filed as entry {n}; the next sync sends it.").format(
            n=to_persian_digits(info.id)))

    def selected(self) -> legacy.LegacyInfo | None:
        current = self.table.currentIndex()
        return self.model.rows[current.row()] if current.isValid() else None

    def print_selected(self, path: str | None = None) -> None:
        entry = self.selected()
        if entry is None:
            self.legacy_error.setText(self.tr("Choose a diploma in the table first."))
            return
        path = path or ask_save_file(self, self.tr("Code page (PDF)"), f"legacy-{entry.id}.pdf",
                                     "PDF (*.pdf)")
        if not path:
            return
        try:
            legacy.render(self._db, entry.id, Path(path))
        except DaftarError as e:
            self.legacy_error.setText(e.message())
            return
        self.legacy_error.setText("")
        self.legacy_info.setText(self.tr("Saved {path}").format(path=isolate(path)))

    def ask_confirmation(self, path: str | None = None) -> Task | None:
        path = path or ask_save_file(self, self.tr("Academic confirmation (PDF)"),
                                     "confirmation.pdf", "PDF (*.pdf)")
        if not path:
            return None
        self.confirm_error.setText("")
        self.confirm_result.setText(self.tr("Asking the central server…"))
        self.confirm_button.setEnabled(False)
        task = Task(lambda progress, cancel: confirmations.request(
            self._db, self._actor, self.kind.currentData(), self.who.text(), self.secret.text(),
            Path(path)))
        task.signals.done.connect(self._confirmed)
        task.signals.failed.connect(self._refused)
        return RUNNER.start(task)

    def _confirmed(self, done: confirmations.Confirmation) -> None:
        self.confirm_button.setEnabled(True)
        again = self.tr(" (the one issued before)") if done.replay else ""
        self.confirm_result.setText(self.tr("Confirmation {code} saved to {path}{again}").format(
            code=format_code(done.code), path=isolate(str(done.path)), again=again))

    def _refused(self, error: Exception) -> None:
        self.confirm_button.setEnabled(True)
        self.confirm_result.setText("")
        self.confirm_error.setText(error.message() if isinstance(error, DaftarError)
                                   else str(error))

    def ask_record_code(self, path: str | None = None) -> Task | None:
        """Ask the central server (worker thread), keep the code, print the slip."""
        typed = self.record_student.text()
        path = path or ask_save_file(self, self.tr("Record code slip (PDF)"), "record-code.pdf",
                                     "PDF (*.pdf)")
        if not path:
            return None
        self.record_error.setText("")
        self.record_result.setText(self.tr("Asking the central server…"))
        self.record_button.setEnabled(False)

        def work(progress: object, cancel: object) -> tuple[str, bool]:
            code, before = record_codes.request(self._db, self._actor, typed)
            record_codes.slip(self._db, typed, Path(path))
            return code, before

        task = Task(work)
        task.signals.done.connect(lambda r: self._recorded(r, path))
        task.signals.failed.connect(self._record_refused)
        return RUNNER.start(task)

    def _recorded(self, result: tuple[str, bool], path: str) -> None:
        self.record_button.setEnabled(True)
        code, before = result
        again = self.tr(" (had it already)") if before else ""
        self.record_result.setText(self.tr("Record code {code}{again}; slip saved to {path}")
                                   .format(code=format_code(code), again=again,
                                           path=isolate(path)))

    def _record_refused(self, error: Exception) -> None:
        self.record_button.setEnabled(True)
        self.record_result.setText("")
        self.record_error.setText(error.message() if isinstance(error, DaftarError)
                                  else str(error))

    def print_record(self, path: str | None = None) -> None:
        """The student's grade record to check (only in the review window)."""
        typed = self.review_student.text()
        path = path or ask_save_file(self, self.tr("Grade record (PDF)"), "grade-record.pdf",
                                     "PDF (*.pdf)")
        if not path:
            return
        try:
            lines = review.grade_record(self._db, typed, Path(path))
        except DaftarError as e:
            self.review_error.setText(e.message())
            self.review_info.setText("")
            return
        self.review_error.setText("")
        self.review_info.setText(self.tr("{n} lines saved to {path}").format(
            n=to_persian_digits(lines), path=isolate(path)))

    def file_objection(self) -> None:
        try:
            info = review.file_objection(
                self._db, self._actor, self.review_student.text(), self.review_course.text(),
                SessionKind(self.review_session.currentData()), self.review_reason.text())
        except DaftarError as e:
            self.review_error.setText(e.message())
            self.review_info.setText("")
            return
        self.review_error.setText("")
        self.review_reason.clear()
        self.review_info.setText(self.tr("Objection {n} filed; the next sync sends it to the "
                                         "district.").format(n=to_persian_digits(info.id)))
