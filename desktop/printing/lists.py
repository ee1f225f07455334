"""Lists printed for signatures: a class's grade sheet (لیست نمرات) and the graduates'
list (فهرست دانش‌آموختگان).  A4, right to left, Persian digits, Jalali dates, the
school's name, page numbers, and signature boxes on the last page.

Tables are laid out from the right margin leftwards; a cell's text is shaped once
(:func:`shape`) and drawn right-aligned, or centred for numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .shaping import shape

MARGIN = 36  # half an inch
ROW = 17
HEADER_ROW = 26


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


def render(doc: ListDocument, out: str | Path | BinaryIO) -> int:
    """Draw the document; returns the number of pages."""
    regular, bold = register()
    size = landscape(A4) if doc.wide else A4
    width, height = size
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=size,
               pageCompression=1)
    c.setTitle(doc.title)
    c.setCreator("Daftar")
    table_width = sum(col.width for col in doc.columns)
    scale = min(1.0, (width - 2 * MARGIN) / table_width)
    widths = [col.width * scale for col in doc.columns]
    top_space = 60 + 16 * len(doc.lines) + HEADER_ROW
    per_page = max(1, int((height - 2 * MARGIN - top_space - 24) // ROW))
    sign_rows = -(-76 // ROW) if doc.signatures else 0  # the signature boxes' height in rows
    pages = max(1, -(-len(doc.rows) // per_page))
    last_rows = len(doc.rows) - (pages - 1) * per_page
    if per_page - last_rows < sign_rows:
        pages += 1  # no room under the last rows: the boxes get a page of their own
    index = 0
    for page in range(1, pages + 1):
        y = height - MARGIN
        c.setFont(bold, 15)
        c.drawCentredString(width / 2, y - 10, shape(doc.title))
        y -= 34
        c.setFont(regular, 10)
        for line in doc.lines:
            c.drawRightString(width - MARGIN, y, shape(line))
            y -= 16
        y -= 6
        rows_here = doc.rows[index:index + per_page]
        if not rows_here and page > 1:  # a page for the signature boxes only
            _signatures(c, doc, width, y, regular, bold)
            _footer(c, width, page, pages, regular)
            continue
        # header
        x = width - MARGIN
        c.setFillGray(0.9)
        c.rect(width - MARGIN - sum(widths), y - HEADER_ROW, sum(widths), HEADER_ROW,
               stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(bold, 9)
        for col, w in zip(doc.columns, widths, strict=True):
            c.drawCentredString(x - w / 2, y - HEADER_ROW + 9, shape(col.title))
            x -= w
        y -= HEADER_ROW
        c.setFont(regular, 9.5)
        for row in rows_here:
            x = width - MARGIN
            for col, w, value in zip(doc.columns, widths, row, strict=True):
                text = shape(value)
                if col.centred:
                    c.drawCentredString(x - w / 2, y - ROW + 6, text)
                else:
                    c.drawRightString(x - 4, y - ROW + 6, text)
                x -= w
            c.setLineWidth(0.3)
            c.line(width - MARGIN - sum(widths), y - ROW, width - MARGIN, y - ROW)
            y -= ROW
        index += len(rows_here)
        # column rules
        c.setLineWidth(0.5)
        table_top = y + ROW * len(rows_here) + HEADER_ROW
        x = width - MARGIN
        for w in [0.0, *widths]:
            x -= w
            c.line(x, table_top, x, y)
        c.line(width - MARGIN - sum(widths), table_top, width - MARGIN, table_top)
        if page == pages:
            _signatures(c, doc, width, y, regular, bold)
        _footer(c, width, page, pages, regular)
    c.save()
    return pages


def _signatures(c: Canvas, doc: ListDocument, width: float, y: float, regular: str,
                bold: str) -> None:
    """Boxes for the signatures and stamps, right to left, under the table."""
    if not doc.signatures:
        return
    box_w = (width - 2 * MARGIN) / len(doc.signatures)
    top = max(y - 14, MARGIN + 62)
    for i, who in enumerate(doc.signatures):
        right = width - MARGIN - i * box_w
        c.rect(right - box_w + 6, top - 58, box_w - 12, 58, stroke=1, fill=0)
        c.setFont(bold, 9)
        c.drawRightString(right - 12, top - 14, shape(who))
        c.setFont(regular, 8)
        c.drawRightString(right - 12, top - 50, shape("امضا و مهر"))


def _footer(c: Canvas, width: float, page: int, pages: int, regular: str) -> None:
    c.setFont(regular, 8)
    c.drawCentredString(width / 2, MARGIN / 2, shape(f"صفحه {page} از {pages}"))
    c.showPage()
