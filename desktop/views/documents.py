"""Printing a class's documents, and checking one: the two dialogs of the office counter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.authority import SCHOOL_KINDS
from ..domain.calendar import SessionKind
from ..domain.errors import DaftarError
from ..domain.text import to_persian_digits
from ..domain.verification import DocumentKind
from ..models.db import Database
from ..services import Actor
from ..services.certificates import PRINT_ACTION, PRINT_ROLES, issue
from ..services.school import list_classes
from ..services.verification import GENUINE, verify_pdf, verify_typed
from .files import announce, ask_open_file, ask_save_file, tell
from .import_dialog import RUNNER
from .printing import ask_printer, print_job
from .tasks import Task, with_progress
from .widgets import error_label

TO_PRINTER, TO_PDF, TO_PREVIEW = "printer", "pdf", "preview"


class DocumentsDialog(QDialog):
    """Report cards or certificates for one class: to the printer or to a PDF.

    The dialog names what it will print (document, session, class and how many
    students) before anything is issued, and asks for the class when none is chosen."""

    def __init__(self, db: Database, actor: Actor, year: int, class_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.setWindowTitle(self.tr("Report cards and certificates"))
        self.klass = QComboBox()
        self.klass.addItem(self.tr("— choose a class —"), None)
        self._classes = {k.id: k for k in list_classes(db, year)}
        for k in self._classes.values():
            self.klass.addItem(to_persian_digits(k.name), k.id)
        self.klass.setCurrentIndex(max(0, self.klass.findData(class_id)))
        self.kind = QComboBox()
        for kind in SCHOOL_KINDS:
            self.kind.addItem(kind.label_fa, kind.value)
        self.session = QComboBox()
        for s in SessionKind:
            self.session.addItem(s.label_fa, s.value)
        self.target = QComboBox()
        self.target.addItem(self.tr("Printer"), TO_PRINTER)
        self.target.addItem(self.tr("PDF file"), TO_PDF)
        self.target.addItem(self.tr("Preview (nothing is issued)"), TO_PREVIEW)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason, if they were printed before"))
        form = QFormLayout()
        form.addRow(self.tr("Class"), self.klass)
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("To"), self.target)
        form.addRow(self.tr("Reprint reason"), self.reason)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton(self.tr("Print"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.what)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for box in (self.klass, self.kind, self.session):
            box.currentIndexChanged.connect(self._describe)
        self.refusal: str | None = None
        try:   # a teacher is told at once, before any password or printer is asked for
            actor.require(PRINT_ROLES, PRINT_ACTION)
        except DaftarError as e:
            self.refusal = e.message()
            self.message.setText(self.refusal)
        self._describe()
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.result_value: object = None
        self.skipped: list[str] = []
        self.written: Path | None = None

    @property
    def class_id(self) -> int | None:
        return self.klass.currentData()

    def _describe(self) -> None:
        """Say what Print will print, or ask for the class."""
        klass = self._classes.get(self.class_id) if self.class_id is not None else None
        if klass is None:
            self.what.setText(self.tr("Choose the class whose documents to print."))
            self.go.setEnabled(False)
            return
        kind = DocumentKind(self.kind.currentData())
        session = (SessionKind(self.session.currentData()) if kind is DocumentKind.REPORT_CARD
                   else SessionKind.KHORDAD)
        self.what.setText(self.tr("Will print: {kind}, {session}, class «{klass}», "
                                  "{n} students.").format(
            kind=kind.label_fa, session=session.label_fa, klass=to_persian_digits(klass.name),
            n=to_persian_digits(klass.students)))
        self.go.setEnabled(self.refusal is None)

    def _issue(self, out: Path, printer_name: str, deliver=None,  # type: ignore[no-untyped-def]
               progress=None, cancel=None):
        self.skipped = []
        return issue(self._db, [self.class_id], DocumentKind(self.kind.currentData()),
                     SessionKind(self.session.currentData()), self._actor, out,
                     reason=self.reason.text() or None, printer=printer_name,
                     progress=progress, cancel=cancel, deliver=deliver, skipped=self.skipped)

    def start(self, path: str | None = None) -> Task | None:
        if self.refusal is not None:   # the role first: no password, no printer asked
            self.message.setText(self.refusal)
            return None
        if self.class_id is None:
            self.message.setText(self.tr("Choose the class whose documents to print."))
            return None
        from .seal import ensure_unlocked

        if not ensure_unlocked(self, self._db):  # every document is sealed
            self.message.setText(DaftarError("key.locked").message())
            return None
        if self.target.currentData() == TO_PREVIEW:
            return self.show_preview()
        if self.target.currentData() == TO_PDF:
            path = path or ask_save_file(self, self.tr("Save documents"), "documents.pdf",
                                         "PDF (*.pdf)")
            if not path:
                return None
            task = Task(lambda target, progress, cancel: self._issue(
                target, "PDF", progress=progress, cancel=cancel), Path(path))
            self.written = Path(path)
        else:
            if not ask_printer(self, self.printer):
                return None
            self.printer.setResolution(300)
            self.written = None
            task = Task(lambda progress, cancel: print_job(
                lambda out, name, deliver: self._issue(out, name, deliver),
                self.printer, progress, cancel))
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        self.go.setEnabled(False)
        self.task = with_progress(self, RUNNER, task, self.tr("Printing…"))
        return self.task

    def show_preview(self) -> None:
        """The pages as they would print, from a dry run: nothing is issued or logged."""
        import tempfile

        from .printing import preview

        pdf = Path(tempfile.mkdtemp(prefix="daftar-preview-")) / "preview.pdf"

        def stop(_written: Path) -> None:
            raise _Preview()  # after the PDF is written: the transaction rolls back

        try:
            self._issue(pdf, "preview", deliver=stop)
        except _Preview:
            pass
        except DaftarError as e:
            self.message.setText(e.message())
            return None
        screen = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # a preview is for the eye
        self.preview_dialog = preview(self, pdf, screen)
        self.preview_dialog.open()
        return None

    def _done(self, result: object) -> None:
        self.result_value = result
        n = to_persian_digits(len(result)) if isinstance(result, list) else "—"
        said = self.tr("{n} documents ({kind})").format(n=n, kind=self.kind.currentText())
        if self.skipped:
            said += "\n" + self.tr("Left out, without the diploma: {names}").format(
                names="، ".join(self.skipped))
        parent = self.parentWidget()
        if self.written is not None:
            self.announced = announce(parent, said, self.written)
        else:   # said without waiting for it: the dialog closes, the message stays
            self.announced = tell(parent, self.tr("{what} went to the printer «{printer}».")
                                  .format(what=said, printer=self.printer.printerName() or "—"))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.go.setEnabled(True)
        self.message.setText(error.message() if isinstance(error, DaftarError) else str(error))


class _Preview(Exception):
    """Raised after a preview's PDF is written, so that its transaction rolls back."""


