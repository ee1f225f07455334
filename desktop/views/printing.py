"""Printing on the office printer: Qt's print dialog, preview, and the print job.

Documents are made once, as PDF, by ``services.certificates`` (the same file that
"save as PDF" writes); printing renders each page with QtPdf at the printer's
resolution (300 dpi on an office laser) and paints it.  The whole job — issuing,
rendering, painting — runs on the worker thread, one page at a time (a 300 dpi
A4 page is ~9 MB in greyscale), with progress and Cancel: Qt allows painting on a
QPrinter outside the GUI thread.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ..domain.errors import DaftarError


class PrintFailed(DaftarError):
    def __init__(self, detail: str) -> None:
        super().__init__("print.failed", detail=detail)


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    """Qt's print dialog; replaced in tests."""
    return QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted


def paint_pdf(pdf: Path, printer: QPrinter,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> int:
    """Paint every page of ``pdf`` on ``printer`` at its resolution; returns pages."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise PrintFailed(pdf.name)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(printer.printerName() or "—")
    try:
        for i in range(pages):
            if cancel is not None and cancel():
                printer.abort()
                from ..services.progress import Cancelled

                raise Cancelled()
            if i:
                printer.newPage()
            area = painter.viewport()
            size = QSize(area.width(), area.height())
            page = QImage(size, QImage.Format.Format_Grayscale8)
            page.fill(0xFFFFFF)  # QtPdf renders on transparency: compose on white paper
            on_paper = QPainter(page)
            on_paper.drawImage(0, 0, document.render(i, size))
            on_paper.end()
            painter.drawImage(QRect(0, 0, area.width(), area.height()), page)
            if progress is not None:
                progress(i + 1, pages)
    finally:
        painter.end()
    return pages


def preview(parent: QWidget, pdf: Path, printer: QPrinter) -> QPrintPreviewDialog:
    """Qt's print preview of a PDF (pages rendered as the printer will get them)."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda p: paint_pdf(pdf, p))
    return dialog


def print_job(make_pdf: Callable[..., object], printer: QPrinter,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> object:
    """Make the documents and paint them; ``make_pdf(path, printer_name, deliver)`` is the
    issuing service, which logs the prints only once ``deliver`` (the painting) succeeded."""
    with tempfile.TemporaryDirectory(prefix="daftar-print-") as folder:
        return make_pdf(Path(folder) / "documents.pdf", printer.printerName() or "PDF",
                        lambda pdf: paint_pdf(pdf, printer, progress, cancel))
