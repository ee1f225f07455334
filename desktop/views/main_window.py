"""The office window: classes by grade level, the student list with search, a status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import school_year_label
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import to_persian_digits
from ..models.db import Database
from ..services import DEFAULT_ACTOR
from ..services.school import current_year, get_school, list_classes
from ..services.students import search_students
from .student_model import StudentTableModel

CLASS_ID = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self._school = get_school(db)
        self._year = current_year(db)
        self._class_id: int | None = None
        self.setWindowTitle(self.tr("Daftar — {school}").format(school=self._school.name))
        self.resize(1100, 700)

        self.classes = QStandardItemModel(self)
        self.class_tree = QTreeView()
        self.class_tree.setModel(self.classes)
        self.class_tree.setHeaderHidden(True)
        self.class_tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or national code"))
        self.search.setClearButtonEnabled(True)
        self.students = StudentTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.students)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        split = QSplitter()
        split.addWidget(self.class_tree)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        self.setCentralWidget(split)

        status = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {url}").format(url=db.url))
        self.role_label = QLabel(self.tr("Role: {role}").format(role=DEFAULT_ACTOR.role.label_fa))
        self.server_label = QLabel(self.tr("Central server: not configured"))
        for label in (self.db_label, self.role_label, self.server_label):
            status.addPermanentWidget(label)

        self.search.textChanged.connect(self.refresh_students)
        self.class_tree.selectionModel().currentChanged.connect(self._on_class)
        self._fill_classes()
        self.refresh_students()

    def _fill_classes(self) -> None:
        self.classes.clear()
        root = QStandardItem(self.tr("School year {year}").format(
            year=school_year_label(self._year)))
        root.setData(None, CLASS_ID)
        self.classes.appendRow(root)
        levels: dict[int, QStandardItem] = {}
        for klass in list_classes(self._db, self._year):
            level = levels.get(klass.grade_level)
            if level is None:
                level = QStandardItem(self.tr("Grade {name}").format(
                    name=GRADE_LEVEL_NAMES[klass.grade_level]))
                levels[klass.grade_level] = level
                root.appendRow(level)
            item = QStandardItem(to_persian_digits(f"{klass.name} ({klass.students})"))
            item.setData(klass.id, CLASS_ID)
            level.appendRow(item)
        self.class_tree.expandToDepth(0)

    def _on_class(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        self._class_id = current.data(CLASS_ID) if current.isValid() else None
        self.refresh_students()

    def select_class(self, class_id: int) -> None:
        """Select a class in the tree (for keyboard users and tests)."""
        for row in range(self.classes.rowCount()):
            root = self.classes.item(row)
            for i in range(root.rowCount()):
                level = root.child(i)
                for j in range(level.rowCount()):
                    item = level.child(j)
                    if item.data(CLASS_ID) == class_id:
                        self.class_tree.setCurrentIndex(item.index())
                        return

    def refresh_students(self) -> None:
        rows = search_students(self._db, self.search.text(), class_id=self._class_id,
                               year=self._year)
        self.students.set_rows(rows)
        self.count.setText(self.tr("{n} students").format(n=to_persian_digits(len(rows))))
