"""Printing through Qt: to a PDF-format printer always, and to a real CUPS printer when
the virtual cups-pdf printer "PDF" exists (``./dev.sh test`` and CI set it up)."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from sqlalchemy import select

from desktop.domain.calendar import SessionKind
from desktop.domain.verification import DocumentKind
from desktop.models.entities import CertificatePrint
from desktop.services import auth
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.school import find_class
from desktop.views import documents as documents_view
from desktop.views.printing import paint_pdf
from tests.scanning import CAN_SCAN, read_qr


def scan(pdf: Path, tmp: Path) -> str:
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp / "scan")], check=True)
    png = next(tmp.glob("scan*.png"))
    return read_qr(png)


def test_paint_pdf_on_a_qt_printer(qapp, demo_db, tmp_path):
    """Pages come out on white paper (QtPdf renders on transparency) and still scan."""
    klass = find_class(demo_db, "نهم الف")
    source = tmp_path / "cards.pdf"
    C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                  auth.login(demo_db, "clerk", "daftar"), source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(300)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    seen = []
    assert paint_pdf(source, printer, progress=lambda d, t: seen.append(d)) == 40
    assert seen[-1] == 40 and len(PdfReader(out).pages) == 40
    if CAN_SCAN:
        assert V.verify_text(demo_db, scan(out, tmp_path)).status == V.GENUINE


def cups_pdf_folder(conf: Path = Path("/etc/cups/cups-pdf.conf")) -> Path:
    """Where cups-pdf writes this user's jobs: its own ``Out`` setting, with ``${HOME}`` and
    ``${USER}`` taken from the password database (as cups-pdf does), not from $HOME."""
    import pwd

    user = pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"  # cups-pdf's default
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] == "Out":
                out = parts[1].strip()
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def _printed_files() -> set[Path]:
    folder = cups_pdf_folder()
    return set(folder.glob("*.pdf")) if folder.exists() else set()


@pytest.mark.skipif("PDF" not in [p.printerName() for p in QPrinterInfo.availablePrinters()]
                    if QPrinterInfo else True,
                    reason="no CUPS virtual printer 'PDF' (./dev.sh test sets it up as root)")
def test_documents_print_on_a_real_cups_printer(qtbot, demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))  # cups-pdf does not look here
    def choose_pdf_printer(_parent, printer):
        printer.setPrinterName("PDF")
        printer.setDocName("daftar-test-cards")
        return True

    monkeypatch.setattr(documents_view, "ask_printer", choose_pdf_printer)
    klass = find_class(demo_db, "نهم ب")
    dialog = documents_view.DocumentsDialog(demo_db, auth.login(demo_db, "clerk", "daftar"),
                                            1405, klass.id)
    qtbot.addWidget(dialog)
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.DEY.value))
    before = _printed_files()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=120_000)
    deadline = time.time() + 60
    while time.time() < deadline and not (_printed_files() - before):
        time.sleep(0.5)
    new = sorted(_printed_files() - before, key=lambda p: p.stat().st_mtime)
    assert new, "cups-pdf wrote nothing"
    printed = new[-1]
    size = -1
    while time.time() < deadline and size != printed.stat().st_size:  # until it is written
        size = printed.stat().st_size
        time.sleep(1.0)
    assert len(PdfReader(printed).pages) == 40
    with demo_db.unit() as s:
        printers = set(s.scalars(select(CertificatePrint.printer)))
    assert printers == {"PDF"}
    if CAN_SCAN:
        assert V.verify_text(demo_db, scan(printed, tmp_path)).status == V.GENUINE


def test_a_cancelled_print_logs_nothing(qapp, demo_db, tmp_path):
    from desktop.services.progress import Cancelled
    from desktop.views.printing import print_job

    klass = find_class(demo_db, "هشتم ب")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "never.pdf"))
    clerk = auth.login(demo_db, "clerk", "daftar")
    pages = []
    with pytest.raises(Cancelled):
        print_job(lambda out, name, deliver: C.issue(
            demo_db, [klass.id], DocumentKind.REPORT_CARD, SessionKind.DEY, clerk, out,
            printer=name, deliver=deliver), printer,
            progress=lambda d, t: pages.append(d), cancel=lambda: len(pages) >= 3)
    with demo_db.unit() as s:
        assert s.scalar(select(CertificatePrint.id).limit(1)) is None


def test_documents_to_a_pdf_file_and_the_verify_dialog(qtbot, demo_db, tmp_path):
    klass = find_class(demo_db, "هفتم ب")
    dialog = documents_view.DocumentsDialog(demo_db, auth.login(demo_db, "clerk", "daftar"),
                                            1405, klass.id)
    qtbot.addWidget(dialog)
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.KHORDAD.value))
    dialog.target.setCurrentIndex(dialog.target.findData(documents_view.TO_PDF))
    dialog.start(str(tmp_path / "x.pdf"))
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=30_000)
    assert "تأیید مدیر" in dialog.message.text()  # Khordad is not approved in the demo
    assert not (tmp_path / "x.pdf").exists()
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.DEY.value))
    dialog.start(str(tmp_path / "y.pdf"))
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=30_000)
    issued = dialog.result_value
    verify = documents_view.VerifyDialog(demo_db)
    qtbot.addWidget(verify)
    verify.input.setText(issued[0].code)
    verify.check()
    assert verify.verdict.text().startswith("اصیل")
    verify.input.setText("12345678051000000019")
    verify.check()
    assert verify.verdict.text().startswith("کد نادرست خوانده شده")
    assert "رقم کنترل" in verify.verdict.text()
    verify.check_pdf(str(tmp_path / "y.pdf"))
    assert verify.verdict.text().count("اصیل") == 40
    verify.grab().save(str(tmp_path / "verify.png"))


def test_preview_issues_nothing(qtbot, demo_db):
    from desktop.models.entities import Certificate

    klass = find_class(demo_db, "هفتم الف")
    dialog = documents_view.DocumentsDialog(demo_db, auth.login(demo_db, "clerk", "daftar"),
                                            1405, klass.id)
    qtbot.addWidget(dialog)
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.DEY.value))
    dialog.target.setCurrentIndex(dialog.target.findData(documents_view.TO_PREVIEW))
    dialog.start()
    assert dialog.preview_dialog is not None and dialog.message.text() == ""
    with demo_db.unit() as s:
        assert s.scalar(select(Certificate.id).limit(1)) is None
        assert s.scalar(select(CertificatePrint.id).limit(1)) is None
    dialog.preview_dialog.close()


def test_documents_dialog_names_what_it_prints_and_asks_for_a_class(qtbot, demo_db, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translators

    install_translators(QApplication.instance(), "fa")   # Persian whatever ran before
    dialog = documents_view.DocumentsDialog(demo_db, auth.login(demo_db, "clerk", "daftar"),
                                            1405, None)
    qtbot.addWidget(dialog)
    assert dialog.class_id is None and not dialog.go.isEnabled()
    assert dialog.start(str(tmp_path / "none.pdf")) is None
    assert "کلاس" in dialog.message.text() and not (tmp_path / "none.pdf").exists()
    dialog.klass.setCurrentIndex(dialog.klass.findText("دوازدهم ریاضی"))
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.TEMPORARY.value))
    said = dialog.what.text()
    assert "دوازدهم ریاضی" in said and "گواهی موقت" in said and "۴۰" in said
    assert dialog.go.isEnabled()
    dialog.show()
    dialog.grab().save(str(tmp_path / "documents.png"))