class VerifyDialog(QDialog):
    """Is this document genuine?  A 20-digit code, a scanned QR text, or a PDF file."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Verify a document"))
        self.resize(560, 220)
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("20-digit code, or scan the QR here"))
        self.open_button = QPushButton(self.tr("Open a PDF…"))
        self.check_button = QPushButton(self.tr("Check"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.check_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.verdict)
        self.check_button.clicked.connect(self.check)
        self.input.returnPressed.connect(self.check)
        self.open_button.clicked.connect(lambda: self.check_pdf())

    def _show(self, verdicts) -> None:  # type: ignore[no-untyped-def]
        ok = all(v.status == GENUINE for v in verdicts)
        self.verdict.setStyleSheet("QLabel { color: %s; font-weight: bold; }"
                                   % ("#1e7a34" if ok else "#b3261e"))
        self.verdict.setText("\n".join(f"{v.label}: {' '.join(v.reasons)}" for v in verdicts))

    def check(self) -> None:
        text = self.input.text().strip()
        if not text:
            return
        self._show([verify_typed(self._db, text)])

    def check_pdf(self, path: str | None = None) -> None:
        if path is None:
            path = ask_open_file(self, self.tr("Open a PDF…"), "PDF (*.pdf)")
        if path:
            self._show(verify_pdf(self._db, Path(path)))

