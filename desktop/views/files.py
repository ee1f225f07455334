"""Files the office saves and opens: Qt's own file dialog wholly in Persian, opening where
the user saved last (else their Documents folder, never the program's folder), and a
file written announced with its path and a way to open it or its folder (issue 25).

Qt's Persian catalogue leaves the file dialog's labels, its «Folder» and its dates in
English; the dialog here sets its labels itself and shows the list view (names only).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter, QPalette
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QProxyStyle, QWidget

from ..domain.text import isolate

LAST_FOLDER = "files/last_folder"


def start_folder() -> str:
    """Where a file dialog opens: the folder used last, else Documents, else home."""
    last = QSettings().value(LAST_FOLDER)
    if isinstance(last, str) and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember(path: str) -> None:
    if path:
        QSettings().setValue(LAST_FOLDER, str(Path(path).parent if not Path(path).is_dir()
                                              else Path(path)))


def file_dialog(parent: QWidget | None, title: str, kinds: str = "",
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
                save_as: str | None = None, folder: str | None = None) -> QFileDialog:
    """The dialog, its labels in Persian, the path box left to right (a path reads so)."""
    start = folder or start_folder()
    dialog = QFileDialog(parent, title, str(Path(start) / save_as) if save_as else start,
                         kinds)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    if save_as is not None:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(save_as)
    if mode is QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setViewMode(QFileDialog.ViewMode.List)
    translate = QCoreApplication.translate   # pyside6-lupdate reads translate("ctx", …)
    folder_only = mode is QFileDialog.FileMode.Directory
    labels = QFileDialog.DialogLabel
    dialog.setLabelText(labels.LookIn, translate("Files", "Look in:"))
    dialog.setLabelText(labels.FileName, translate("Files", "Folder:") if folder_only
                        else translate("Files", "File name:"))
    dialog.setLabelText(labels.FileType, translate("Files", "Files of type:"))
    accept = translate("Files", "Choose") if folder_only else translate("Files", "Open")
    dialog.setLabelText(labels.Accept, translate("Files", "Save") if save_as is not None
                        else accept)
    dialog.setLabelText(labels.Reject, translate("Files", "Cancel"))
    for box in dialog.findChildren(QComboBox, "lookInCombo"):
        box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        style = _PathStyle()   # over the application's style, which it does not own
        style.setParent(dialog)   # lives as long as the dialog
        box.setStyle(style)   # «/home/office», not «home/office/»
    return dialog


class _PathStyle(QProxyStyle):
    """The path box's text drawn left to right: Qt lays it out in the application's
    direction (right to left) whatever the box's own, and a path then reads «a/b/»."""

    def drawItemText(self, painter: QPainter, rect: QRect, flags: int,  # noqa: N802
                     palette: QPalette, enabled: bool, text: str,
                     role: QPalette.ColorRole = QPalette.ColorRole.NoRole) -> None:
        painter.save()
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        super().drawItemText(painter, rect, flags, palette, enabled, text, role)
        painter.restore()


def _ask(dialog: QFileDialog) -> str:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    remember(path)
    return path


def ask_save_file(parent: QWidget | None, title: str, name: str,
                  kinds: str = "Excel (*.xlsx)") -> str:
    """Where to save ``name``: the path chosen, empty when cancelled."""
    return _ask(file_dialog(parent, title, kinds, QFileDialog.FileMode.AnyFile, save_as=name))


def ask_open_file(parent: QWidget | None, title: str, kinds: str = "Excel (*.xlsx)",
                  folder: str | None = None) -> str:
    return _ask(file_dialog(parent, title, kinds, folder=folder))


def ask_directory(parent: QWidget | None, title: str, folder: str | None = None) -> str:
    return _ask(file_dialog(parent, title, mode=QFileDialog.FileMode.Directory,
                            folder=folder))


def tell(parent: QWidget | None, text: str) -> QMessageBox:
    """A message that does not wait for its answer (the work that made it goes on)."""
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("Files", "Daftar"), text,
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("announce")
    box.open()
    return box


def announce(parent: QWidget | None, what: str, path: str | Path) -> QMessageBox:
    """Say what was written where (the path isolated in the sentence) with buttons to open
    the file or its folder; the box is returned open (tests read and close it)."""
    path = Path(path)
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Information, translate("Files", "Saved"),
                      translate("Files", "{what} was saved in:\n{path}").format(
                          what=what, path=isolate(str(path))),
                      QMessageBox.StandardButton.Close, parent)
    action = QMessageBox.ButtonRole.ActionRole
    open_file = box.addButton(translate("Files", "Open the file"), action)
    open_folder = box.addButton(translate("Files", "Open its folder"), action)
    open_file.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
        QUrl.fromLocalFile(str(path.parent))))
    box.setObjectName("announce")
    box.setProperty("path", str(path))
    box.open()
    return box
