"""Small pages handed over the counter: the academic-record code slip."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

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
