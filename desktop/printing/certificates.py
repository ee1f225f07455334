"""Report cards and certificates: A4, right to left, with the signed QR and the code.

One function draws one document on a canvas, so a batch is many pages of one
canvas (one file) or one canvas per file.  The QR is segno's module matrix drawn
as a single filled path: reportlab's own QR widget cost most of the page time.
The QR's text is also written into the PDF's Subject, so ``daftar verify file.pdf``
can check a file without scanning it; the printed page is checked by scanning.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.verification import format_code
from .fonts import register
from .forms import FORMS, SUMMARY_LABELS, Form
from .layout import Box, Column, Pen, natural_heights, signature_boxes, stretch, table

# The QR is drawn to survive a phone photo or a 150-dpi scan sent through a messaging
# app (blur of about a pixel, a tilt of 7°, JPEG quality 30), read by zbar: error
# correction M (version 11, 61 modules for today's payload) in 56 mm with ISO's
# 4-module quiet zone, a module of 0.81 mm (4.8 px at 150 dpi).  Measured on 150 random
# payloads of today's length (bench/bench_qr_photos.py): at 50 mm (0.72 mm) a blur of
# 1.2 px with the tilt failed 2 in 300 and a blur of 1.3 px 107 in 150; at 56 mm 0 of
# 450 up to a blur of 1.4 px.  Q in 42 mm (version 13, 0.55 mm) read only 8/24.  The
# payload keeps the key certificate, so every verifier stays offline with the central
# key alone.  tests/test_qr_photos.py.
QR_SIZE = 56 * mm
QR_BORDER = 4      # modules of quiet zone (ISO/IEC 18004), inside QR_SIZE
QR_ERROR = "m"
MARGIN = 14 * mm


@dataclass(frozen=True)
class CertificateData:
    """What one page says; ``form`` names its layout in :data:`FORMS`."""

    form: str
    title: str
    school_lines: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]     # label, value (right column first)
    rows: tuple[dict[str, str], ...]        # the grade table, by the form's column keys
    summary: tuple[tuple[str, str], ...]    # (key of SUMMARY_LABELS, value): the overall line
    notes: tuple[str, ...]                  # waivers, reasons, what «—» means
    code: str                               # the 20 digits
    qr_text: str
    issued: str                             # Jalali, for the page
    parts: frozenset[str] = frozenset()     # optional parts switched on: remark, attendance


# A fixed mask: choosing the best of eight costs more than the rest of the page, and
# any mask is valid QR (tests scan the printed code).
QR_MASK = 4
_RUN = re.compile(b"\x01+")  # a run of dark modules in a row of the matrix


def qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR as one filled path of horizontal runs, written as PDF operators at once."""
    matrix = segno.make(text, error=QR_ERROR, boost_error=False, mask=QR_MASK,
                        micro=False).matrix
    border = QR_BORDER
    module = size / (len(matrix) + 2 * border)
    height = f"{module:.2f}"
    ops = []
    for row, line in enumerate(matrix):
        bottom = f"{y + size - (row + border + 1) * module:.2f}"
        for run in _RUN.finditer(line):
            start, end = run.span()
            ops.append(f"{x + (start + border) * module:.2f} {bottom} "
                       f"{(end - start) * module:.2f} {height} re")
    c.addLiteral("q 0 g\n" + "\n".join(ops) + "\nf Q")


