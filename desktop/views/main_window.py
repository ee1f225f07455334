"""The office window: classes by year and grade level on the side; the students page
(search, add, edit, import) and the grades page (the grid) beside them; a status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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

from ..domain.calendar import school_year_shown
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import to_persian_digits
from ..domain.workflow import Role
from ..models.db import Database
from ..services import DEFAULT_ACTOR, Actor, statistics
from ..services.school import get_school, list_classes, list_years
from ..services.setup import SETUP_ROLES
from ..services.students import search_students
from .files import announce, ask_save_file
from .import_dialog import inform  # the office menu's too: no later import to save
from .student_model import StudentTableModel
from .widgets import REFUSAL_STYLE, LaterPage, StatusMessage

if TYPE_CHECKING:  # the pages' modules are imported when each page is made
    from .approval_pages import DashboardPage, QueuePage, UsersPage
    from .grade_page import GradePage
    from .records_page import RecordsPage
    from .repair_page import RepairPage
    from .setup_page import SetupPage
    from .student_dialog import StudentDialog
    from .sync_page import SyncPage

P = TypeVar("P", bound=QWidget)


class Page(Generic[P]):
    """A page of the main window as an attribute (``window.grades``): made the first time
    it is asked for; None for a page this user's window does not have."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> P:
        if window is None:  # asked of the class
            return self  # type: ignore[return-value]
        later = window._pages.get(self.name)  # noqa: SLF001  (the window's own table)
        return None if later is None else later.get()  # type: ignore[return-value]


CLASS_ID = Qt.ItemDataRole.UserRole + 1
YEAR = Qt.ItemDataRole.UserRole + 2


