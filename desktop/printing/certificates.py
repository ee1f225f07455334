"""Report cards and certificates: A4, right to left, with the signed QR and the code.

One function draws one document on a canvas, so a batch is many pages of one
canvas (one file) or one canvas per file.  The QR is segno's module matrix drawn
as a single filled path: reportlab's own QR widget cost most of the page time.
The QR's text is also written into the PDF's Subject, so ``daftar verify file.pdf``
can check a file without scanning it; the printed page is checked by scanning.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import register
from .shaping import shape

QR_SIZE = 35 * mm
MARGIN = 16 * mm


@dataclass(frozen=True)
class CourseLine:
    name: str
    units: str
    grade: str
    status: str


@dataclass(frozen=True)
class CertificateData:
    title: str
    school_lines: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]     # label, value (right column first)
    courses: tuple[CourseLine, ...]
    summary: tuple[str, ...]                # average, result, waivers
    code_grouped: str
    qr_text: str
    issued: str                             # Jalali, for the page
    signatures: tuple[str, ...]
    descriptive: bool = False


# A fixed mask: choosing the best of eight costs more than the rest of the page, and
# any mask is valid QR (tests scan the printed code at 300 dpi).
QR_MASK = 4


def _qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR as one filled path of horizontal runs, written as PDF operators at once."""
    qr = segno.make(text, error="q", boost_error=False, mask=QR_MASK)
    matrix = qr.matrix
    border = 2
    module = size / (len(matrix) + 2 * border)
    ops = []
    for row, line in enumerate(matrix):
        bottom = y + size - (row + border + 1) * module
        col, width = 0, len(line)
        while col < width:
            if line[col]:
                start = col
                while col < width and line[col]:
                    col += 1
                ops.append(f"{x + (start + border) * module:.2f} {bottom:.2f} "
                           f"{(col - start) * module:.2f} {module:.2f} re")
            else:
                col += 1
    c.addLiteral("q 0 g\n" + "\n".join(ops) + "\nf Q")


