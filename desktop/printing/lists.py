"""Lists printed for signatures: a class's grade sheet (لیست نمرات) and the graduates'
list (فهرست دانش‌آموختگان).  A4, right to left, Persian digits, Jalali dates, the
school's name, page numbers, and signature boxes on the last page.

Tables are laid out from the right margin leftwards (:mod:`.layout`): a cell's text is
wrapped inside its column, right-aligned, or centred for numbers; a page holds as many
rows as their heights allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .layout import Box, Pen, natural_heights, signature_boxes, table
from .layout import Column as LayoutColumn

MARGIN = 36  # half an inch
ROW = 17
HEADER_ROW = 26
CELL = 9.5              # the cells' font size
SIGNATURE_HEIGHT = 76   # the signature boxes and the space above them


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    centred: bool = False


@dataclass(frozen=True)
class ListDocument:
    title: str
    lines: Sequence[str]          # under the title: school, class, session, date
    columns: Sequence[Column]     # right to left
    rows: Sequence[Sequence[str]]
    signatures: Sequence[str]     # titles of the signature boxes
    wide: bool = False            # landscape


def render(doc: ListDocument, out: str | Path | BinaryIO, record: bool = False) -> Pen:
    """Draw the document; returns the pen (``pen.pages``; with ``record``, every string's
    box).  A long cell wraps inside its column and makes its row taller."""
    regular, bold = register()
    size = landscape(A4) if doc.wide else A4
    width, height = size
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=size,
               pageCompression=1)
    c.setTitle(doc.title)
    c.setCreator("Daftar")
    pen = Pen(c, regular, bold, record)
    full = width - 2 * MARGIN
    columns = [LayoutColumn(str(i), col.title, col.width, "center" if col.centred else "right")
               for i, col in enumerate(doc.columns)]
    rows = [{str(i): value for i, value in enumerate(row)} for row in doc.rows]
    heights = [max(ROW, h) for h in natural_heights(pen, full, columns, rows, CELL)[1:]]
    top_space = 40 + 16 * len(doc.lines) + HEADER_ROW
    room = height - 2 * MARGIN - top_space - 24
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    signatures_fit = not doc.signatures or room - used >= SIGNATURE_HEIGHT
    count = len(pages) + (0 if signatures_fit else 1)
    for number in range(1, count + 1):
        y = height - MARGIN
        pen.text(doc.title, Box(MARGIN, y - 24, width - MARGIN, y), 15, bold=True,
                 align="center")
        y -= 34
        for line in doc.lines:
            pen.text(line, Box(MARGIN, y - 16, width - MARGIN, y), 10)
            y -= 16
        y -= 6
        if number <= len(pages) and (pages[number - 1] or number == 1):
            y = table(pen, width - MARGIN, y, full, columns,
                      [rows[i] for i in pages[number - 1]], CELL, ROW)
        if number == count:
            _signatures(pen, doc, width, y)
        _footer(pen, width, number, count)
    c.save()
    pen.pages = count
    return pen


def _signatures(pen: Pen, doc: ListDocument, width: float, y: float) -> None:
    """Boxes for the signatures and stamps, right to left, under the table."""
    top = max(y - 14, MARGIN + SIGNATURE_HEIGHT)
    signature_boxes(pen, Box(MARGIN, top - 58, width - MARGIN, top), doc.signatures, 9)


def _footer(pen: Pen, width: float, page: int, pages: int) -> None:
    pen.text(f"صفحه {page} از {pages}", Box(MARGIN, MARGIN / 2 - 4, width - MARGIN,
                                            MARGIN / 2 + 10), 8, align="center")
    pen.c.showPage()
