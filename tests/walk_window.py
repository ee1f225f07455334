"""A newcomer's walk through the real window (issue 25), run by tests/test_walk.py in a
process of its own under Xvfb (``QT_QPA_PLATFORM=xcb``, 1366×768) with the demo school:

    python tests/walk_window.py SCHOOL.sqlite USERNAME SHOTS_DIR OUT.json

Signed in as USERNAME, it opens every tab and the window's dialogs and writes what it
measured to OUT.json: where the window's frame went against the screen, every tree item
and table header whose text does not fit its place (the font's metrics), row numbers
that are not Persian digits, how often the role is named in the status bar, and what
each printed or saved file said.  A screenshot of every tab goes to SHOTS_DIR.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTreeView,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ASCII_DIGIT = re.compile(r"[0-9]")


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def tree_cut(tree: QTreeView) -> list[str]:
    """Items whose text is wider than the room the view gives it, or beyond its edge."""
    cut = []
    model = tree.model()
    fm = tree.fontMetrics()
    view = tree.viewport().rect()

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rect = tree.visualRect(index)
            if rect.isValid() and rect.height() > 0 and view.top() <= rect.top() \
                    and rect.bottom() <= view.bottom():
                text = str(index.data() or "")
                if rect.width() < fm.horizontalAdvance(text) + 4 or rect.left() < view.left() \
                        or rect.right() > view.right():
                    cut.append(text)
            if tree.isExpanded(index):
                walk(index)

    walk(QModelIndex())
    return cut


def headers_cut(table: QAbstractItemView) -> list[str]:
    """Column headers narrower than their text (QHeaderView elides them)."""
    if not isinstance(table, QTableView) or not table.isVisible():
        return []
    header: QHeaderView = table.horizontalHeader()
    if not header.isVisible():
        return []
    model = table.model()
    if model is None:
        return []
    fm = header.fontMetrics()
    cut = []
    for i in range(header.count()):
        if header.isSectionHidden(i):
            continue
        text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
        if text and header.sectionSize(i) < fm.horizontalAdvance(text) + 4:
            cut.append(f"{text}» ({header.sectionSize(i)} < {fm.horizontalAdvance(text)} + 4")
    return cut


# columns whose cells name something: a name cut there can pass for another («دهم تجر…»)
NAMING = {"نام", "نام خانوادگی", "نام پدر", "درس", "کلاس", "کد ملی", "کد صحت", "شناسه",
          "کد سابقۀ تحصیلی", "پایه و رشته"}


def cells_cut(table: QAbstractItemView) -> list[str]:
    """Cells of a naming column (the first rows) narrower than their text."""
    model = table.model() if isinstance(table, QTableView) else None
    if model is None or not table.isVisible():
        return []
    fm = table.fontMetrics()
    cut = []
    for c in range(model.columnCount()):
        if table.isColumnHidden(c) or \
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") not in NAMING:
            continue
        for r in range(min(model.rowCount(), 8)):
            index = model.index(r, c)
            if table.indexWidget(index) is not None:
                continue
            text = str(index.data() or "").translate(_MARKS)   # no width of their own
            if text and table.columnWidth(c) < fm.horizontalAdvance(text) + 4:
                cut.append(text)
    return cut


_MARKS = dict.fromkeys([0x200E, 0x200F, *range(0x2066, 0x206A)])


def row_numbers(table: QAbstractItemView) -> list[str]:
    """Row numbers shown in Latin digits."""
    model = table.model()
    if not isinstance(table, QTableView) or model is None or \
            not table.verticalHeader().isVisible():
        return []
    wrong = []
    for r in range(min(model.rowCount(), 3)):
        text = str(model.headerData(r, Qt.Orientation.Vertical) or "")
        if ASCII_DIGIT.search(text):
            wrong.append(text)
    return wrong


def main() -> int:
    school, username, shots, out = sys.argv[1:5]
    Path(shots).mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("DaftarWalk")
    from desktop.app import install_fonts, install_translators
    from desktop.models.db import open_database
    from desktop.services import auth, school_key
    from desktop.services.demo import DEMO_PASSWORD
    from desktop.views.main_window import MainWindow

    install_fonts(app)
    install_translators(app, "fa")
    db = open_database(school)
    actor = auth.login(db, username, DEMO_PASSWORD)
    if school_key.needs_unlock(db):
        school_key.unlock(db, DEMO_PASSWORD)
    window = MainWindow(db, actor)
    window.showMaximized()   # as the program shows it on a 1366×768 screen
    settle(app, 1.0)
    screen = window.screen().availableGeometry()
    if window.frameGeometry().height() < screen.height() - 80:   # Xvfb has no window manager
        window.setGeometry(screen)
        settle(app, 0.5)
    report: dict[str, object] = {"screen": [screen.width(), screen.height()], "tabs": [],
                                 "problems": [], "announced": []}
    problems: list[str] = report["problems"]  # type: ignore[assignment]

    def look(where: str, shot: str) -> None:
        settle(app, 0.4)
        frame = window.frameGeometry()
        if not screen.contains(frame):
            problems.append(f"{where}: the window {frame.width()}×{frame.height()} at "
                            f"({frame.x()},{frame.y()}) leaves the screen")
        for text in tree_cut(window.class_tree):
            problems.append(f"{where}: tree item cut «{text}»")
        page = window.tabs.currentWidget()
        for table in page.findChildren(QAbstractItemView):
            for text in headers_cut(table):
                problems.append(f"{where}: header cut «{text}»")
            for text in cells_cut(table):
                problems.append(f"{where}: a name cut in its cell «{text}»")
            for text in row_numbers(table):
                problems.append(f"{where}: row number «{text}» not in Persian digits")
        labels = [w.text() for w in window.statusBar().findChildren(QLabel)]
        named = sum(text.count(f"({actor.role.label_fa})") for text in labels)
        if named != 1:
            problems.append(f"{where}: the role named {named} times in the status bar")
        window.grab().save(str(Path(shots) / f"{username}-{shot}.png"))

    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        title = window.tabs.tabText(i)
        report["tabs"].append(title)  # type: ignore[attr-defined]
        look(f"tab «{title}»", f"{i:02d}")
    # a class chosen: the students of a class and its grade grid
    from desktop.services.school import find_class

    klass = find_class(db, "دهم تجربی ۲", 1405)
    window.select_class(klass.id)
    window.tabs.setCurrentIndex(1)
    look("a class's grades", "class-grades")

    # the window's dialogs: each within the screen, its labels not cut (screenshots)
    dialogs = [("verify", window.verify_dialog()),
               ("new-student", window.student_dialog(editing=False))]
    window.tabs.setCurrentIndex(0)
    window.table.setCurrentIndex(window.students.index(0, 0))
    editing = window.student_dialog(editing=True)
    if editing is not None:
        dialogs.append(("edit-student", editing))
    if window.setup is not None:
        dialogs.append(("year-end", window.setup.year_end_dialog()))
    if actor.role.value == "principal":
        dialogs.append(("database", window.office.database_dialog()))
    report["dialogs"] = []
    for name, dialog in dialogs:
        dialog.show()
        settle(app, 0.4)
        frame = dialog.frameGeometry()
        if not screen.contains(frame):
            problems.append(f"dialog {name}: {frame.width()}×{frame.height()} leaves the screen")
        for label in dialog.findChildren(QLabel):
            if label.isVisible() and not label.wordWrap() and label.text() and \
                    label.width() < label.fontMetrics().horizontalAdvance(
                        label.text().translate(_MARKS)) and "<" not in label.text():
                problems.append(f"dialog {name}: label cut «{label.text()}»")
        report["dialogs"].append(name)  # type: ignore[attr-defined]
        dialog.grab().save(str(Path(shots) / f"{username}-dialog-{name}.png"))
        dialog.close()

    from desktop.views import files

    documents = window.documents_dialog()
    documents.show()
    settle(app)
    report["print_refusal"] = documents.message.text()
    if documents.refusal is None:   # the office prints: announced with where it went
        documents.target.setCurrentIndex(documents.target.findData("pdf"))
        target = Path(out).with_name(f"{username}-cards.pdf")
        task = documents.start(str(target))
        deadline = time.monotonic() + 120
        while task is not None and documents.result_value is None and \
                time.monotonic() < deadline:
            settle(app, 0.2)
        settle(app, 0.5)
        for box in app.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.objectName() == "announce" \
                    and box.isVisible():
                report["announced"].append(box.text())  # type: ignore[attr-defined]
                box.grab().save(str(Path(shots) / f"{username}-announce.png"))
                box.close()
    documents.close()
    dialog = files.file_dialog(window, "ذخیره", "PDF (*.pdf)", save_as="cards.pdf")
    dialog.show()
    settle(app)
    report["file_dialog"] = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    dialog.grab().save(str(Path(shots) / f"{username}-file-dialog.png"))
    dialog.close()
    Path(out).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
