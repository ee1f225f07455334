"""The office window: classes by year and grade level on the side; the students page
(search, add, edit, import) and the grades page (the grid) beside them; a status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import school_year_label
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import isolate, to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..services import DEFAULT_ACTOR, Actor, statistics
from ..services.school import get_school, list_classes, list_years
from ..services.students import search_students
from .approval_pages import DashboardPage, QueuePage, UsersPage
from .grade_page import GradePage, ask_save_file
from .import_dialog import inform, run_student_import
from .student_dialog import StudentDialog
from .student_model import StudentTableModel
from .widgets import REFUSAL_STYLE, LaterPage

CLASS_ID = Qt.ItemDataRole.UserRole + 1
YEAR = Qt.ItemDataRole.UserRole + 2


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor = DEFAULT_ACTOR) -> None:
        super().__init__()
        self._db = db
        self._actor = actor
        self._school = get_school(db)
        self._year = list_years(db)[-1]
        self._class_id: int | None = None
        self.setWindowTitle(self.tr("Daftar — {school}").format(school=self._school.name))
        self.resize(1200, 760)

        self.classes = QStandardItemModel(self)
        self.class_tree = QTreeView()
        self.class_tree.setModel(self.classes)
        self.class_tree.setHeaderHidden(True)
        self.class_tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)

        # Students page
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or national code"))
        self.search.setClearButtonEnabled(True)
        self.students = StudentTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.students)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.new_button = QPushButton(self.tr("New student"))
        self.edit_button = QPushButton(self.tr("Edit student"))
        self.import_button = QPushButton(self.tr("Import students from Excel"))
        self.template_button = QPushButton(self.tr("Blank students workbook"))
        self.graduates_button = QPushButton(self.tr("Graduates' list (PDF)"))
        self.documents_button = QPushButton(self.tr("Report cards and certificates…"))
        self.verify_button = QPushButton(self.tr("Verify a document…"))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.import_button, self.template_button,
                  self.graduates_button, self.documents_button, self.verify_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        students_page = QWidget()
        layout = QVBoxLayout(students_page)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.count)

        self.grades = GradePage(db, actor)
        self.queue = QueuePage(db, actor, self._year)
        self.deadlines = DashboardPage(db, self._year)
        self.tabs = QTabWidget()
        self.tabs.addTab(students_page, self.tr("Students"))
        self.tabs.addTab(self.grades, self.tr("Grades"))
        self.tabs.addTab(self.queue, self.tr("Approvals"))
        self.tabs.addTab(self.deadlines, self.tr("Deadlines"))
        from .sync_page import SyncPage

        self.sync = SyncPage(db, actor, self._year)
        self.tabs.addTab(self.sync, self.tr("Central server"))
        from .records_page import RecordsPage

        self.records = RecordsPage(db, actor)
        self.tabs.addTab(self.records, self.tr("Archive and confirmations"))
        self.sync.synced.connect(lambda _t: self.records.load())
        from .repair_page import RepairPage

        self.repair = RepairPage(db, actor)
        self.tabs.addTab(self.repair, self.tr("Grade repair"))
        self.repair.classes_changed.connect(self._fill_classes)
        self.statistics: LaterPage | None = None
        if actor.role is not Role.TEACHER:  # the school's figures, with names: the office's
            def statistics_page() -> QWidget:
                from .statistics_page import StatisticsPage  # QtCharts: only when opened

                return StatisticsPage(db, self._year)

            self.statistics = LaterPage(statistics_page)
            self.tabs.addTab(self.statistics, self.tr("Statistics"))
            self.warm_statistics = lambda: self.office.run_later(
                lambda: statistics.warm(db, self._year))
        self.users: UsersPage | None = None
        if actor.role is Role.PRINCIPAL:
            self.users = UsersPage(db, actor)
            self.tabs.addTab(self.users, self.tr("Users"))
        self.queue.changed.connect(self.grades.load)

        split = QSplitter()
        split.addWidget(self.class_tree)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 5)
        split.setSizes([230, 970])
        self.setCentralWidget(split)

        status = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {url}").format(url=db.url))
        self.role_label = QLabel(self.tr("{name} ({role})").format(
            name=actor.display_name, role=actor.role.label_fa))
        self.server_label = QLabel(self.sync.status_text())
        self.sync.synced.connect(self.server_label.setText)
        self.sync.synced.connect(lambda _t: self.queue.refresh())
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet(REFUSAL_STYLE)
        for label in (self.db_label, self.role_label, self.server_label, self.clock_label):
            status.addPermanentWidget(label)
        self.check_clock()
        from .office_menu import OfficeMenu

        self.office = OfficeMenu(self, db, actor)
        self.office.said.connect(lambda text: status.showMessage(text, 15000))

        self.search.textChanged.connect(self.refresh_students)
        self.class_tree.selectionModel().currentChanged.connect(self._on_class)
        self.table.doubleClicked.connect(lambda _i: self.edit_student())
        self.new_button.clicked.connect(self.new_student)
        self.edit_button.clicked.connect(self.edit_student)
        self.import_button.clicked.connect(self.import_students)
        self.template_button.clicked.connect(self.save_template)
        self.graduates_button.clicked.connect(lambda: self.print_graduates())
        self.documents_button.clicked.connect(lambda: self.documents_dialog().open())
        self.verify_button.clicked.connect(lambda: self.verify_dialog().open())
        self.grades.status.connect(lambda text: status.showMessage(text, 8000))
        self._fill_classes()
        self.refresh_students()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.grades.stop_live()
        super().closeEvent(event)

    def check_clock(self) -> None:
        """Say so in the status bar if the computer's clock was set back."""
        from ..services.clock import clock_status

        status = clock_status(self._db)
        self.clock_label.setText(self.tr("The computer's clock was set back; deadlines use the "
                                         "latest time seen.") if status.suspicious else "")

    # --- navigation ---------------------------------------------------------
    def _fill_classes(self) -> None:
        self.classes.clear()
        for year in reversed(list_years(self._db)):
            root = QStandardItem(self.tr("School year {year}").format(
                year=school_year_label(year)))
            root.setData(year, YEAR)
            self.classes.appendRow(root)
            levels: dict[int, QStandardItem] = {}
            for klass in list_classes(self._db, year):
                level = levels.get(klass.grade_level)
                if level is None:
                    level = QStandardItem(self.tr("Grade {name}").format(
                        name=GRADE_LEVEL_NAMES[klass.grade_level]))
                    level.setData(year, YEAR)
                    levels[klass.grade_level] = level
                    root.appendRow(level)
                item = QStandardItem(to_persian_digits(f"{klass.name} ({klass.students})"))
                item.setData(klass.id, CLASS_ID)
                item.setData(year, YEAR)
                level.appendRow(item)
        self.class_tree.expand(self.classes.index(0, 0))

    def _on_class(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        class_id = current.data(CLASS_ID) if current.isValid() else None
        year = current.data(YEAR) or self._year
        if (class_id, year) == (self._class_id, self._year):
            return  # the tree re-announcing what is shown already
        self._class_id, self._year = class_id, year
        self.refresh_students()
        self.grades.set_class(self._class_id)

    def select_class(self, class_id: int) -> None:
        """Select a class in the tree (keyboard users and tests)."""
        found = self.classes.match(self.classes.index(0, 0), CLASS_ID, class_id, 1,
                                   Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if found:
            self.class_tree.setCurrentIndex(found[0])

    def refresh_students(self) -> None:
        rows = search_students(self._db, self.search.text(), class_id=self._class_id,
                               year=self._year)
        self.students.set_rows(rows)
        self.count.setText(self.tr("{n} students").format(n=to_persian_digits(len(rows))))

    def _refresh_all(self) -> None:
        current = self._class_id
        self._fill_classes()
        if current is not None:
            self.select_class(current)
        self.refresh_students()

    # --- student records ----------------------------------------------------
    def student_dialog(self, editing: bool) -> StudentDialog | None:
        student = None
        if editing:
            index = self.table.currentIndex()
            if not index.isValid():
                return None
            student = self.students.student(index.row())
        return StudentDialog(self._db, self._year, student, self._class_id, self._actor, self)

    def new_student(self) -> None:
        dialog = self.student_dialog(editing=False)
        if dialog is not None and dialog.exec():
            self._refresh_all()

    def edit_student(self) -> None:
        dialog = self.student_dialog(editing=True)
        if dialog is not None and dialog.exec():
            self._refresh_all()

    def import_students(self, path: str | None = None) -> None:
        run_student_import(self, self._db, self._year, self._actor, self._refresh_all, path)

    def print_graduates(self, path: str | None = None) -> None:
        """The year's graduates with the diploma decision, as a PDF for signatures."""
        from pathlib import Path

        from ..domain.errors import DaftarError
        from ..services.lists import graduates_pdf
        from .import_dialog import RUNNER
        from .tasks import Task, with_progress

        path = path or ask_save_file(self, self.tr("Graduates' list (PDF)"), "graduates.pdf",
                                     "PDF (*.pdf)")
        if not path:
            return
        task = Task(lambda target, progress, cancel: graduates_pdf(
            self._db, self._year, target, self._actor), Path(path))
        task.signals.done.connect(lambda _r: inform(self, self.tr("Saved {path}").format(
            path=isolate(path))))
        task.signals.failed.connect(lambda e: inform(
            self, e.message() if isinstance(e, DaftarError) else str(e)))
        self.graduates_task = with_progress(self, RUNNER, task, self.tr("Graduates' list (PDF)"))

    def documents_dialog(self):  # type: ignore[no-untyped-def]
        """Report cards and certificates of the selected class (the dialog asks if none)."""
        from .documents import DocumentsDialog

        return DocumentsDialog(self._db, self._actor, self._year, self._class_id, self)

    def verify_dialog(self):  # type: ignore[no-untyped-def]
        from .documents import VerifyDialog

        return VerifyDialog(self._db, self)

    def save_template(self) -> None:
        from pathlib import Path

        from ..services.workbook import student_template

        path = ask_save_file(self, self.tr("Blank students workbook"), "students.xlsx")
        if path:
            student_template(Path(path))
            inform(self, self.tr("Saved {path}").format(path=isolate(path)))
