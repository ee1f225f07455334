"""The lists printed for signatures: a grade sheet, and the graduates of a year.

Each print is an audit event (who, when, what).  The graduates' list gives each
grade-12 student's Khordad card result (:mod:`.cards`: the diploma rule, average >= 10,
every course passed or waived), the same decision the certificates print.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..domain.calendar import SessionKind, format_jalali, school_year_shown, today_tehran
from ..domain.grading import DEFAULT_POLICY, GradingPolicy, format_grade
from ..models.db import Database
from . import audit
from .cards import class_cards
from .context import Actor
from .grades import read_sheet
from .school import get_school, list_classes
from .students import search_students
from .workbook import outcome_texts


def grade_sheet_pdf(db: Database, sheet_id: int, out: Path, actor: Actor) -> int:
    """The class's grade sheet for signatures; returns pages."""
    from ..printing.lists import Column, ListDocument, render

    data = read_sheet(db, sheet_id)
    school = get_school(db)
    now = db.clock()
    columns = [Column("ردیف", 30, True), Column("نام خانوادگی", 110), Column("نام", 90),
               Column("کد ملی", 80, True)]
    columns += [Column(c.label, 62, True) for c in data.columns]
    columns += [Column("نتیجه", 60, True), Column("وضعیت", 50, True)]
    rows = []
    for i, r in enumerate(data.rows, start=1):
        result, status = outcome_texts(r.outcome)
        rows.append([str(i), r.last_name, r.first_name, r.national_code or "",
                     *[format_grade(r.cells.get(c.code), persian=False) for c in data.columns],
                     result, status])
    average = data.average
    lines = [f"{school.name} — کد مدرسه {school.code} — {school.district}",
             f"کلاس «{data.class_name}» — درس «{data.course_name}» ({data.units} واحد) — "
             f"{data.session.label_fa} — سال تحصیلی {school_year_shown(data.year)}",
             f"وضعیت برگه: {data.state.label_fa}"
             + (f" — میانگین کلاس {format_grade(average, persian=False)}" if average else "")
             + f" — تاریخ چاپ {format_jalali(today_tehran(now), persian=False)}"]
    doc = ListDocument("لیست نمرات", lines, columns, rows,
                       ["دبیر درس", "معاون آموزشی", "مدیر مدرسه"], wide=len(columns) > 9)
    pages = render(doc, out).pages
    with db.unit() as s:
        audit.record(s, actor, "print.grade_sheet", "grade_sheet", sheet_id,
                     new={"pages": pages, "file": Path(out).name})
    return pages


@dataclass(frozen=True)
class Graduate:
    student_id: int
    national_code: str | None
    first_name: str
    last_name: str
    class_name: str
    average: Decimal | None
    granted: bool
    waived: tuple[str, ...]
    reasons: tuple[str, ...]


def graduates(db: Database, year: int, policy: GradingPolicy = DEFAULT_POLICY
              ) -> list[Graduate]:
    """Every grade-12 student of the year with the diploma decision and its reasons."""
    out: list[Graduate] = []
    for klass in list_classes(db, year):
        if klass.grade_level != 12:
            continue
        students = search_students(db, class_id=klass.id, year=year)
        cards = class_cards(db, klass, SessionKind.KHORDAD, students, policy)
        for st in students:
            c = cards[st.id]
            out.append(Graduate(st.id, st.national_code, st.first_name, st.last_name,
                                klass.name, c.average, bool(c.diploma), c.waived, c.reasons))
    return out


def graduates_document(db: Database, year: int):  # type: ignore[no-untyped-def]
    """What the graduates' list of the year says (:class:`ListDocument`)."""
    from ..printing.lists import Column, ListDocument

    school = get_school(db)
    rows = []
    for i, g in enumerate(graduates(db, year), start=1):
        # Not granted: say why.  Granted with waivers: say which courses.
        note = " ".join(g.reasons) if not g.granted else (
            "ارفاق: " + "، ".join(g.waived) if g.waived else "")
        rows.append([str(i), g.last_name, g.first_name, g.national_code or "", g.class_name,
                     format_grade(g.average, persian=False) if g.average is not None else "—",
                     "دانش‌آموخته" if g.granted else "ناتمام", note])
    columns = [Column("ردیف", 30, True), Column("نام خانوادگی", 100), Column("نام", 85),
               Column("کد ملی", 80, True), Column("کلاس", 90), Column("معدل کل", 50, True),
               Column("نتیجه", 65, True), Column("توضیح", 160)]
    lines = [f"{school.name} — کد مدرسه {school.code} — {school.district}، {school.province}",
             f"سال تحصیلی {school_year_shown(year)} — نوبت دوم (خرداد) — "
             f"تاریخ چاپ {format_jalali(today_tehran(db.clock()), persian=False)}"]
    doc = ListDocument("فهرست دانش‌آموختگان", lines, columns, rows,
                       ["دفتردار", "معاون آموزشی", "مدیر مدرسه"], wide=True)
    return doc


def graduates_pdf(db: Database, year: int, out: Path, actor: Actor) -> int:
    """The graduates' list of the year for signatures; returns pages."""
    from ..printing.lists import render

    doc = graduates_document(db, year)
    pages = render(doc, out).pages
    with db.unit() as s:
        audit.record(s, actor, "print.graduates", "school", year,
                     new={"pages": pages, "file": Path(out).name, "students": len(doc.rows)})
    return pages