def draw(c: Canvas, doc: CertificateData, record: bool = False) -> Pen:
    """One document on the current page, then the page is closed.  Returns the pen
    (with every drawn string's box when ``record``)."""
    regular, bold = register()
    pen = Pen(c, regular, bold, record)
    form = FORMS[doc.form]
    width, height = A4
    left, right = MARGIN, width - MARGIN
    full = right - left
    y = height - MARGIN
    pen.text("بسمه تعالی", Box(left, y - 14, right, y), 10, align="center")
    pen.text("جمهوری اسلامی ایران", Box(right - 150, y - 30, right, y - 14), 9.5, bold=True)
    pen.text("وزارت آموزش و پرورش", Box(right - 150, y - 44, right, y - 30), 9.5, bold=True)
    pen.text(f"تاریخ صدور: {doc.issued}", Box(left, y - 30, left + 150, y - 14), 9,
             align="left")
    pen.text(doc.title, Box(left + 150, y - 52, right - 150, y - 16), 16, bold=True,
             align="center")
    y -= 58
    for line in doc.school_lines:
        pen.text(line, Box(left, y - 15, right, y), 10, align="center")
        y -= 15
    y -= 6
    y = _identity(pen, doc.fields, left, right, y, full)
    # The bottom of the page, from the margin up: QR band, optional parts, notes, summary;
    # the grade table takes what is left, its rows stretched to fill it or, when a long
    # list would not fit, its type made smaller.
    band = QR_SIZE
    parts_h = sum(_PART_HEIGHT[p] for p in ("remark", "attendance")
                  if p in doc.parts and p in form.parts)
    notes_box = Box(left, 0, right, 0)
    notes_h = sum(pen.height(n, notes_box, 9) for n in doc.notes)
    summary_h = 48 if doc.summary else 0
    floor = MARGIN + band + 10 + parts_h + notes_h + summary_h
    rows = [{"row": str(i)} | r for i, r in enumerate(doc.rows, start=1)]
    space = y - 8 - floor
    size = 9.5
    heights = natural_heights(pen, full, form.columns, rows, size)
    while size > 7 and sum(heights) > space:
        size -= 0.5
        heights = natural_heights(pen, full, form.columns, rows, size)
    min_row = stretch(heights, space, 24.0)
    top = y - 8
    y = table(pen, right, top, full, form.columns, rows, size, min_row)
    pen.region("grades", Box(left, y, right, top))
    if doc.summary:
        top = y - 8
        y = table(pen, right, top, full,
                  [_summary_column(key) for key, _ in doc.summary],
                  [{key: value for key, value in doc.summary}], 9.5, 17, header_fill=0.95)
        pen.region("summary", Box(left, y, right, top))
    y -= 4
    for i, note in enumerate(doc.notes):
        h = pen.height(note, notes_box, 9)
        pen.text(note, Box(left, y - h, right, y), 9)
        pen.region(f"note {i + 1}", Box(left, y - h, right, y))
        y -= h
    _parts(pen, form, doc.parts, left, right, y, MARGIN + band + 10)
    # verification: the QR bottom left; signers and the code to its right
    qr(c, doc.qr_text, left, MARGIN, QR_SIZE)
    pen.region("qr", Box(left, MARGIN, left + QR_SIZE, MARGIN + QR_SIZE))
    sig = Box(left + QR_SIZE + 6, MARGIN + 30, right, MARGIN + band)
    signature_boxes(pen, sig, form.signatures)
    pen.region("signatures", sig)
    pen.text(f"کد صحت: {format_code(doc.code)}", Box(sig.x0, MARGIN + 14, right, MARGIN + 30),
             10.5, bold=True)
    pen.text("درستی این سند را با کد صحت یا رمزینه (QR) بسنجید.",
             Box(sig.x0, MARGIN, right, MARGIN + 14), 8.5)
    c.showPage()
    return pen


_PART_HEIGHT = {"remark": 46.0, "attendance": 24.0}


def _summary_column(key: str) -> Column:
    return Column(key, SUMMARY_LABELS[key], 3.0 if key == "levels" else 1.0)


