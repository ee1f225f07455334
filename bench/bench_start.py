"""Start benchmark: how soon the sign-in window and the main window are on screen, beside a
bare PySide6 window, measured in one run, interleaved (issue 15, part 1).

Each start is a new process (cold: nothing of Daftar loaded); the time is from just before
the process is started to the first paint of the window, which the process marks with
``time.monotonic()`` (the same clock in every process on Linux), so the interpreter's exit
is not counted.  The sign-in window is the demo school's, with nothing typed; the main window
is signed in from the environment (``DAFTAR_BENCH_USER``), its first page filled; and, as
an office worker meets it, the time from the sign-in's OK (typed after 1.5 s) to the main
window's first paint.

  python bench/bench_start.py [--runs 7] [--db demo.sqlite]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1200, 760)
class Mark(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            o.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False
    def done(self):
        print(f"painted bare {time.monotonic():.6f}", flush=True)
        app.quit()
mark = Mark(); w.installEventFilter(mark)
w.show()
app.exec()
"""


def marks(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run one start; its marks (``painted signin``, ``submitted sign-in``, ...) as seconds
    after the moment just before the process was started."""
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    found = {f"{w[0]} {w[1]}": float(w[2]) - start for w in
             (line.split() for line in done.stdout.splitlines())
             if len(w) == 3 and w[0] in ("painted", "submitted", "opened", "signed")}
    if not found:
        raise RuntimeError(f"no paint mark from {cmd}: {done.stderr[-800:]}")
    return found


TYPING = 1.5  # seconds an office worker takes to type a name and password, at least


def measure(db: Path, runs: int) -> dict[str, list[float]]:
    daftar = str(Path(sys.executable).with_name("daftar"))
    base = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                DAFTAR_MARK_PAINT="1")
    user = {"DAFTAR_BENCH_USER": "principal", "DAFTAR_PASSWORD": "daftar"}
    app = [daftar, "--db", str(db)]
    # name: (command, environment, the time measured from its marks)
    cases = {
        "bare PySide6 window": ([sys.executable, "-c", BARE], base,
                                lambda m: m["painted bare"]),
        "sign-in window": (app, base | {"DAFTAR_EXIT_WHEN_READY": "signin"},
                           lambda m: m["painted signin"]),
        "main window, signed in from the environment": (
            app, base | {"DAFTAR_EXIT_WHEN_READY": "main"} | user, lambda m: m["painted main"]),
        f"main window after OK, typed in {TYPING} s": (
            app, base | {"DAFTAR_EXIT_WHEN_READY": "main", "DAFTAR_BENCH_TYPING": str(TYPING)}
            | user, lambda m: m["painted main"] - m["submitted sign-in"]),
    }
    times: dict[str, list[float]] = {k: [] for k in (*cases, *PARTS)}
    for cmd, env, _ in cases.values():  # once each, unmeasured: the disk cache warm
        marks(cmd, env)
    for _ in range(runs):
        for name, (cmd, env, take) in cases.items():  # interleaved: the same machine state
            found = marks(cmd, env)
            times[name].append(take(found))
            if "signed in" in found:  # where the start from the environment goes
                for part, (since, until) in PARTS.items():
                    times[part].append(found[until] - found.get(since, 0.0))
    return times


# the main window signed in from the environment, in its parts (marks of the program)
PARTS = {
    "  of it, from the start: the database open": ("", "opened database"),
    "  then the password check (argon2id)": ("opened database", "signed in"),
    "  then the window made and painted": ("signed in", "painted main"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db")
    args = ap.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        db = Path(tempfile.mkdtemp(prefix="daftar-bench-start-")) / "demo.sqlite"
        daftar = str(Path(sys.executable).with_name("daftar"))
        subprocess.run([daftar, "--db", str(db), "demo"], check=True, capture_output=True)
    times = measure(db, args.runs)
    bare = statistics.median(times["bare PySide6 window"])
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{args.runs} interleaved runs, medians")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"{name:>44}: {m * 1000:6.0f} ms  ({m / bare:.2f}x bare; "
              f"min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")


if __name__ == "__main__":
    main()