def db_name(db: Database) -> str:
    """The school's database as the status bar names it: its file's name (the whole
    path in the tooltip); a server database by its URL (the password hidden)."""
    return db.path.name if db.path is not None else db.url


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor = DEFAULT_ACTOR) -> None:
        super().__init__()
        self._db = db
        self._actor = actor
        self._school = get_school(db)
        self._year = self._first_year = list_years(db)[-1]  # the pages' year
        self._class_id: int | None = None
        self.setWindowTitle(self.tr("Daftar — {school}").format(school=self._school.name))
        room = self.screen().availableGeometry()   # a 1366×768 office screen: within it
        self.resize(min(1200, room.width()), min(720, room.height() - 48))

        self.classes = QStandardItemModel(self)
        self.class_tree = QTreeView()
        self.class_tree.setModel(self.classes)
        self.class_tree.setHeaderHidden(True)
        self.class_tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        # a class's name is never cut ("دهم تجر…" for two classes): the tree is kept as
        # wide as its longest name needs, whatever page beside it asks for (_fit_tree)

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

        # Every page but the students' is made the first time it is shown (or asked for:
        # ``window.grades``), so the window opens with the modules of its first page only.
        self.tabs = QTabWidget()
        self.tabs.addTab(students_page, self.tr("Students"))
        self._pages: dict[str, LaterPage] = {}
        self._later("grades", self.tr("Grades"), self._make_grades)
        self._later("queue", self.tr("Approvals"), self._make_queue)
        self._later("deadlines", self.tr("Deadlines"), self._make_deadlines)
        self._later("sync", self.tr("Central server"), self._make_sync)
        self._later("records", self.tr("Archive and confirmations"), self._make_records)
        self._later("repair", self.tr("Grade repair"), self._make_repair)
        self.statistics: LaterPage | None = None
        if actor.role is not Role.TEACHER:  # the school's figures, with names: the office's
            self.statistics = self._later("statistics", self.tr("Statistics"),
                                          self._make_statistics)
            self.warm_statistics = lambda: self.office.run_later(
                lambda: statistics.warm(db, self._first_year))
        if actor.role in SETUP_ROLES:
            self._later("setup", self.tr("Setup"), self._make_setup)
        if actor.role is Role.PRINCIPAL:
            self._later("users", self.tr("Users"), self._make_users)

        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(self.class_tree)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 5)
        split.setSizes([230, 970])
        self.setCentralWidget(split)

        status = self.statusBar()
        self.message = StatusMessage()   # what was just done, beside the permanent labels
        status.addWidget(self.message, 1)
        self.db_label = QLabel(self.tr("Database: {url}").format(url=db_name(db)))
        self.db_label.setToolTip(db.url)
        self.role_label = QLabel(self.tr("{name} ({role})").format(
            name=actor.display_name, role=actor.role.label_fa))
        from .sync_page import server_status

        self.server_label = QLabel(server_status(db))
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet(REFUSAL_STYLE)
        for label in (self.db_label, self.role_label, self.server_label, self.clock_label):
            label.setContentsMargins(6, 0, 6, 0)   # a gap between neighbours
            status.addPermanentWidget(label)
        self.check_clock()
        from .office_menu import OfficeMenu

        self.office = OfficeMenu(self, db, actor)
        self.office.said.connect(lambda text: self.message.say(text, 15000))

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
        self._fill_classes()
        self.refresh_students()
        if actor.role in SETUP_ROLES and not list_classes(db, self._first_year):
            self.show_page("setup")  # a new school: the setup's guide is the first page

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # never larger than the screen it is on: a page asking for more scrolls instead
        room = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        self.setMaximumSize(room.width() - frame.width(), room.height() - frame.height())
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._if_made("grades", "stop_live")
        super().closeEvent(event)

    def start_background(self) -> None:
        """After the first paint: the central server's page (its timer sends on its own),
        the audit check and the backup, then the school's figures."""
        self.sync  # noqa: B018  (made now: the automatic send is its timer)
        self.office.start_automatic()
        if self.statistics is not None:
            self.warm_statistics()

    # --- pages, made when first shown ----------------------------------------
    def _later(self, name: str, title: str, make: Callable[[], QWidget]) -> LaterPage:
        page = self._pages[name] = LaterPage(make)
        self.tabs.addTab(page, title)
        return page

    def made(self, name: str) -> Any:
        """The page named if it was made already, else None (nothing is made)."""
        later = self._pages.get(name)
        return None if later is None else later.page

    def show_page(self, name: str) -> Any:
        """Bring the page named to the front (made if it was not); the page."""
        self.tabs.setCurrentWidget(self._pages[name])
        return self._pages[name].get()

    # the pages by name: made when first asked for; ``users`` is None but for the principal
    grades: Page[GradePage] = Page()
    queue: Page[QueuePage] = Page()
    deadlines: Page[DashboardPage] = Page()
    sync: Page[SyncPage] = Page()
    records: Page[RecordsPage] = Page()
    repair: Page[RepairPage] = Page()
    users: Page[UsersPage] = Page()
    setup: Page[SetupPage] = Page()

    def _make_grades(self) -> QWidget:
        from .grade_page import GradePage

        page = GradePage(self._db, self._actor)
        page.status.connect(lambda text: self.message.say(text, 8000))
        page.set_class(self._class_id)
        return page

    def _make_queue(self) -> QWidget:
        from .approval_pages import QueuePage

        page = QueuePage(self._db, self._actor, self._first_year)
        page.changed.connect(lambda: self._if_made("grades", "load"))
        return page

    def _make_deadlines(self) -> QWidget:
        from .approval_pages import DashboardPage

        return DashboardPage(self._db, self._first_year)

    def _make_sync(self) -> QWidget:
        from .sync_page import SyncPage

        page = SyncPage(self._db, self._actor, self._first_year)
        page.synced.connect(self.server_label.setText)
        page.synced.connect(lambda _t: self._if_made("records", "load"))
        page.synced.connect(lambda _t: self._if_made("queue", "refresh"))
        return page

    def _make_records(self) -> QWidget:
        from .records_page import RecordsPage

        return RecordsPage(self._db, self._actor)

    def _make_repair(self) -> QWidget:
        from .repair_page import RepairPage

        page = RepairPage(self._db, self._actor)
        page.classes_changed.connect(self._fill_classes)
        return page

    def _make_statistics(self) -> QWidget:
        from .statistics_page import StatisticsPage  # QtCharts: only when opened

        return StatisticsPage(self._db, self._first_year)

    def _make_setup(self) -> QWidget:
        from .setup_page import SetupPage

        page = SetupPage(self._db, self._actor, self._first_year)
        page.classes_changed.connect(self._refresh_all)
        page.year_changed.connect(lambda _y: self.change_year())
        return page

    def change_year(self) -> None:
        """The latest school year changed (opened, or a closing undone): the pages of the
        year are made again for it, and the class tree shows it."""
        self._year = self._first_year = list_years(self._db)[-1]
        for name in ("queue", "deadlines", "sync", "statistics", "setup"):
            later = self._pages.get(name)
            if later is not None:
                later.remake()
        self._class_id = None
        self._refresh_all()
        self.refresh_students()

    def _make_users(self) -> QWidget:
        from .approval_pages import UsersPage

        return UsersPage(self._db, self._actor)

    def _if_made(self, name: str, method: str) -> None:
        """Bring a page that exists up to date (one not made yet reads it when made)."""
        page = self.made(name)
        if page is not None:
            getattr(page, method)()

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
                year=school_year_shown(year)))
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
        self._fit_tree()

    def _fit_tree(self) -> None:
        """The tree at least as wide as its longest name, expanded or not (by the font's
        metrics: indentation, the branch sign, the text, the scroll bar)."""
        tree = self.class_tree
        fm = tree.fontMetrics()
        need = 0

        def walk(item: QStandardItem, depth: int) -> None:
            nonlocal need
            need = max(need, tree.indentation() * (depth + 1) + fm.horizontalAdvance(
                item.text()) + 16)
            for row in range(item.rowCount()):
                walk(item.child(row), depth + 1)

        for row in range(self.classes.rowCount()):
            walk(self.classes.item(row), 0)
        need += 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width()
        tree.setMinimumWidth(min(max(need, 160), 360))

    def _on_class(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        class_id = current.data(CLASS_ID) if current.isValid() else None
        year = current.data(YEAR) or self._year
        if (class_id, year) == (self._class_id, self._year):
            return  # the tree re-announcing what is shown already
        self._class_id, self._year = class_id, year
        self.refresh_students()
        grades = self.made("grades")
        if grades is not None:
            grades.set_class(self._class_id)

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
        from .student_dialog import StudentDialog

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
        from .import_dialog import run_student_import

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
        task.signals.done.connect(lambda _r: announce(self, self.tr("The graduates' list"),
                                                      path))
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
            announce(self, self.tr("The blank students workbook"), path)
