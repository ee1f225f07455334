"""Add or edit a student: identity checked as typed, Jalali birth date, enrolment (a
student already in a class is moved, or marked as left, from «Move or leave…»).

Nothing is written until the whole record passes the domain's checks; a refusal
shows the Persian reason in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..domain.calendar import format_jalali
from ..domain.errors import DaftarError
from ..domain.identity import ForeignIdType, normalize_national_code
from ..domain.text import to_persian_digits
from ..models.db import Database
from ..services import DEFAULT_ACTOR, Actor
from ..services.school import list_classes
from ..services.students import StudentInfo, StudentInput, save_student
from .widgets import save_or_cancel

if TYPE_CHECKING:
    from .enrollment_dialog import EnrollmentDialog

NATIONAL = "national"


class StudentDialog(QDialog):
    def __init__(self, db: Database, year: int, student: StudentInfo | None = None,
                 class_id: int | None = None, actor: Actor = DEFAULT_ACTOR,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._year, self._student, self._actor = db, year, student, actor
        self.saved: StudentInfo | None = None
        self.setWindowTitle(self.tr("Edit student") if student else self.tr("New student"))

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Iranian (national code)"), NATIONAL)
        for t in ForeignIdType:
            self.kind.addItem(t.label_fa, t.value)
        self.identity = QLineEdit()
        self.identity_hint = QLabel()
        self.first_name, self.last_name, self.father_name = QLineEdit(), QLineEdit(), QLineEdit()
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Girl"), "F")
        self.gender.addItem(self.tr("Boy"), "M")
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText("۱۳۹۰/۰۱/۱۵")
        self.birth_place = QLineEdit()
        self.serial = QLineEdit()
        self.record_code = QLineEdit()
        self.record_code.setPlaceholderText(self.tr("19 digits, once issued"))
        self.klass = QComboBox()
        self.klass.addItem("—", None)
        self.classes = list_classes(db, year)
        for c in self.classes:
            self.klass.addItem(to_persian_digits(c.name), c.id)

        form = QFormLayout()
        form.addRow(self.tr("Identity"), self.kind)
        form.addRow(self.tr("Code"), self.identity)
        form.addRow("", self.identity_hint)
        form.addRow(self.tr("First name"), self.first_name)
        form.addRow(self.tr("Last name"), self.last_name)
        form.addRow(self.tr("Father's name"), self.father_name)
        form.addRow(self.tr("Gender"), self.gender)
        form.addRow(self.tr("Birth date"), self.birth_date)
        form.addRow(self.tr("Birth place"), self.birth_place)
        form.addRow(self.tr("Birth certificate serial"), self.serial)
        form.addRow(self.tr("Educational record code"), self.record_code)
        self.move_button = QPushButton(self.tr("Move or leave…"))
        self.move_button.setVisible(student is not None and student.class_id is not None)
        self.move_button.clicked.connect(self.move_or_leave)
        klass_row = QHBoxLayout()
        klass_row.addWidget(self.klass, 1)
        klass_row.addWidget(self.move_button)
        form.addRow(self.tr("Class"), klass_row)
        self.arriving_button = QPushButton(self.tr("From another school (a transfer)…"))
        self.arriving_button.setVisible(student is None)
        self.arriving_button.clicked.connect(lambda: self.arriving())
        form.addRow("", self.arriving_button)
        self.message, self.buttons = save_or_cancel(self, form, self.save)
        self.identity.textChanged.connect(self._check_identity)

        if student is not None:
            self._fill(student)
        elif class_id is not None:
            self.klass.setCurrentIndex(self.klass.findData(class_id))

    def _fill(self, st: StudentInfo) -> None:
        if st.national_code:
            self.identity.setText(st.national_code)
        else:
            self.kind.setCurrentIndex(self.kind.findData(st.foreign_id_type))
            self.identity.setText(st.foreign_id_value or "")
        self.first_name.setText(st.first_name)
        self.last_name.setText(st.last_name)
        self.father_name.setText(st.father_name)
        self.gender.setCurrentIndex(self.gender.findData(st.gender))
        self.birth_date.setText(format_jalali(st.birth_date))
        self.birth_place.setText(st.birth_place)
        self.serial.setText(st.birth_cert_serial or "")
        self.record_code.setText(st.record_code or "")
        self.klass.setCurrentIndex(max(0, self.klass.findData(st.class_id)))
        if st.class_id is not None:  # a class of the year is changed by a move, with its day
            self.klass.setEnabled(False)
            self.klass.setToolTip(self.tr("To change the class, use «Move or leave…»."))

    def move_or_leave(self) -> EnrollmentDialog | None:
        """The move-or-leave dialog for this student; once saved, this dialog closes too
        (the student's class has changed under it)."""
        from .enrollment_dialog import EnrollmentDialog

        if self._student is None:
            return None
        dialog = EnrollmentDialog(self._db, self._year, self._student, self._actor, self)
        dialog.accepted.connect(self.accept)
        dialog.open()
        return dialog

    def arriving(self):  # type: ignore[no-untyped-def]
        """The dialog for a student transferred here (:mod:`.transfer_dialog`); once they
        are enrolled, this dialog closes too."""
        from .transfer_dialog import TransferInDialog

        dialog = TransferInDialog(self._db, self._year, self._actor, self)
        dialog.accepted.connect(self.accept)
        dialog.open()
        return dialog

    def _check_identity(self, text: str) -> None:
        """Says as soon as ten digits are typed whether the national code is valid."""
        if self.kind.currentData() != NATIONAL or len(text.strip()) < 10:
            self.identity_hint.clear()
            return
        try:
            normalize_national_code(text)
        except DaftarError as e:
            self.identity_hint.setText(e.message())
        else:
            self.identity_hint.setText(self.tr("National code is valid."))

    def student_input(self) -> StudentInput:
        national = self.kind.currentData() == NATIONAL
        return StudentInput(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            father_name=self.father_name.text(), gender=self.gender.currentData(),
            birth_date=self.birth_date.text(), birth_place=self.birth_place.text(),
            national_code=self.identity.text() if national else None,
            foreign_id_type=None if national else self.kind.currentData(),
            foreign_id_value=None if national else self.identity.text(),
            birth_cert_serial=self.serial.text() or None,
            record_code=self.record_code.text() or None)

    def save(self) -> None:
        try:
            saved = save_student(self._db, self._student.id if self._student else None,
                                 self.student_input(), self.klass.currentData(), self._actor)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.saved = saved
        self.accept()