def draw(c: Canvas, doc: CertificateData) -> None:
    """One document on the current page, then the page is closed."""
    regular, bold = register()
    width, height = A4
    right = width - MARGIN
    y = height - MARGIN
    c.setFont(regular, 10)
    c.drawCentredString(width / 2, y, shape("بسمه تعالی"))
    y -= 18
    c.setFont(bold, 10)
    c.drawRightString(right, y, shape("جمهوری اسلامی ایران"))
    c.drawRightString(right, y - 14, shape("وزارت آموزش و پرورش"))
    c.setFont(bold, 17)
    c.drawCentredString(width / 2, y - 24, shape(doc.title))
    y -= 48
    c.setFont(regular, 10)
    for line in doc.school_lines:
        c.drawRightString(right, y, shape(line))
        y -= 15
    y -= 6
    # identity block: two columns of label: value, right column first
    c.setLineWidth(0.6)
    c.roundRect(MARGIN, y - 14 * ((len(doc.fields) + 1) // 2) - 12, width - 2 * MARGIN,
                14 * ((len(doc.fields) + 1) // 2) + 16, 4)
    half = (width - 2 * MARGIN) / 2
    y -= 12
    for i, (label, value) in enumerate(doc.fields):
        col_right = right - 8 - (i % 2) * half
        row_y = y - (i // 2) * 14
        c.setFont(bold, 9.5)
        label_text = shape(label + ":")
        c.drawRightString(col_right, row_y, label_text)
        c.setFont(regular, 9.5)
        c.drawRightString(col_right - c.stringWidth(label_text, bold, 9.5) - 6, row_y,
                          shape(value))
    y -= 14 * ((len(doc.fields) + 1) // 2) + 14
    # courses
    cols = [("ردیف", 28), ("نام درس", 190), ("واحد", 40),
            ("ارزشیابی" if doc.descriptive else "نمره", 110), ("نتیجه", 70)]
    table_w = sum(w for _, w in cols)
    left = right - table_w
    row_h = 15
    c.setFillGray(0.9)
    c.rect(left, y - row_h, table_w, row_h, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 9)
    x = right
    for title, w in cols:
        c.drawCentredString(x - w / 2, y - row_h + 4, shape(title))
        x -= w
    top = y
    y -= row_h
    c.setFont(regular, 9)
    for i, line in enumerate(doc.courses, start=1):
        values = [str(i), line.name, line.units, line.grade, line.status]
        x = right
        for (title, w), value in zip(cols, values, strict=True):
            if title == "نام درس":
                c.drawRightString(x - 4, y - row_h + 4, shape(value))
            else:
                c.drawCentredString(x - w / 2, y - row_h + 4, shape(value))
            x -= w
        y -= row_h
        c.setLineWidth(0.25)
        c.line(left, y, right, y)
    c.setLineWidth(0.6)
    c.rect(left, y, table_w, top - y, stroke=1, fill=0)
    x = right
    for _, w in cols[:-1]:
        x -= w
        c.line(x, top, x, y)
    y -= 18
    c.setFont(bold, 10.5)
    for line in doc.summary:
        c.drawRightString(right, y, shape(line))
        y -= 16
    # signatures
    box_w = (width - 2 * MARGIN - QR_SIZE - 10 * mm) / max(1, len(doc.signatures))
    sig_top = MARGIN + QR_SIZE + 12 * mm
    for i, who in enumerate(doc.signatures):
        r = right - i * box_w
        c.setLineWidth(0.5)
        c.rect(r - box_w + 4, sig_top - 26 * mm, box_w - 8, 26 * mm)
        c.setFont(bold, 9)
        c.drawRightString(r - 8, sig_top - 12, shape(who))
        c.setFont(regular, 8)
        c.drawRightString(r - 8, sig_top - 26 * mm + 6, shape("امضا و مهر"))
    # verification: QR bottom left, the code beside it
    _qr(c, doc.qr_text, MARGIN, MARGIN, QR_SIZE)
    c.setFont(bold, 10)
    c.drawRightString(right, MARGIN + 22, shape(f"کد صحت: {doc.code_grouped}"))
    c.setFont(regular, 8.5)
    c.drawRightString(right, MARGIN + 8, shape(
        f"تاریخ صدور {doc.issued} — درستی این سند را با کد صحت یا رمزینه (QR) بسنجید."))
    c.showPage()


PARALLEL_FROM = 120  # pages; below this, starting processes costs more than it saves


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


def _render_part(args: tuple[list[CertificateData], str]) -> int:
    docs, out = args
    return _render_one(docs, out)


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

    from pypdf import PdfWriter

    size = -(-len(docs) // workers)
    chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
    with tempfile.TemporaryDirectory(prefix="daftar-render-") as folder:
        parts = [str(Path(folder) / f"part{i}.pdf") for i in range(len(chunks))]
        with ProcessPoolExecutor(len(chunks), mp_context=_context()) as pool:
            pages = sum(pool.map(_render_part, zip(chunks, parts, strict=True)))
        writer = PdfWriter()
        for part in parts:
            writer.append(part)
        writer.add_metadata({"/Title": docs[0].title, "/Creator": "Daftar",
                             "/Subject": "\n".join(d.qr_text for d in docs)})
        writer.write(str(out))
    return pages


def render_files(docs: list[CertificateData], folder: Path) -> int:
    """One PDF per document, named by its code, drawn on all cores."""
    jobs = [([d], str(folder / f"{d.code_grouped.replace(' ', '')}.pdf")) for d in docs]
    if len(jobs) < PARALLEL_FROM or _workers() < 2:
        return sum(_render_part(job) for job in jobs)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(_workers(), mp_context=_context()) as pool:
        return sum(pool.map(_render_part, jobs, chunksize=25))


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
