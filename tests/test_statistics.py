"""Statistics (issue 16): each figure against a direct computation over the demo school,
the edge cases (an empty class, all absent, exempt only, one student, the bands' edges),
the cache that follows the audit head, the CLI, the workbook and the printed report."""

from __future__ import annotations

import csv
import io
import statistics as py
import subprocess
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytest

from desktop.domain.calendar import SessionKind
from desktop.domain.grading import CourseOutcome, Descriptive
from desktop.domain.statistics import BANDS, band_of, change_text, descriptive, numeric
from desktop.services import statistics
from desktop.services.cards import class_cards
from desktop.services.class_grades import read_class
from desktop.services.school import find_class, list_classes, list_courses
from desktop.services.students import search_students

D = Decimal


def r2(x) -> Decimal:
    return D(x).quantize(D("0.01"), rounding=ROUND_HALF_UP)


# --- the figures themselves ------------------------------------------------------------

def test_an_empty_class_has_no_figures_only_zero_counts():
    f = numeric("خالی", {}, {})
    assert (f.enrolled, f.count, f.mean, f.median, f.std, f.pass_rate) == (0, 0, None, None,
                                                                           None, None)
    assert [b.count for b in f.bands] == [0] * len(BANDS) and f.top == () and f.below == ()


def test_all_absent_counts_as_zero_and_fails():
    grades = {1: D(0), 2: D(0), 3: D(0)}
    f = numeric("غایب", grades, dict.fromkeys(grades, False), absent=[1, 2, 3])
    assert f.absent == (1, 2, 3) and f.mean == D("0.00") and f.pass_rate == D("0.0")
    assert f.below == (1, 2, 3) and f.bands[0].students == (1, 2, 3)


def test_exempt_only_is_no_result():
    f = numeric("معاف", {1: None, 2: None}, {1: None, 2: None}, exempt=[1, 2])
    assert f.count == 0 and f.exempt == (1, 2) and f.missing == () and f.mean is None


def test_one_student():
    f = numeric("یک", {7: D("13.50")}, {7: True})
    assert (f.mean, f.median, f.std, f.pass_rate) == (D("13.50"), D("13.50"), D("0.00"),
                                                      D("100.0"))
    assert f.top == ((7, D("13.50")),) and f.bands[2].students == (7,)


def test_band_edges_follow_the_policys_bands():
    assert [band_of(D(x)) for x in ("0", "9.99", "10", "11.99", "12", "14.75", "15", "16.99",
                                    "17", "20")] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_descriptive_results_are_shares_never_an_average():
    levels = {1: Descriptive.VERY_GOOD, 2: Descriptive.GOOD, 3: Descriptive.GOOD,
              4: Descriptive.NEEDS_EFFORT, 5: None}
    f = descriptive("ابتدایی", levels, {1: True, 2: True, 3: True, 4: False, 5: None})
    assert f.mean is None and f.median is None and f.std is None and f.bands == ()
    shares = {s.level: (s.count, s.percent) for s in f.levels}
    assert shares[Descriptive.GOOD] == (2, D("50.0")) and shares[Descriptive.ACCEPTABLE] == (
        0, D("0.0"))
    assert f.missing == (5,) and f.below == (4,) and f.pass_rate == D("75.0")


def test_a_change_is_told_in_words():
    assert change_text(D("-0.11")) == "کاهش ۰٫۱۱"
    assert change_text(D("2.6")) == "افزایش ۲٫۶"
    assert change_text(D("0.0")) == "بدون تغییر" and change_text(None) == "—"


# --- against the demo school ----------------------------------------------------------

