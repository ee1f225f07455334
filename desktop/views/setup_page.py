"""The Setup page (principal and academic deputy): the school year from nothing.

The steps as a newcomer meets them, top to bottom: the grades and tracks the school
teaches and their classes (the courses come from the official curriculum), local courses,
then who teaches what in each class.  Teachers are added on the Users page and students on
the Students page (one by one or from a workbook): the guide at the top says so.  Every
change goes through :mod:`desktop.services.setup`; a refusal is shown under the page and
changes nothing.
"""

from __future__ import annotations

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
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.curriculum import curriculum_for, track_name
from ..domain.errors import DaftarError
from ..domain.grading import stage_of
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..services import Actor
from ..services import setup as setup_service
from ..services.auth import assign_course, list_users
from ..services.school import get_school, list_classes
from .widgets import error_label


class SetupPage(QWidget):
    classes_changed = Signal()
    year_changed = Signal(int)  # a year opened, or a closing undone: the window's year

    def __init__(self, db: Database, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._year = db, actor, year
        self._curriculum = curriculum_for(year)
        stages = get_school(db).stages
        self._offered = [(g, t) for g, t in self._curriculum.offered()
                         if stage_of(g) in stages]

        self.guide = QLabel(self.tr(
            "Setting up the school year: 1. choose a grade (and track) and make its classes; "
            "its courses come from the official curriculum. 2. add teachers on the Users page. "
            "3. choose who teaches each course of each class below. 4. add students on the "
            "Students page, one by one or from a workbook."))
        self.guide.setWordWrap(True)

        # grades, tracks and their classes
        self.programmes = QTableWidget(0, 3)
        self.programmes.setHorizontalHeaderLabels(
            [self.tr("Grade and track"), self.tr("Courses"), self.tr("Classes")])
        self.programmes.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.programmes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.programmes.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.programme = QComboBox()
        for grade, track in self._offered:
            self.programme.addItem(self._title(grade, track), (grade, track))
        self.count = QSpinBox()
        self.count.setRange(1, setup_service.MOST_CLASSES)
        self.names = QLineEdit()
        self.names.setPlaceholderText(self.tr("or the names, separated by commas"))
        self.make_button = QPushButton(self.tr("Make classes"))
        self.make_button.clicked.connect(lambda: self.make_classes())
        self.local_name = QLineEdit()
        self.local_units = QSpinBox()
        self.local_units.setRange(0, 4)
        self.local_units.setValue(1)
        self.local_button = QPushButton(self.tr("Add a local course"))
        self.local_button.clicked.connect(lambda: self.add_local())
        form = QFormLayout()
        form.addRow(self.tr("Grade and track"), self.programme)
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addWidget(self.names, 1)
        row.addWidget(self.make_button)
        form.addRow(self.tr("How many classes"), row)
        local = QHBoxLayout()
        local.addWidget(self.local_name, 1)
        local.addWidget(QLabel(self.tr("Units (0: out of the average)")))
        local.addWidget(self.local_units)
        local.addWidget(self.local_button)
        form.addRow(self.tr("Local course"), local)
        left = QGroupBox(self.tr("Grades, tracks and classes"))
        box = QVBoxLayout(left)
        box.addWidget(self.programmes, 1)
        box.addLayout(form)

        # who teaches what
        self.klass = QComboBox()
        self.klass.currentIndexChanged.connect(lambda _i: self.load_teaching())
        self.teaching = QTableWidget(0, 3)
        self.teaching.setHorizontalHeaderLabels(
            [self.tr("Course"), self.tr("Units"), self.tr("Teacher")])
        # a course's name whole (never «آموزش …»); the teacher's box takes what is left
        self.teaching.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.teaching.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.teaching.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.teaching.horizontalHeader().setMinimumSectionSize(40)
        self.teaching.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        right = QGroupBox(self.tr("Who teaches what"))
        box = QVBoxLayout(right)
        pick = QFormLayout()
        pick.addRow(self.tr("Class"), self.klass)
        box.addLayout(pick)
        box.addWidget(self.teaching, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        self.message = error_label()
        self.said = QLabel()
        self.year_end_button = QPushButton(self.tr("The year's end and the next year…"))
        self.year_end_button.clicked.connect(lambda: self.year_end_dialog().open())
        head = QHBoxLayout()
        head.addWidget(self.guide, 1)
        head.addWidget(self.year_end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addWidget(self.said)
        layout.addWidget(self.message)
        self.refresh()

    def year_end_dialog(self) -> QWidget:
        """The year's end (:mod:`.year_end_dialog`), owned by the window: opening a year
        remakes this page."""
        from .year_end_dialog import YearEndDialog

        dialog = YearEndDialog(self._db, self._actor, self.window())
        dialog.year_opened.connect(self.year_changed)
        dialog.year_reopened.connect(self.year_changed)
        return dialog

    def _title(self, grade: int, track: str | None) -> str:
        name = GRADE_LEVEL_NAMES[grade]
        return f"{name} — {track_name(track)}" if track else name

    def refresh(self) -> None:
        opened = {(p.grade, p.track): p for p in setup_service.programmes(self._db, self._year)}
        self.programmes.setRowCount(len(self._offered))
        for i, (grade, track) in enumerate(self._offered):
            p = opened.get((grade, track))
            cells = [self._title(grade, track), to_persian_digits(p.courses) if p else "—",
                     to_persian_digits(p.classes) if p else "—"]
            for j, text in enumerate(cells):
                self.programmes.setItem(i, j, QTableWidgetItem(text))
        self.programmes.verticalHeader().setVisible(False)
        current = self.klass.currentData()
        self.klass.blockSignals(True)
        self.klass.clear()
        for c in list_classes(self._db, self._year):
            self.klass.addItem(to_persian_digits(c.name), c.id)
        found = self.klass.findData(current)
        self.klass.setCurrentIndex(max(found, 0))
        self.klass.blockSignals(False)
        self.load_teaching()

    def _done(self, text: str) -> None:
        self.message.clear()
        self.said.setText(text)

    def _refused(self, e: DaftarError) -> None:
        self.said.clear()
        self.message.setText(e.message())

    def make_classes(self) -> list[str]:
        grade, track = self.programme.currentData()
        names = [n for n in self.names.text().split(",") if n.strip()] or None
        try:
            made = setup_service.make_classes(self._db, self._actor, grade, track, names=names,
                                              count=self.count.value(), year=self._year)
        except DaftarError as e:
            self._refused(e)
            return []
        self.names.clear()
        shown = [to_persian_digits(c.name) for c in made]
        self._done(self.tr("Classes made: {names}").format(names="، ".join(shown)))
        self.refresh()
        self.classes_changed.emit()
        return shown

    def add_local(self) -> None:
        grade, track = self.programme.currentData()
        try:
            course = setup_service.add_local_course(self._db, self._actor, grade, track,
                                                    self.local_name.text(),
                                                    self.local_units.value())
        except DaftarError as e:
            self._refused(e)
            return
        self.local_name.clear()
        self._done(self.tr("Local course added: {name}").format(
            name=to_persian_digits(course.name)))
        self.refresh()

    def load_teaching(self) -> None:
        class_id = self.klass.currentData()
        rows = setup_service.teaching(self._db, class_id) if class_id is not None else []
        teachers = [u for u in list_users(self._db) if u.role is Role.TEACHER and u.active]
        self.teaching.setRowCount(len(rows))
        for i, row in enumerate(rows):
            self.teaching.setItem(i, 0, QTableWidgetItem(to_persian_digits(row.course.name)))
            units = QTableWidgetItem(to_persian_digits(row.course.units))
            units.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.teaching.setItem(i, 1, units)
            pick = QComboBox()
            pick.addItem(self.tr("(nobody yet)"), None)
            for t in teachers:
                pick.addItem(t.display_name, t.id)
            pick.setCurrentIndex(max(pick.findData(row.teacher_id), 0))
            pick.currentIndexChanged.connect(
                lambda _i, c=row.course.id, p=pick: self.assign(c, p.currentData()))
            self.teaching.setCellWidget(i, 2, pick)
        self.teaching.setVerticalHeaderLabels([to_persian_digits(i + 1)
                                               for i in range(len(rows))])

    def assign(self, course_id: int, teacher_id: Any) -> None:
        class_id = self.klass.currentData()
        try:
            if teacher_id is None:
                setup_service.unassign(self._db, self._actor, class_id, course_id)
            else:
                assign_course(self._db, teacher_id, class_id, course_id, self._actor)
        except DaftarError as e:
            self._refused(e)
            self.load_teaching()
            return
        self._done(self.tr("Saved."))
