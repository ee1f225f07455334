"""Workbooks in and out, on real .xlsx files written by openpyxl."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import ValidationError
from desktop.models.entities import AuditEvent, Grade, Student
from desktop.services.grades import open_sheet, read_sheet
from desktop.services.school import find_class, find_course
from desktop.services.workbook import (
    apply_grades,
    apply_students,
    export_sheet,
    plan_grades,
    plan_students,
    student_template,
)


def counts(db):
    with db.unit() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Student, Grade, AuditEvent))


@pytest.fixture
def sheet(demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    course = find_course(demo_db, "فیزیک ۱", klass.id)
    return open_sheet(demo_db, klass.id, course.id, SessionKind.KHORDAD)


def test_export_is_right_to_left_text_and_imports_back_unchanged(demo_db, sheet, tmp_path):
    path = export_sheet(demo_db, sheet, tmp_path / "sheet.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.sheet_view.rightToLeft
    header = [c.value for c in ws[1]]
    assert header[:3] == ["کد ملی", "نام خانوادگی", "نام"]
    assert "پایانی نوبت دوم" in header and header[-2:] == ["نتیجه", "وضعیت"]
    assert ws.max_row == 41
    assert all(isinstance(ws.cell(r, 1).value, str) and len(ws.cell(r, 1).value) == 10
               for r in range(2, 42))  # leading zeros kept
    plan = plan_grades(demo_db, sheet, path)
    assert {r.action for r in plan.rows} == {"same"}
    assert not plan.can_apply


def test_grades_round_trip_with_changes(demo_db, sheet, tmp_path):
    path = export_sheet(demo_db, sheet, tmp_path / "sheet.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    f2 = header.index("پایانی نوبت دوم") + 1
    code = ws.cell(2, 1).value
    ws.cell(2, f2).value = "۱۹٫۷۵"
    ws.cell(3, f2).value = 12  # a number cell, as Excel stores a typed 12
    ws.cell(4, f2).value = "غایب"
    wb.save(path)
    plan = plan_grades(demo_db, sheet, path)
    changed = [r for r in plan.rows if r.action == "change"]
    assert len(changed) <= 3 and plan.can_apply
    before = counts(demo_db)
    written = apply_grades(demo_db, plan)
    assert written == len(changed)
    data = read_sheet(demo_db, sheet)
    row = next(r for r in data.rows if r.national_code == code)
    assert row.cells["f2"] == D("19.75")
    assert counts(demo_db)[2] == before[2] + written  # one audit event per changed cell


@pytest.mark.parametrize("value,needle", [("21", "بین ۰ و ۲۰"), ("18.3", "مضربی"),
                                          ("x", "عدد نیست")])
def test_a_bad_grade_refuses_the_whole_workbook(demo_db, sheet, tmp_path, value, needle):
    path = export_sheet(demo_db, sheet, tmp_path / "sheet.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    f2 = [c.value for c in ws[1]].index("پایانی نوبت دوم") + 1
    ws.cell(2, f2).value = "15"
    ws.cell(5, f2).value = value
    wb.save(path)
    plan = plan_grades(demo_db, sheet, path)
    refused = [r for r in plan.rows if r.action == "refuse"]
    assert len(refused) == 1 and refused[0].row == 5 and needle in refused[0].details[0]
    before = counts(demo_db)
    with pytest.raises(ValidationError) as e:
        apply_grades(demo_db, plan)
    assert e.value.code == "import.refused_rows"
    assert counts(demo_db) == before


def test_a_workbook_of_another_sheet_is_refused(demo_db, sheet, tmp_path):
    klass = find_class(demo_db, "دهم ریاضی")
    other = open_sheet(demo_db, klass.id, find_course(demo_db, "شیمی ۱", klass.id).id,
                       SessionKind.KHORDAD)
    path = export_sheet(demo_db, other, tmp_path / "other.xlsx")
    with pytest.raises(ValidationError) as e:
        plan_grades(demo_db, sheet, path)
    assert "شیمی ۱" in str(e.value)


def test_unknown_student_and_missing_columns(demo_db, sheet, tmp_path):
    wb = Workbook()
    wb.active.append(["کد ملی", "مستمر نوبت دوم", "پایانی نوبت دوم"])
    wb.active.append(["0499370899", "15", "15"])
    wb.save(tmp_path / "a.xlsx")
    plan = plan_grades(demo_db, sheet, tmp_path / "a.xlsx")
    assert plan.rows[0].action == "refuse" and "در این کلاس نیست" in plan.rows[0].details[0]
    wb = Workbook()
    wb.active.append(["کد ملی", "مستمر نوبت دوم"])
    wb.active.append(["0499370899", "15"])
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(ValidationError) as e:
        plan_grades(demo_db, sheet, tmp_path / "b.xlsx")
    assert "پایانی نوبت دوم" in str(e.value)


def test_students_template_and_header_errors(demo_db, tmp_path):
    path = student_template(tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    assert ws.sheet_view.rightToLeft
    assert [c.value for c in ws[1]][:4] == ["کد ملی", "نوع شناسه اتباع", "شناسه اتباع", "نام"]
    with pytest.raises(ValidationError) as e:
        plan_students(demo_db, path, 1405)
    assert e.value.code == "workbook.empty"
    wb = Workbook()
    wb.active.append(["نام", "نام خانوادگی"])
    wb.active.append(["الف", "ب"])
    wb.save(tmp_path / "h.xlsx")
    with pytest.raises(ValidationError) as e:
        plan_students(demo_db, tmp_path / "h.xlsx", 1405)
    assert e.value.code == "workbook.header" and "کد ملی" in str(e.value)


def test_gregorian_excel_dates_and_duplicates_are_refused(demo_db, tmp_path):
    import datetime as dt

    path = student_template(tmp_path / "s.xlsx")
    wb = load_workbook(path)
    row = ["0499370899", None, None, "سارا", "نیک‌نام", "علی", "دختر", "1390/02/03", "تهران",
           None, None, None]
    wb.active.append(row)
    wb.active.append(row)  # the same student twice
    wb.active.append(["0084575948", None, None, "مینا", "رضایی", "حسن", "دختر",
                      dt.datetime(2011, 4, 23), "کرج", None, None, None])
    wb.save(path)
    plan = plan_students(demo_db, path, 1405)
    assert [r.action for r in plan.rows] == ["add", "refuse", "refuse"]
    assert "ردیف 2" in plan.rows[1].details[0]
    assert "میلادی" in plan.rows[2].details[0]
    before = counts(demo_db)
    with pytest.raises(ValidationError):
        apply_students(demo_db, plan)
    assert counts(demo_db) == before


def test_not_a_workbook(demo_db, tmp_path):
    for content in (b"", b"hello", b"PK\x03\x04broken"):
        path = tmp_path / "x.xlsx"
        path.write_bytes(content)
        with pytest.raises(ValidationError) as e:
            plan_students(demo_db, Path(path), 1405)
        assert e.value.code == "workbook.broken"
