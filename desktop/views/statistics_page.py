"""The Statistics page: how the school, a grade level, a class or a course of a class did in
a session, beside the session before; its charts are QtCharts (PySide6-Addons).

Figures in a table (Persian digits, right to left); three charts: the distribution in
the policy's bands (or, for a primary group, the share at each level), the pass rate of
each part (the courses of a class, the classes of a level or of the school), and the
distribution of the session before beside this one.  A click on a bar lists its students
below the charts (a band's or a level's students; a part's students under the pass mark).
The page reads the service when it is shown and when the scope changes; it holds no
database session.  **PDF…** writes the council's report (``printing.statistics``),
**Excel…** the tables (``services.statistics_export``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import SessionKind, school_year_shown
from ..domain.errors import DaftarError
from ..domain.statistics import Figures, comparison_text, table_rows
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import isolate, to_persian_digits
from ..models.db import Database
from ..services import statistics
from ..services.school import list_classes, list_courses
from .files import ask_save_file
from .widgets import error_label

SCOPES = ("school", "level", "class", "course")


class StatisticsPage(QWidget):
    def __init__(self, db: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._year = db, year
        self.report: statistics.Report | None = None
        self.scope = QComboBox()
        for key, label in zip(SCOPES, (self.tr("The whole school"), self.tr("A grade level"),
                                       self.tr("A class"), self.tr("A course of a class")),
                              strict=True):
            self.scope.addItem(label, key)
        self.session = QComboBox()
        for kind in SessionKind:
            self.session.addItem(kind.label_fa, kind.value)  # Qt keeps it as a string
        self.session.setCurrentIndex(list(SessionKind).index(SessionKind.KHORDAD))
        self.level, self.klass, self.course = QComboBox(), QComboBox(), QComboBox()
        self.pdf, self.excel = QPushButton(self.tr("PDF report…")), QPushButton(self.tr("Excel…"))
        self.pdf.clicked.connect(lambda: self.save("pdf"))
        self.excel.clicked.connect(lambda: self.save("xlsx"))
        top = QHBoxLayout()
        for w in (self.scope, self.level, self.klass, self.course, self.session):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.pdf)
        top.addWidget(self.excel)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold")
        # a course beside its district and province (the central server's aggregates)
        self.beside = QLabel()
        self.beside.setWordWrap(True)
        self.compare_button = QPushButton(self.tr("Compare with the district"))
        self.compare_button.clicked.connect(self.compare)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("This session"),
                                              self.tr("Session before"), self.tr("Change")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.charts = [QChartView() for _ in range(3)]
        self.chart_tabs = QTabWidget()  # one chart at a time, as large as the screen allows
        for view, name in zip(self.charts, (self.tr("Distribution"),
                                            self.tr("Pass rate of each part"),
                                            self.tr("Beside the session before")), strict=True):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_tabs.addTab(view, name)
        self.picked = QLabel()
        self.picked.setWordWrap(True)
        self.students = QListWidget()
        self.message = error_label()
        side = QVBoxLayout()
        side.addWidget(self.table, 3)
        side.addWidget(self.picked)
        side.addWidget(self.students, 2)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addWidget(self.chart_tabs, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        beside = QHBoxLayout()
        beside.addWidget(self.beside, 1)
        beside.addWidget(self.compare_button)
        layout.addLayout(beside)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._filling = False
        self._fill_choices()
        for combo in (self.scope, self.level, self.klass, self.course, self.session):
            combo.currentIndexChanged.connect(self._changed)

    # --- choices -------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        self._filling = True
        self._classes = list_classes(self._db, self._year)
        self.level.clear()
        for n in sorted({c.grade_level for c in self._classes}):
            self.level.addItem(GRADE_LEVEL_NAMES.get(n, str(n)), n)
        self.klass.clear()
        for c in self._classes:
            self.klass.addItem(c.name, c.id)
        self._fill_courses()
        self._filling = False
        self._show_choices()

    def _fill_courses(self) -> None:
        self.course.clear()
        class_id = self.klass.currentData()
        if class_id is not None:
            for c in list_courses(self._db, class_id):
                self.course.addItem(c.name, c.id)

    def _show_choices(self) -> None:
        scope = self.scope.currentData()
        self.level.setVisible(scope == "level")
        self.klass.setVisible(scope in ("class", "course"))
        self.course.setVisible(scope == "course")
        self.compare_button.setVisible(scope == "course")
        self.beside.setVisible(scope == "course")

    def _changed(self) -> None:
        if self._filling:
            return
        if self.sender() is self.klass:
            self._filling = True
            self._fill_courses()
            self._filling = False
        self._show_choices()
        self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        """Read when shown (not at start-up), so the figures are always current."""
        self.refresh()
        super().showEvent(event)

    # --- the report ------------------------------------------------------------------------

    def choose(self, scope: str, level: int | None = None, class_id: int | None = None,
               course_id: int | None = None, session: SessionKind | None = None) -> None:
        """Set the scope as a user would pick it (tests, the command line's twin)."""
        self._filling = True
        for combo, value in ((self.scope, scope), (self.level, level), (self.klass, class_id),
                             (self.session, session.value if session else None)):
            if value is not None:
                combo.setCurrentIndex(combo.findData(value))
                if combo is self.klass:
                    self._fill_courses()
        if course_id is not None:
            self.course.setCurrentIndex(self.course.findData(course_id))
        self._filling = False
        self._show_choices()
        self.refresh()

    def refresh(self) -> None:
        scope, session = self.scope.currentData(), SessionKind(self.session.currentData())
        try:
            if scope == "level":
                self.report = statistics.level_report(self._db, self._year,
                                                      self.level.currentData(), session)
            elif scope == "class":
                self.report = statistics.class_report(self._db, self.klass.currentData(),
                                                      session)
            elif scope == "course":
                self.report = statistics.course_report(self._db, self.klass.currentData(),
                                                       self.course.currentData(), session)
            else:
                self.report = statistics.school_report(self._db, self._year, session)
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self.message.clear()
        self._show(self.report)
        if scope == "course":
            kept = statistics.kept_comparison(self._db, self.klass.currentData(),
                                              self.course.currentData(), session)
            self._beside(kept)

    def _beside(self, answer: dict[str, Any] | None) -> None:
        if answer is None:
            self.beside.setText(self.tr("Not compared with the district yet (the central "
                                        "server answers when the office is online)."))
            return
        when = answer.get("fetched_at", "")[:10]
        self.beside.setText(f"{comparison_text(answer)} ({to_persian_digits(when)})")

    def compare(self) -> None:
        """Ask the central server (aggregates only); kept for the offline days."""
        try:
            answer = statistics.compare(self._db, self.klass.currentData(),
                                        self.course.currentData(),
                                        SessionKind(self.session.currentData()))
        except DaftarError as e:
            self.message.setText(e.message())
            return
        self._beside(answer)

    def _show(self, report: statistics.Report) -> None:
        self.title.setText(f"{report.title} — {report.session.label_fa} — سال تحصیلی "
                           f"{school_year_shown(self._year)}")
        rows: list[tuple[str, str, str, str]] = []
        before = {f.descriptive: f for f in report.previous}
        for f, ch in zip(report.figures, report.changes, strict=True):
            b = before.get(f.descriptive)
            rows.extend(table_rows(f, b, ch))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter if j else
                                      Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        main = report.figures[0] if report.figures else None
        self._bars(0, self.tr("Distribution"), *self._distribution(main), picks=True)
        parts = report.parts
        self._bars(1, self.tr("Pass rate (%)"), [p.title for p in parts],
                   [(self.tr("This session"), [float(p.pass_rate or 0) for p in parts])],
                   top=100, on_click=lambda i: self._list_below(parts[i]), across=True)
        prev = before.get(main.descriptive) if main else None
        cats, now_sets = self._distribution(main)
        _, prev_sets = self._distribution(prev)
        sets = [(self.tr("Session before"), prev_sets[0][1] if prev_sets else [0] * len(cats))]
        sets += [(self.tr("This session"), now_sets[0][1] if now_sets else [0] * len(cats))]
        self._bars(2, self.tr("This session beside the one before"), cats, sets)

    def _distribution(self, f: Figures | None) -> tuple[list[str], list[tuple[str, list[float]]]]:
        if f is None:
            return [], []
        if f.descriptive:
            return ([s.level.label_fa for s in f.levels],
                    [(self.tr("Students"), [float(s.count) for s in f.levels])])
        return ([to_persian_digits(b.short) for b in f.bands],
                [(self.tr("Students"), [float(b.count) for b in f.bands])])

    def _bars(self, i: int, title: str, categories: list[str],
              sets: list[tuple[str, list[float]]], top: float | None = None,
              picks: bool = False, on_click: Any = None, across: bool = False) -> None:
        """A bar chart in view ``i``; ``across``: horizontal bars, names down the side (a
        class's seventeen courses, a level's classes)."""
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setLocale(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        chart.setLocalizeNumbers(True)  # Persian digits on the axes and the bars
        series = QHorizontalBarSeries() if across else QBarSeries()
        n = len(categories)
        if not across:   # read right to left: the first category (the lowest band) at the right
            categories = categories[::-1]
            sets = [(name, values[::-1]) for name, values in sets]
        for name, values in sets:
            bar = QBarSet(name)
            bar.append(values)
            bar.setLabelColor(QColor("#1f1f1f"))   # above the bar: a short one's is readable
            series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(categories)
        values = QValueAxis()
        highest = max((max(v) for _n, v in sets if v), default=0)
        values.setRange(0, top if top is not None else max(1.0, highest * 1.15))
        values.applyNiceNumbers()
        values.setLabelFormat("%.0f")
        # columns: the bands right to left, the count's axis at the right, where reading
        # starts; bars across keep the numbers' own left-to-right axis, as printed reports do
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if across else
                      Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if across else
                      Qt.AlignmentFlag.AlignRight)
        series.attachAxis(names)
        series.attachAxis(values)
        chart.legend().setVisible(len(sets) > 1)
        def logical(index: int) -> int:   # the bar clicked, in the categories' own order
            return index if across else n - 1 - index

        if picks:
            series.clicked.connect(lambda index, _set: self.pick(logical(index)))
        elif on_click is not None:
            series.clicked.connect(lambda index, _set: on_click(logical(index)))
        self.charts[i].setChart(chart)

    # --- a bar's students ------------------------------------------------------------------

    def pick(self, index: int) -> None:
        """The students of the distribution's bar ``index`` (a band or a level)."""
        if self.report is None or not self.report.figures:
            return
        f = self.report.figures[0]
        if f.descriptive:
            share = f.levels[index]
            self._list(share.level.label_fa, share.students)
        else:
            band = f.bands[index]
            self._list(to_persian_digits(band.label), band.students)

    def _list_below(self, part: Figures) -> None:
        self._list(self.tr("{part}: under the pass mark").format(part=part.title), part.below)

    def _list(self, label: str, students: tuple[int, ...]) -> None:
        names = self.report.names if self.report else {}
        self.picked.setText(f"{label} ({to_persian_digits(len(students))})")
        self.students.clear()
        # a pooled primary group lists (student, course) results: one line each
        self.students.addItems([names.get(s[0] if isinstance(s, tuple) else s, "")
                                for s in students])

    # --- paper and Excel -------------------------------------------------------------------

    def save(self, kind: str, path: str | None = None) -> str | None:
        if self.report is None:
            return None
        if path is None:
            path = ask_save_file(self, self.tr("Save"), f"statistics.{kind}",
                                 "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)")
            if not path:
                return None
        try:
            if kind == "pdf":
                from ..printing.statistics import statistics_pdf

                with open(path, "wb") as out:
                    statistics_pdf(self.report, self._year, out)
            else:
                from ..services.statistics_export import write_xlsx

                write_xlsx(self.report, self._year, path)
        except (DaftarError, OSError) as e:
            self.message.setText(e.message() if isinstance(e, DaftarError) else str(e))
            return None
        self.message.setText(self.tr("Saved: {path}").format(path=isolate(path)))
        return path
