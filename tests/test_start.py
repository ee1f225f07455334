"""The start (issue 15, part 1): the sign-in window is up before the database is open,
the database opens behind it, and the real ``daftar`` marks both windows' first paint
(the short form of bench/bench_start.py)."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.errors import DaftarError
from desktop.launch import window_args
from desktop.models.db import open_database
from desktop.views.login import LoginDialog, Opening

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def test_the_sign_in_window_is_up_before_the_database_is_open(qtbot, demo_path, tmp_path):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, path)
    gate = threading.Event()

    def slow_open():
        gate.wait(20)
        return open_database(path)

    opening = Opening(slow_open)
    dialog = LoginDialog(opening)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not opening.done() and dialog.hint.text() == ""  # shown, the database not open
    for ch in "principal":  # typed while it opens
        qtbot.keyClick(dialog.username, ch)
    dialog.password.setText("daftar")
    gate.set()
    qtbot.waitUntil(lambda: "principal" in dialog.hint.text(), timeout=20_000)  # the demo's
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.username == "principal"
    opening.wait().dispose()


def test_a_database_that_cannot_open_is_told_at_sign_in(qtbot):
    def refused():
        raise DaftarError("db.read_only", path="/nowhere/school.sqlite")

    opening = Opening(refused)
    dialog = LoginDialog(opening)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(opening.done, timeout=5_000)
    dialog.username.setText("principal")
    dialog.password.setText("daftar")
    dialog.try_login()
    assert dialog.actor is None and "/nowhere/school.sqlite" in dialog.message.text()
    qtbot.mouseClick(dialog.username, Qt.MouseButton.LeftButton)  # still usable


def test_the_window_command_lines_skip_the_command_line_modules():
    assert window_args([]) == (None, "fa")
    assert window_args(["--db", "x.sqlite"]) == ("x.sqlite", "fa")
    assert window_args(["--db=x.sqlite", "--lang", "en", "gui"]) == ("x.sqlite", "en")
    assert window_args(["demo"]) is None and window_args(["--db"]) is None
    assert window_args(["--lang", "de"]) is None and window_args(["--version"]) is None


def test_the_real_program_paints_sign_in_and_main_window(demo_path, tmp_path):
    from bench_start import measure

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, path)
    times = measure(path, runs=1)
    bare, sign_in, main, after_ok, opened, checked, made = (v[0] for v in times.values())
    assert 0 < bare and 0 < sign_in < main and 0 < after_ok < main
    assert 0 < opened < main and 0 < checked and 0 < made   # the parts of the start...
    assert abs(opened + checked + made - main) < 0.005       # ...add up to it


def test_every_module_warmed_behind_the_sign_in_exists_and_is_qt_free():
    import importlib
    import subprocess

    from desktop.app import WARM

    for name in WARM:
        importlib.import_module(name)
    probe = subprocess.run([sys.executable, "-c", (
        "import sys, importlib\n"
        f"for n in {WARM!r}: importlib.import_module(n)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")],
        capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[]"  # made on a thread: no Qt object may come of it


def test_the_main_window_opens_without_the_modules_of_its_other_pages(demo_path, tmp_path):
    """Only the students' page is made with the window: the grid, the approvals, the
    records' and the repair's modules are imported when their page is first shown (the
    central server's module is, for the status bar's line about it; its page is not made)."""
    import subprocess

    path = tmp_path / "school.sqlite"
    shutil.copy(demo_path, path)
    pages = ("grade_page", "approval_pages", "records_page", "repair_page",
             "statistics_page", "student_dialog")
    probe = subprocess.run([sys.executable, "-c", (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.models.db import open_database\n"
        "from desktop.services.auth import login\n"
        "from desktop.views.main_window import MainWindow\n"
        f"db = open_database({str(path)!r})\n"
        "w = MainWindow(db, login(db, 'principal', 'daftar'))\n"
        "w.show(); app.processEvents()\n"
        "assert w.made('sync') is None\n"
        f"print(sorted(p for p in {pages!r} if 'desktop.views.' + p in sys.modules))\n"
        "w.show_page('grades')\n"
        f"print(sorted(p for p in {pages!r} if 'desktop.views.' + p in sys.modules))\n")],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert probe.returncode == 0, probe.stderr[-2000:]
    before, after = probe.stdout.strip().splitlines()[-2:]
    assert before == "[]"
    assert after == "['grade_page']"
