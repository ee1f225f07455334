"""The common parts of every printed form, laid out once: text in boxes, tables, signatures.

Everything on paper goes through a :class:`Pen`: a string is shaped (:func:`shape`),
measured, wrapped to its box's width on word boundaries (in logical order, so each
line is shaped on its own and reads right to left), and drawn inside the box, never
cut and never past it.  A pen can keep the box of every string it drew
(``placed``), which the tests use to prove that nothing runs out of its cell or off
the page.  Tables are drawn from the right edge leftwards; a row is as tall as its
tallest wrapped cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .shaping import shape

PAD = 3.0          # inner padding of a cell, points
LEADING = 1.3      # line height as a multiple of the font size


@dataclass(frozen=True)
class Box:
    """A rectangle in points: left, bottom, right, top."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def contains(self, other: Box, slack: float = 0.01) -> bool:
        return (other.x0 >= self.x0 - slack and other.x1 <= self.x1 + slack
                and other.y0 >= self.y0 - slack and other.y1 <= self.y1 + slack)


@dataclass(frozen=True)
class Placed:
    """One drawn string: its text (logical), the box of its glyphs and the box it had."""

    text: str
    ink: Box
    cell: Box
    drawn: tuple[str, float, float, str, float] = ("", 0, 0, "", 0)  # shaped, x, y, font, size


@lru_cache(maxsize=65536)
def width_of(text: str, font: str, size: float) -> float:
    return stringWidth(shape(text), font, size)


@lru_cache(maxsize=16384)
def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Lines (logical order) no wider than ``width``; a single word wider than the
    box is split by letters, so that nothing is ever drawn outside it."""
    if width_of(text, font, size) <= width:
        return (text,)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width_of(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while width_of(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and width_of(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines)


class Pen:
    """Draws shaped, wrapped text inside boxes on one canvas."""

    def __init__(self, canvas: Canvas, regular: str, bold: str, record: bool = False) -> None:
        self.c, self.regular, self.bold = canvas, regular, bold
        self.placed: list[Placed] | None = [] if record else None
        self.regions: list[tuple[str, Box]] = []   # the parts of a page, when recording
        self.pages = 0

    def region(self, name: str, box: Box) -> None:
        """Note where a part of the page went (the tests check that parts never overlap)."""
        if self.placed is not None:
            self.regions.append((name, box))

    def overlaps(self) -> list[tuple[str, str]]:
        """Pairs of recorded parts that overlap (by more than a hairline)."""
        found = []
        for i, (a, p) in enumerate(self.regions):
            for b, q in self.regions[i + 1:]:
                if min(p.x1, q.x1) - max(p.x0, q.x0) > 0.5 and \
                        min(p.y1, q.y1) - max(p.y0, q.y0) > 0.5:
                    found.append((a, b))
        return found

    def lines(self, text: str, box: Box, size: float, bold: bool = False) -> tuple[str, ...]:
        return wrap(text, self.bold if bold else self.regular, size, max(1.0, box.width - 2 * PAD))

    def height(self, text: str, box: Box, size: float, bold: bool = False) -> float:
        """How tall ``text`` is once wrapped to ``box``'s width (padding included)."""
        return len(self.lines(text, box, size, bold)) * size * LEADING + 2 * PAD

    def text(self, text: str, box: Box, size: float, bold: bool = False,
             align: str = "right", valign: str = "middle") -> None:
        """``text`` wrapped into ``box``: right-aligned (Persian) or centred."""
        if not text:
            return
        font = self.bold if bold else self.regular
        lines = self.lines(text, box, size, bold)
        leading = size * LEADING
        block = len(lines) * leading
        if valign == "top":
            top = box.y1 - PAD
        else:
            top = box.y0 + (box.height + block) / 2
        self.c.setFont(font, size)
        for i, line in enumerate(lines):
            shaped = shape(line)
            w = width_of(line, font, size)
            baseline = top - i * leading - size * 0.95
            if align == "center":
                x = box.x0 + (box.width - w) / 2
            elif align == "left":
                x = box.x0 + PAD
            else:
                x = box.x1 - PAD - w
            # One text object per string (drawString): readers that take a page's text
            # apart (pypdf, screen readers, copy and paste) keep each cell its own string.
            self.c.drawString(x, baseline, shaped)
            if self.placed is not None:
                # Vazirmatn's ink reaches about 0.3 em below the baseline, 0.95 above.
                self.placed.append(Placed(line, Box(x, baseline - 0.3 * size, x + w,
                                                    baseline + 0.95 * size), box,
                                          (shaped, x, baseline, font, size)))


