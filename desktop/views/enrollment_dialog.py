"""Move a student to another class of the year, record that they left the school, or
send them to another school (a transfer through the central server: its slip number is
said when it is saved).

The choice of classes holds only those of the student's grade and track (a change of
track has its own procedure); the day is a Jalali date, today unless typed.  The
student's classes so far are listed, so the clerk sees what the change will add to.
Nothing is written until :mod:`desktop.services.enrollment` accepts it; a refusal shows
its Persian reason and the dialog stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from ..domain.calendar import format_jalali, parse_jalali, school_year_shown, today_tehran
from ..domain.errors import DaftarError
from ..domain.text import isolate, to_persian_digits
from ..models.db import Database
from ..services import Actor
from ..services.enrollment import history, mark_left, move_student
from ..services.school import list_classes
from ..services.students import StudentInfo
from .widgets import save_or_cancel


class EnrollmentDialog(QDialog):
    def __init__(self, db: Database, year: int, student: StudentInfo, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._year, self._student, self._actor = db, year, student, actor
        name = f"{student.first_name} {student.last_name}"
        self.setWindowTitle(self.tr("Move or leave: {name}").format(name=name))

        classes = list_classes(db, year)
        here = next((c for c in classes if c.id == student.class_id), None)
        self.move = QRadioButton(self.tr("Move to another class of the year"))
        self.leave = QRadioButton(self.tr("Left the school"))
        self.transfer = QRadioButton(self.tr("Transferred to another school"))
        self.to_school = QLineEdit()
        self.to_school.setPlaceholderText(self.tr("the 8-digit code of the school"))
        self.slip: str | None = None  # a transfer's slip number, once saved
        self.klass = QComboBox()
        for c in classes:
            if here is not None and c.id != here.id and \
                    (c.grade_level, c.field_code) == (here.grade_level, here.field_code):
                self.klass.addItem(to_persian_digits(c.name), c.id)
        self.move.setEnabled(self.klass.count() > 0)
        (self.move if self.klass.count() else self.leave).setChecked(True)
        self.day = QLineEdit(format_jalali(today_tehran(db.clock())))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. moved to another city"))
        stays = [self.tr("{year}: {klass}, from {since} to {until}").format(
            year=school_year_shown(h.school_year), klass=to_persian_digits(h.class_name),
            since=format_jalali(h.enrolled_on),
            until=format_jalali(h.left_on) if h.left_on else self.tr("now"))
            for h in history(db, student.id)]
        self.history = QLabel("\n".join(stays) or self.tr("Not in any class yet."))
        self.history.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Now in"), QLabel(to_persian_digits(here.name) if here else "—"))
        form.addRow(self.move)
        form.addRow(self.tr("Class"), self.klass)
        form.addRow(self.leave)
        form.addRow(self.transfer)
        form.addRow(self.tr("School code"), self.to_school)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("On"), self.day)
        form.addRow(self.tr("Classes so far"), self.history)
        self.message, self.buttons = save_or_cancel(self, form, self.save)
        self.setMinimumWidth(460)  # the reason's hint and a refusal read whole, not cut
        for button in (self.move, self.leave, self.transfer):
            button.toggled.connect(self._choice)
        self._choice()

    def _choice(self) -> None:
        moving = self.move.isChecked()
        self.klass.setEnabled(moving)
        self.reason.setEnabled(not moving)
        self.to_school.setEnabled(self.transfer.isChecked())

    def save(self) -> None:
        try:
            day = parse_jalali(self.day.text())
            if self.move.isChecked():
                move_student(self._db, self._actor, self._student.id, self.klass.currentData(),
                             day)
            elif self.transfer.isChecked():
                from ..services.transfers import transfer_out

                done = transfer_out(self._db, self._actor, self._student.id,
                                    self.to_school.text(), day,
                                    self.reason.text().strip() or None)
                self.slip = done.slip
                self._slip_file(done.id)
            else:
                mark_left(self._db, self._actor, self._student.id, self._year, day,
                          self.reason.text().strip() or None)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.accept()

    def _slip_file(self, transfer_id: int) -> None:
        """Say the slip's number, and write the slip (PDF) where the office chooses."""
        from pathlib import Path

        from ..services.transfers import print_slip
        from .files import ask_save_file  # looked up now: tests answer it
        from .import_dialog import inform

        slip = to_persian_digits(self.slip)
        path = ask_save_file(self, self.tr("Save the transfer slip"),
                             f"transfer-{self.slip}.pdf", "PDF (*.pdf)")
        if path:
            print_slip(self._db, transfer_id, Path(path), self._actor)
        said = self.tr("The transfer was recorded. Its slip number, for the family to take "
                       "to the new school: {slip}").format(slip=slip)
        if path:
            said += "\n" + self.tr("The slip was written to {path}.").format(
                path=isolate(path))
        inform(self, said)
