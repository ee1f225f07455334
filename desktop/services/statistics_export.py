"""A statistics report's tables as an Excel workbook (openpyxl), and as CSV for the
command line: the figures of this session beside the session before, each part, the
distribution, and the students under the pass mark.  Sheets are right to left; numbers
are numbers (Excel's own digits), so the office can chart and sum them again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from ..domain.calendar import school_year_shown
from ..domain.statistics import fields
from .statistics import Report


def _num(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def figure_rows(report: Report) -> Iterator[list[Any]]:
    """[group, figure, this session, session before] for each figure of each group."""
    before = {f.descriptive: f for f in report.previous}
    for f in report.figures:
        b = before.get(f.descriptive)
        for name, get, _change in fields(f):
            yield [f.title, name, _num(get(f)), _num(get(b)) if b is not None else None]


def part_rows(report: Report) -> Iterator[list[Any]]:
    for p in report.parts:
        yield [p.title, p.count, _num(p.mean), _num(p.median), _num(p.std), _num(p.pass_rate),
               p.failed, len(p.absent), len(p.exempt)]


PART_HEADER = ["بخش", "دارای نتیجه", "میانگین", "میانه", "انحراف معیار", "درصد قبولی",
               "زیر نمرهٔ قبولی", "غایب", "معاف"]
FIGURE_HEADER = ["گروه", "شاخص", "این نوبت", "نوبت پیشین"]


def write_xlsx(report: Report, year: int, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "شاخص‌ها"
    ws.sheet_view.rightToLeft = True
    ws.append([f"{report.title} — {report.session.label_fa} — سال تحصیلی "
               f"{school_year_shown(year)}"])
    ws["A1"].font = Font(bold=True)
    ws.append(FIGURE_HEADER)
    for row in figure_rows(report):
        ws.append(row)
    parts = wb.create_sheet("بخش‌ها")
    parts.sheet_view.rightToLeft = True
    parts.append(PART_HEADER)
    for row in part_rows(report):
        parts.append(row)
    below = wb.create_sheet("زیر نمرهٔ قبولی")
    below.sheet_view.rightToLeft = True
    below.append(["ردیف", "نام"])
    if report.figures:
        for i, key in enumerate(report.figures[0].below, 1):
            below.append([i, report.names.get(key[0] if isinstance(key, tuple) else key, "")])
    for sheet in (ws, parts, below):
        for cells in sheet.columns:
            sheet.column_dimensions[cells[0].column_letter].width = max(
                10, min(40, max(len(str(c.value or "")) for c in cells) + 2))
    wb.save(path)


def write_csv(report: Report, out: IO[str]) -> int:
    """The figures, then the parts, as CSV (ASCII digits); the rows written."""
    writer = csv.writer(out)
    writer.writerow(FIGURE_HEADER)
    n = 0
    for row in figure_rows(report):
        writer.writerow(["" if v is None else v for v in row])
        n += 1
    if report.parts:
        writer.writerow([])
        writer.writerow(PART_HEADER)
        for row in part_rows(report):
            writer.writerow(["" if v is None else v for v in row])
            n += 1
    return n
