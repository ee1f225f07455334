"""The program on a real X server (Xvfb), not Qt's offscreen platform.

README's first command opens a window on the office PC's display; the offscreen tests never
load Qt's xcb plugin and the system libraries it needs (xcb-cursor, icccm, keysyms, ...).  This
starts the installed ``daftar`` program under Xvfb, finds its sign-in window, types the demo
principal's username and password as key presses (xdotool, XTEST), waits for the main window
and takes a screenshot of the screen.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="Xvfb and xdotool are installed by ./dev.sh test",
)


def _xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    assert number, "Xvfb did not start"
    return proc, f":{number}"


def _xdotool(display: str, *args: str, timeout: float = 30) -> str:
    out = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                         capture_output=True, text=True, timeout=timeout)
    return out.stdout.strip()


def _window_named(display: str, pid: int, wanted: str, timeout: float = 60) -> str:
    """The id of the program's visible window whose title contains ``wanted``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for wid in _xdotool(display, "search", "--onlyvisible", "--pid", str(pid), "").split():
            if wanted in _xdotool(display, "getwindowname", wid):
                return wid
        time.sleep(0.2)
    raise AssertionError(f"no window «{wanted}» on {display}")


def test_the_program_signs_in_and_shows_its_window_on_a_real_x_server(demo_path: Path,
                                                                       tmp_path: Path) -> None:
    from PIL import ImageGrab, ImageStat

    school = tmp_path / "school.sqlite"
    shutil.copy(demo_path, school)
    with sqlite3.connect(school) as conn:
        (name,) = conn.execute("SELECT name FROM school").fetchone()
    xvfb, display = _xvfb()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    daftar = Path(sys.executable).with_name("daftar")
    program = subprocess.Popen([str(daftar), "--db", str(school)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        login = _window_named(display, program.pid, "ورود")
        _xdotool(display, "windowfocus", "--sync", login)
        _xdotool(display, "type", "--delay", "20", "principal")
        _xdotool(display, "key", "Tab")
        _xdotool(display, "type", "--delay", "20", "daftar")
        _xdotool(display, "key", "Return")
        main = _window_named(display, program.pid, "دفتر —")
        assert _xdotool(display, "getwindowname", main) == f"دفتر — {name}"
        time.sleep(1.0)  # the first paint of the tables
        shot = ImageGrab.grab(xdisplay=display)
        shot.save(tmp_path / "real-display.png")
        assert shot.size == (1366, 768)
        # A drawn window, not a black screen: many distinct colours and real contrast.
        assert len(shot.convert("RGB").getcolors(1 << 20) or []) > 50
        assert max(ImageStat.Stat(shot.convert("L")).stddev) > 20
        assert program.poll() is None, program.stdout.read().decode() if program.stdout else ""
    finally:
        program.terminate()
        try:
            output = program.communicate(timeout=20)[0].decode()
        except subprocess.TimeoutExpired:
            program.kill()
            output = program.communicate()[0].decode()
        xvfb.terminate()
        xvfb.wait(timeout=10)
    assert "Could not load the Qt platform plugin" not in output
    if os.environ.get("DAFTAR_KEEP_SCREENSHOTS"):
        shutil.copy(tmp_path / "real-display.png", os.environ["DAFTAR_KEEP_SCREENSHOTS"])