def test_a_course_of_a_class_matches_a_direct_computation(demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    for session in (SessionKind.DEY, SessionKind.KHORDAD):
        results = read_class(demo_db, klass.id, session)
        r = results[0]
        report = statistics.course_report(demo_db, klass.id, r.course_id, session)
        (f,) = report.figures
        grades = [o.grade for o in r.rows.values() if o.grade is not None and not o.exempt]
        assert f.count == len(grades) and f.enrolled == len(r.rows)
        assert f.mean == r2(sum(grades) / len(grades))
        assert f.median == r2(py.median(grades)) and f.std == r2(py.pstdev(grades))
        passed = sum(1 for o in r.rows.values() if o.passed)
        assert f.pass_rate == (D(100 * passed) / len(grades)).quantize(D("0.1"), ROUND_HALF_UP)
        assert sum(b.count for b in f.bands) == f.count
        assert set(f.below) == {sid for sid, o in r.rows.items() if o.passed is False}
        assert f.top[0][1] == max(grades)
        assert set(f.absent) == set(r.absent)
    # Khordad is compared with Dey
    assert report.previous and report.changes[0].mean == f.mean - report.previous[0].mean


def test_a_class_uses_the_cards_averages(demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    report = statistics.class_report(demo_db, klass.id, SessionKind.KHORDAD)
    cards = class_cards(demo_db, klass, SessionKind.KHORDAD,
                        search_students(demo_db, class_id=klass.id, year=klass.year))
    averages = [c.average for c in cards.values() if c.average is not None]
    (f,) = report.figures
    assert f.count == len(averages) and f.mean == r2(sum(averages) / len(averages))
    assert f.passed == sum(1 for c in cards.values() if c.average is not None and c.failed == 0)
    assert [p.title for p in report.parts] == [c.name for c in list_courses(demo_db, klass.id)
                                               if any(p.title == c.name for p in report.parts)]
    names = report.names
    assert all(" — دهم ریاضی" in names[sid] for sid in f.below)


def test_the_school_pools_levels_for_primary_and_averages_for_the_rest(demo_db):
    year = list_classes(demo_db)[-1].year
    report = statistics.school_report(demo_db, year, SessionKind.KHORDAD)
    numeric_f, levels_f = report.figures
    secondary = [c for c in list_classes(demo_db, year) if c.grade_level >= 7]
    assert numeric_f.enrolled == sum(c.students for c in secondary)
    primary_results = sum(len(r.rows) for c in list_classes(demo_db, year) if c.grade_level < 7
                          for r in read_class(demo_db, c.id, SessionKind.KHORDAD))
    assert levels_f.descriptive and levels_f.pooled and levels_f.enrolled == primary_results
    assert sum(s.count for s in levels_f.levels) == levels_f.count
    assert [p.title for p in report.parts][:2] == ["اول", "دوم"]  # a part a grade level


def test_a_report_is_kept_until_the_audit_head_moves(demo_db):
    from desktop.services import audit
    from desktop.services.context import PRINCIPAL_ACTOR

    klass = find_class(demo_db, "دهم ریاضی")
    r = read_class(demo_db, klass.id, SessionKind.DEY)[0]
    before = statistics.course_report(demo_db, klass.id, r.course_id, SessionKind.DEY)
    assert statistics.course_report(demo_db, klass.id, r.course_id, SessionKind.DEY) is before
    with demo_db.unit() as s:  # any change is an audit event (a grade's, an enrolment's…)
        audit.record(s, PRINCIPAL_ACTOR, "grade.set", "grade", "x")
    after = statistics.course_report(demo_db, klass.id, r.course_id, SessionKind.DEY)
    assert after is not before and after.figures == before.figures


def test_an_unknown_course_is_refused(demo_db):
    from desktop.domain.errors import DaftarError

    klass = find_class(demo_db, "دهم ریاضی")
    with pytest.raises(DaftarError):
        statistics.course_report(demo_db, klass.id, 10**6, SessionKind.KHORDAD)


# --- paper, workbook, command line ------------------------------------------------------

def test_the_printed_report_reads_back_and_renders(demo_db, tmp_path):
    from pypdf import PdfReader

    from desktop.printing.statistics import statistics_pdf

    klass = find_class(demo_db, "دهم ریاضی")
    report = statistics.class_report(demo_db, klass.id, SessionKind.KHORDAD)
    path = tmp_path / "stats.pdf"
    with path.open("wb") as out:
        pages = statistics_pdf(report, klass.year, out)
    reader = PdfReader(path)
    assert len(reader.pages) == pages >= 1
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    from desktop.domain.text import to_persian_digits

    mean = to_persian_digits(str(report.figures[0].mean))
    assert mean in text or mean[::-1] in text
    assert "میانگین" in text or "میانگین"[::-1] in text
    done = subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path),
                           str(tmp_path / "page")], capture_output=True)
    assert done.returncode == 0 and list(tmp_path.glob("page*.png"))


def test_the_workbook_holds_the_numbers(demo_db, tmp_path):
    from openpyxl import load_workbook

    from desktop.services.statistics_export import write_xlsx

    klass = find_class(demo_db, "دهم ریاضی")
    report = statistics.class_report(demo_db, klass.id, SessionKind.KHORDAD)
    path = tmp_path / "stats.xlsx"
    write_xlsx(report, klass.year, str(path))
    wb = load_workbook(path)
    rows = {r[1]: r[2] for r in wb["شاخص‌ها"].iter_rows(min_row=3, values_only=True)}
    assert rows["میانگین"] == float(report.figures[0].mean)
    assert wb["شاخص‌ها"].sheet_view.rightToLeft
    assert wb["بخش‌ها"].max_row == len(report.parts) + 1
    assert wb["زیر نمرهٔ قبولی"].max_row == len(report.figures[0].below) + 1


