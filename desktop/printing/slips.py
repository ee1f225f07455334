"""Small pages handed over the counter: the academic-record code slip."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.text import to_persian_digits
from ..domain.verification import format_code
from .fonts import register
from .layout import Box, Column, Pen, table


def record_code_slip(out: Path, school: str, fields: list[tuple[str, str]], code: str,
                     issued: str) -> None:
    """An A5 slip: who, the 19-digit code in groups of five, where it came from."""
    regular, bold = register()
    width, height = landscape(A5)
    c = Canvas(str(out), pagesize=(width, height))
    c.setTitle("کد سابقه تحصیلی")
    pen = Pen(c, regular, bold)
    left, right, top = 12 * mm, width - 12 * mm, height - 12 * mm
    pen.text("کد سابقۀ تحصیلی (۱۹ رقمی)", Box(left, top - 22, right, top), 15, bold=True,
             align="center")
    pen.text(school, Box(left, top - 40, right, top - 24), 10, align="center")
    rows = [{"label": label, "value": value} for label, value in fields]
    bottom = table(pen, right, top - 48, right - left,
                   [Column("label", "مشخصه", 1.0, "right"),
                    Column("value", "مقدار", 2.0, "right")],
                   rows, 10, 18)
    pen.text(format_code(code), Box(left, bottom - 44, right, bottom - 12), 20, bold=True,
             align="center")
    pen.text(f"صادرشده از سرور مرکزی در {issued}؛ برای ثبت‌نام آزمون سراسری و ایجاد سابقه یا "
             "ترمیم نمره در مدرسۀ بزرگسال.", Box(left, bottom - 70, right, bottom - 48), 9,
             align="center")
    c.showPage()
    c.save()


def grade_record_page(out: Path, school: str, fields: list[tuple[str, str]],
                      rows: list[dict[str, str]], note: str) -> int:
    """A student's grade record to check in the review window: every stored cell of the
    year by course and session, with the sheet's state.  Returns the pages."""
    from reportlab.lib.pagesizes import A4

    regular, bold = register()
    width, height = A4
    c = Canvas(str(out), pagesize=A4)
    c.setTitle("سوابق نمره‌ای برای بررسی")
    pen = Pen(c, regular, bold)
    left, right = 14 * mm, width - 14 * mm
    columns = [Column("row", "ردیف", 0.5), Column("course", "درس", 2.4, "right"),
               Column("session", "نوبت", 1.3), Column("grades", "نمره‌ها", 4.0, "right"),
               Column("state", "وضعیت برگه", 1.5)]
    pages, start = 0, 0
    per_page = 24
    while start < len(rows) or pages == 0:
        top = height - 14 * mm
        pen.text("سوابق نمره‌ای برای بررسی دانش‌آموز", Box(left, top - 22, right, top), 14,
                 bold=True, align="center")
        pen.text(school, Box(left, top - 38, right, top - 24), 9.5, align="center")
        y = top - 44
        if pages == 0:
            y = table(pen, right, y, right - left,
                      [Column("label", "مشخصه", 1.0, "right"),
                       Column("value", "مقدار", 2.0, "right")],
                      [{"label": a, "value": b} for a, b in fields], 9.5, 16) - 8
        chunk = [{"row": to_persian_digits(i)} | r
                 for i, r in enumerate(rows[start:start + per_page], start=start + 1)]
        y = table(pen, right, y, right - left, columns, chunk, 9, 18)
        pen.text(note, Box(left, y - 40, right, y - 6), 8.5)
        c.showPage()
        pages += 1
        start += per_page
    c.save()
    return pages


def selection_slip_page(out: Path, school: str, fields: list[tuple[str, str]],
                        courses: list[dict[str, str]], note: str) -> None:
    """The course-selection slip of a repair registration (one A4 page)."""
    from reportlab.lib.pagesizes import A4

    from .layout import signature_boxes

    regular, bold = register()
    width, height = A4
    c = Canvas(str(out), pagesize=A4)
    c.setTitle("نمونه برگ انتخاب واحد")
    pen = Pen(c, regular, bold)
    left, right, top = 14 * mm, width - 14 * mm, height - 14 * mm
    pen.text("نمونه برگ انتخاب واحد — ترمیم نمره / ایجاد سابقۀ تحصیلی",
             Box(left, top - 22, right, top), 14, bold=True, align="center")
    pen.text(school, Box(left, top - 38, right, top - 24), 9.5, align="center")
    y = table(pen, right, top - 44, right - left,
              [Column("label", "مشخصه", 1.0, "right"), Column("value", "مقدار", 2.0, "right")],
              [{"label": a, "value": b} for a, b in fields], 9.5, 16) - 10
    rows = [{"row": to_persian_digits(i)} | {k: to_persian_digits(v) for k, v in r.items()}
            for i, r in enumerate(courses, start=1)]
    y = table(pen, right, y, right - left,
              [Column("row", "ردیف", 0.5), Column("course", "درس", 3.0, "right"),
               Column("units", "واحد", 0.7), Column("level", "پایه", 0.7),
               Column("year", "سال", 0.9), Column("grade", "نمرۀ نهایی پیشین", 1.4)],
              rows, 9.5, 18)
    units = sum(int(r["units"]) for r in courses)
    pen.text(f"شمار درس‌ها: {to_persian_digits(len(courses))} — جمع واحدها: "
             f"{to_persian_digits(units)}", Box(left, y - 22, right, y - 4), 10, bold=True)
    pen.text(note, Box(left, y - 60, right, y - 26), 9)
    signature_boxes(pen, Box(left, 14 * mm, right, 14 * mm + 70),
                    ("داوطلب", "مدیر مدرسۀ بزرگسال"))
    c.showPage()
    c.save()