@dataclass(frozen=True)
class Column:
    """One column of a table: the row's key, its heading, its share of the width."""

    key: str
    title: str
    weight: float
    align: str = "center"


def _edges(right: float, width: float, columns: Sequence[Column]) -> list[float]:
    total = sum(col.weight for col in columns)
    edges = [right]
    for col in columns:
        edges.append(edges[-1] - width * col.weight / total)
    return edges


def _heights(pen: Pen, edges: list[float], columns: Sequence[Column],
             rows: Sequence[dict[str, str]], size: float, min_row: float) -> list[float]:
    """The header's height, then each row's: as tall as its tallest wrapped cell."""
    boxes = [Box(edges[i + 1], 0, edges[i], 0) for i in range(len(columns))]
    header = max(min_row, max(pen.height(col.title, b, size, True)
                              for col, b in zip(columns, boxes, strict=True)))
    return [header] + [max(min_row, max(pen.height(row.get(col.key, ""), b, size)
                                        for col, b in zip(columns, boxes, strict=True)))
                       for row in rows]


def natural_heights(pen: Pen, width: float, columns: Sequence[Column],
                    rows: Sequence[dict[str, str]], size: float) -> list[float]:
    """The header's and each row's height with no minimum (what their text needs)."""
    return _heights(pen, _edges(width, width, columns), columns, rows, size, 0.0)


def stretch(heights: Sequence[float], space: float, most: float) -> float:
    """The row minimum (up to ``most``) that makes rows of ``heights`` fill ``space``."""
    low, high = 0.0, most
    for _ in range(16):
        middle = (low + high) / 2
        if sum(max(middle, h) for h in heights) <= space:
            low = middle
        else:
            high = middle
    return low


def table(pen: Pen, right: float, top: float, width: float, columns: Sequence[Column],
          rows: Sequence[dict[str, str]], size: float, min_row: float,
          header_fill: float = 0.9) -> float:
    """A table from ``right`` leftwards starting at ``top``; returns its bottom."""
    c = pen.c
    edges = _edges(right, width, columns)
    left = edges[-1]
    heights = _heights(pen, edges, columns, rows, size, min_row)

    def cells(y_top: float, height: float) -> list[Box]:
        return [Box(edges[i + 1], y_top - height, edges[i], y_top) for i in range(len(columns))]

    header_h = heights[0]
    c.setFillGray(header_fill)
    c.rect(left, top - header_h, width, header_h, stroke=0, fill=1)
    c.setFillGray(0)
    for col, box in zip(columns, cells(top, header_h), strict=True):
        pen.text(col.title, box, size, bold=True, align="center")
    y = top - header_h
    c.setLineWidth(0.25)
    for row, h in zip(rows, heights[1:], strict=True):
        for col, box in zip(columns, cells(y, h), strict=True):
            pen.text(row.get(col.key, ""), box, size, align=col.align)
        y -= h
        c.line(left, y, right, y)
    c.setLineWidth(0.6)
    c.rect(left, y, width, top - y, stroke=1, fill=0)
    c.line(left, top - header_h, right, top - header_h)
    for x in edges[1:-1]:
        c.line(x, top, x, y)
    return y


def signature_boxes(pen: Pen, box: Box, titles: Sequence[str], size: float = 8.5) -> None:
    """One box per signer, right to left across ``box``: the title on top, «امضا و مهر»
    at the bottom."""
    if not titles:
        return
    w = box.width / len(titles)
    for i, who in enumerate(titles):
        cell = Box(box.x1 - (i + 1) * w + 3, box.y0, box.x1 - i * w - 3, box.y1)
        pen.c.setLineWidth(0.5)
        pen.c.rect(cell.x0, cell.y0, cell.width, cell.height)
        pen.text(who, Box(cell.x0, cell.y1 - 2.6 * size, cell.x1, cell.y1), size, bold=True,
                 align="center")
        pen.text("امضا و مهر", Box(cell.x0, cell.y0, cell.x1, cell.y0 + 2.2 * size),
                 size - 1, align="center")