def _identity(pen: Pen, fields: tuple[tuple[str, str], ...], left: float, right: float,
              y: float, full: float) -> float:
    """The student's box: label and value, two to a row, right column first."""
    half = full / 2
    row_h = 16.0
    rows = (len(fields) + 1) // 2
    top = y
    for i, (label, value) in enumerate(fields):
        col_right = right - (i % 2) * half
        row_top = top - 4 - (i // 2) * row_h
        label_w = min(half * 0.42, 92.0)
        pen.text(label + ":", Box(col_right - label_w, row_top - row_h, col_right - 4, row_top),
                 9.5, bold=True)
        pen.text(value, Box(col_right - half + 4, row_top - row_h, col_right - label_w,
                            row_top), 9.5)
    bottom = top - 8 - rows * row_h
    pen.region("identity", Box(left, bottom, left + full, top))
    pen.c.setLineWidth(0.6)
    pen.c.roundRect(left, bottom, full, top - bottom, 4)
    return bottom


def _parts(pen: Pen, form: Form, parts: frozenset[str], left: float, right: float,
           y: float, bottom: float) -> None:
    """The optional parts switched on: a line for attendance and a box for the teacher's
    remark (taking the room left above ``bottom``), each to be written by hand."""
    if "attendance" in parts and "attendance" in form.parts:
        box = Box(left, y - _PART_HEIGHT["attendance"], right, y)
        pen.text("روزهای غیبت — موجه: ........  غیرموجه: ........  تأخیر: ........", box, 9)
        pen.region("attendance", box)
        y = box.y0
    if "remark" in parts and "remark" in form.parts:
        h = max(_PART_HEIGHT["remark"] - 6, min(150.0, y - 6 - bottom))
        box = Box(left, y - 6 - h, right, y - 6)
        pen.c.setLineWidth(0.5)
        pen.c.rect(box.x0, box.y0, box.width, box.height)
        pen.text(form.remark_title + ":", Box(left, box.y1 - 16, right, box.y1), 9, bold=True)
        pen.region("remark", box)


PARALLEL_FROM = 120  # pages; below this, starting processes costs more than it saves


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


def render(docs: Iterable[CertificateData], out: str | Path | BinaryIO) -> int:
    """Many documents into one PDF; returns the pages written.

    A large batch is drawn in several processes (one per core) and the parts joined:
    drawing is pure Python, so this is how a batch uses the office PC's cores.
    """
    docs = list(docs)
    workers = _workers()
    if len(docs) < PARALLEL_FROM or workers < 2 or not isinstance(out, (str, Path)):
        return _render_one(docs, out)
    from concurrent.futures import ProcessPoolExecutor

    from .split import join

    size = -(-len(docs) // workers)
    chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(len(chunks), mp_context=_context()) as pool:
        parts = list(pool.map(_render_bytes, chunks))
    Path(out).write_bytes(join(parts, {"Title": docs[0].title, "Creator": "Daftar",
                                       "Subject": "\n".join(d.qr_text for d in docs)}))
    return len(docs)


def _render_bytes(docs: list[CertificateData]) -> bytes:
    buffer = io.BytesIO()
    _render_one(docs, buffer)
    return buffer.getvalue()


SPLIT_CHUNK = 50  # documents drawn together before they are cut into files


def render_files(docs: list[CertificateData], folder: Path) -> int:
    """One PDF per document, named by its code, drawn on all cores.

    Documents are drawn in chunks into one PDF in memory, so that the fonts are subset
    and compressed once a chunk rather than once a file, then each page is written to
    its own file with its own QR text (:mod:`.split` copies the page and what it uses)."""
    jobs = [(docs[i:i + SPLIT_CHUNK], str(folder)) for i in range(0, len(docs), SPLIT_CHUNK)]
    if len(docs) < PARALLEL_FROM or _workers() < 2:
        return sum(_render_split(job) for job in jobs)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(_workers(), mp_context=_context()) as pool:
        return sum(pool.map(_render_split, jobs))


def _render_split(args: tuple[list[CertificateData], str]) -> int:
    from .split import split

    docs, folder = args
    infos = [{"Title": d.title, "Creator": "Daftar", "Subject": d.qr_text} for d in docs]
    for doc, data in zip(docs, split(_render_bytes(docs), infos), strict=True):
        (Path(folder) / f"{doc.code}.pdf").write_bytes(data)
    return len(docs)


def _context():  # type: ignore[no-untyped-def]
    """'spawn' where the parent may hold Qt or database threads (fork would copy them)."""
    import multiprocessing

    return multiprocessing.get_context("spawn")


def _render_one(docs: Iterable[CertificateData], out: str | Path | BinaryIO) -> int:
    """Many documents into one PDF in this process; returns the pages written."""
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=A4, pageCompression=1)
    c.setCreator("Daftar")
    pages = 0
    subjects = []
    for doc in docs:
        if pages == 0:
            c.setTitle(doc.title)
        draw(c, doc)
        subjects.append(doc.qr_text)
        pages += 1
    # One QR text per page, so that a saved PDF can be verified without a scanner.
    c.setSubject("\n".join(subjects))
    c.save()
    return pages
