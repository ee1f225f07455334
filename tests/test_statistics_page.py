"""The Statistics page (issue 16, part 2), driven in the real main window: made only when
its tab is first shown, the scope picked, a bar clicked lists its students, the report and
the workbook saved from it; a teacher has no such tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import install_fonts, install_translators
from desktop.domain.calendar import SessionKind
from desktop.services import statistics
from desktop.services.auth import login
from desktop.services.school import current_year, find_class
from desktop.views.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    app = QApplication.instance()
    install_fonts(app)
    install_translators(app, "fa")
    w = MainWindow(demo_db, login(demo_db, "principal", "daftar"))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_page_is_made_when_first_shown_and_follows_the_scope(window, demo_db, qtbot,
                                                                 tmp_path):
    assert window.statistics is not None and window.statistics.page is None
    window.tabs.setCurrentWidget(window.statistics)
    qtbot.waitUntil(lambda: window.statistics.page is not None
                    and window.statistics.page.report is not None)  # read when shown
    page = window.statistics.page
    school = statistics.school_report(demo_db, current_year(demo_db), SessionKind.KHORDAD)
    assert page.report.figures == school.figures
    assert page.isRightToLeft() and "خرداد" in page.title.text()
    assert page.table.item(0, 0).text() == "دانش‌آموزان"
    assert page.table.item(0, 1).text() == str(school.figures[0].enrolled).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

    klass = find_class(demo_db, "دهم ریاضی")
    page.choose("class", class_id=klass.id)
    report = statistics.class_report(demo_db, klass.id, SessionKind.KHORDAD)
    assert page.report.figures == report.figures
    assert page.klass.isVisible() and not page.course.isVisible()

    # the bands read right to left: the lowest at the right, the count's axis there too
    chart = page.charts[0].chart()
    bands = chart.axes(Qt.Orientation.Horizontal)[0].categories()
    assert bands[-1] == "زیر ۱۰" and bands[0] == "۱۷–۲۰", bands
    assert chart.axes(Qt.Orientation.Vertical)[0].alignment() == Qt.AlignmentFlag.AlignRight
    # a click on the distribution's second bar from the right (10 to under 12) lists them
    series = chart.series()[0]
    band = report.figures[0].bands[1]
    series.clicked.emit(len(bands) - 2, series.barSets()[0])
    assert page.students.count() == band.count
    assert all("دهم ریاضی" in page.students.item(i).text() for i in range(band.count))
    assert "۱۰" in page.picked.text()

    # a click on a course's pass-rate bar lists that course's students under the pass mark
    parts = page.charts[1].chart().series()[0]
    worst = min(range(len(report.parts)), key=lambda i: report.parts[i].pass_rate or 0)
    parts.clicked.emit(worst, parts.barSets()[0])
    assert page.students.count() == len(report.parts[worst].below)

    window.grab().save(str(tmp_path / "statistics.png"))
    pdf = page.save("pdf", str(tmp_path / "class.pdf"))
    xlsx = page.save("xlsx", str(tmp_path / "class.xlsx"))
    assert pdf and xlsx and (tmp_path / "class.pdf").stat().st_size > 10_000
    assert (tmp_path / "class.xlsx").stat().st_size > 3_000
    assert "class.xlsx" in page.message.text()


def test_a_course_and_a_primary_class(window, demo_db, qtbot):
    window.tabs.setCurrentWidget(window.statistics)
    qtbot.waitUntil(lambda: window.statistics.page is not None
                    and window.statistics.page.report is not None)
    page = window.statistics.page
    klass = find_class(demo_db, "دهم ریاضی")
    page.choose("class", class_id=klass.id)
    course_id = page.course.itemData(0)
    page.choose("course", class_id=klass.id, course_id=course_id, session=SessionKind.DEY)
    assert page.report.title.endswith(page.course.itemText(0))
    assert page.report.previous == ()  # Dey has no session before it
    primary = find_class(demo_db, "سوم الف")
    page.choose("class", class_id=primary.id, session=SessionKind.KHORDAD)
    (f,) = page.report.figures
    assert f.descriptive and page.charts[0].chart().series()[0].barSets()[0].count() == 4
    series = page.charts[0].chart().series()[0]
    series.clicked.emit(0, series.barSets()[0])  # the left bar, very good: a line a (student,
    # course)
    assert page.students.count() == f.levels[3].count


def test_a_teacher_has_no_statistics_tab(qtbot, demo_db):
    w = MainWindow(demo_db, login(demo_db, "teacher1", "daftar"))
    qtbot.addWidget(w)
    assert w.statistics is None


@pytest.mark.postgres
def test_a_course_beside_its_district(qtbot, enrolled, central):
    from desktop.services import sync

    assert sync.run(enrolled, sync.remote_for(enrolled)).ok
    w = MainWindow(enrolled, login(enrolled, "principal", "daftar"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentWidget(w.statistics)
    qtbot.waitUntil(lambda: w.statistics.page is not None
                    and w.statistics.page.report is not None)
    page = w.statistics.page
    klass = find_class(enrolled, "دهم ریاضی")
    page.choose("class", class_id=klass.id)
    page.choose("course", class_id=klass.id, course_id=page.course.itemData(0),
                session=SessionKind.DEY)
    assert not page.compare_button.isHidden() and "میانگین" not in page.beside.text()
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert "ناحیه" in page.beside.text() and "میانگین" in page.beside.text()
    page.choose("class", class_id=klass.id)
    page.choose("course", class_id=klass.id, course_id=page.course.itemData(0),
                session=SessionKind.DEY)
    assert "ناحیه" in page.beside.text()  # kept: shown again without the network
