"""Issue 25: the window as a newcomer meets it, walked on a real X server (Xvfb at
1366×768, ``QT_QPA_PLATFORM=xcb``) with the demo school, as the principal and as a teacher
(tests/walk_window.py does the walking in a process of its own).  Every tab and the
window's dialogs (verify, new and edit student, the year's end, the database; the
documents dialog printing; Qt's file dialog): the window's and each dialog's frame stays
inside the screen, no tree item, header or
naming cell is cut (the font's metrics), row numbers are Persian digits, the role is named
once, a file written is announced with its path, Qt's file dialog speaks Persian, and a
teacher is told at once that printing is not theirs (no password, no printer asked).
Screenshots go to ``DAFTAR_SHOTS`` when it is set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_real_display import _xvfb

pytestmark = pytest.mark.skipif(not shutil.which("Xvfb"), reason="Xvfb is installed by "
                                "./dev.sh test")

WALKER = Path(__file__).with_name("walk_window.py")


def walk(school: Path, username: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    copy = tmp_path / f"{username}.sqlite"
    shutil.copy(school, copy)
    shots = Path(os.environ.get("DAFTAR_SHOTS") or tmp_path / "shots")
    out = tmp_path / f"{username}.json"
    xvfb, display = _xvfb()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    try:
        done = subprocess.run([sys.executable, str(WALKER), str(copy), username, str(shots),
                               str(out)], env=env, capture_output=True, text=True,
                              timeout=600)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text("utf-8"))


def test_the_principal_walks_every_tab_and_prints(demo_path: Path, tmp_path: Path) -> None:
    seen = walk(demo_path, "principal", tmp_path)
    assert seen["screen"] == [1366, 768]
    assert len(seen["tabs"]) == 10 and "کاربران" in seen["tabs"]
    assert seen["problems"] == []
    assert seen["dialogs"] == ["verify", "new-student", "edit-student", "year-end", "database"]
    assert seen["print_refusal"] == ""
    (said,) = seen["announced"]
    assert "۴۰ سند (کارنامه)" in said and str(tmp_path / "principal-cards.pdf") in said
    assert (tmp_path / "principal-cards.pdf").read_bytes().startswith(b"%PDF")
    assert seen["file_dialog"] == ["در پوشهٔ:", "نام پرونده:", "گونهٔ پرونده‌ها:"]


def test_a_teacher_walks_the_tabs_and_is_told_at_once_printing_is_not_theirs(
        demo_path: Path, tmp_path: Path) -> None:
    seen = walk(demo_path, "teacher1", tmp_path)
    assert "آمار" not in seen["tabs"] and "کاربران" not in seen["tabs"]
    assert seen["problems"] == []
    assert seen["dialogs"] == ["verify", "new-student", "edit-student"]
    assert seen["print_refusal"] == "نقش «معلم» اجازه «چاپ سند» را ندارد."
    assert seen["announced"] == []