def test_daftar_stats_prints_and_writes_csv(demo_db):
    from tests.test_records_cli import daftar

    klass = find_class(demo_db, "دهم ریاضی")
    report = statistics.class_report(demo_db, klass.id, SessionKind.KHORDAD)
    done = daftar(demo_db.path, "stats", "--class", "دهم ریاضی", "--csv", "-")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["گروه", "شاخص", "این نوبت", "نوبت پیشین"]
    means = [r for r in rows if len(r) > 2 and r[1] == "میانگین"]
    assert float(means[0][2]) == float(report.figures[0].mean)
    shown = daftar(demo_db.path, "stats", "--class", "دهم ریاضی")
    assert "میانگین" in shown.stdout and "(پیشین: " in shown.stdout  # beside Dey
    wrong = daftar(demo_db.path, "stats", "--class", "کلاسی که نیست")
    assert wrong.returncode == 1 and "پیدا نشد" in wrong.stderr


def test_the_course_report_of_a_primary_course_is_levels(demo_db):
    klass = [c for c in list_classes(demo_db) if c.grade_level == 3][0]
    r = read_class(demo_db, klass.id, SessionKind.KHORDAD)[0]
    report = statistics.course_report(demo_db, klass.id, r.course_id, SessionKind.KHORDAD)
    (f,) = report.figures
    assert f.descriptive and not f.pooled and f.mean is None
    counted = {lv: sum(1 for o in r.rows.values() if o.level is lv) for lv in Descriptive}
    assert {s.level: s.count for s in f.levels} == counted
    assert isinstance(next(iter(r.rows.values())), CourseOutcome)


# --- beside the district and the province ------------------------------------------------

@pytest.mark.postgres
def test_the_district_figures_come_from_the_same_rule(enrolled, central):
    from desktop.domain.statistics import comparison_text, of_outcomes
    from desktop.services import sync

    report = sync.run(enrolled, sync.remote_for(enrolled))
    assert report.ok and report.sent
    # a second school of another district: the province counts it, the district does not
    central.add_school("87654321", "دیگر", "تهران", "منطقه ۲")
    klass = find_class(enrolled, "دهم ریاضی")
    course = list_courses(enrolled, klass.id)[0]
    answer = statistics.compare(enrolled, klass.id, course.id, SessionKind.DEY)
    assert statistics.kept_comparison(enrolled, klass.id, course.id, SessionKind.DEY) == answer
    # the same course and session over every class of the level that takes it, here
    outcomes = {}
    for c in list_classes(enrolled):
        if c.grade_level != klass.grade_level:
            continue
        codes = {x.id: x.code for x in list_courses(enrolled, c.id)}
        for r in read_class(enrolled, c.id, SessionKind.DEY):
            if codes.get(r.course_id) == course.code:
                outcomes.update({(c.id, sid): o for sid, o in r.rows.items()})
    here = of_outcomes("", outcomes)
    district = answer["district"]
    assert district["schools"] == 1 and district["students"] == here.count
    f = district["figures"]
    assert D(f["mean"]) == here.mean and D(f["pass_rate"]) == here.pass_rate
    assert f["bands"] == [b.count for b in here.bands]
    assert answer["province"]["students"] == here.count  # the other school sent nothing
    assert "ناحیه" in comparison_text(answer)
    import json
    import re

    assert not re.search(r"[0-9]{10}", json.dumps(answer))  # no national code, no student


@pytest.mark.postgres
def test_a_comparison_offline_is_told_and_keeps_nothing(enrolled, central):
    from desktop.domain.errors import DaftarError
    from desktop.services.sync import Remote

    klass = find_class(enrolled, "دهم ریاضی")
    course = list_courses(enrolled, klass.id)[0]
    with pytest.raises(DaftarError) as refused:
        statistics.compare(enrolled, klass.id, course.id, SessionKind.DEY,
                           remote=Remote("http://127.0.0.1:9", "t", timeout=2))
    assert "سرور" in refused.value.message()
    assert statistics.kept_comparison(enrolled, klass.id, course.id, SessionKind.DEY) is None
