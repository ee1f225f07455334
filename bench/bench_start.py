"""Start benchmark: how soon the sign-in window and the main window are on screen, beside a
bare PySide6 window, measured in one run, interleaved (issue 15, part 1).

Each start is a new process (cold: nothing of Daftar loaded); the time is from just before
the process is started to the first paint of the window, which the process marks with
``time.monotonic()`` (the same clock in every process on Linux), so the interpreter's exit
is not counted.  The sign-in window is the demo school's, with nothing typed; the main window
is signed in from the environment (``DAFTAR_BENCH_USER``), its first page filled.

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


def one(cmd: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("painted "):
            return float(line.split()[2]) - start
    raise RuntimeError(f"no paint mark from {cmd}: {done.stderr[-800:]}")


def measure(db: Path, runs: int) -> dict[str, list[float]]:
    daftar = str(Path(sys.executable).with_name("daftar"))
    base = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                DAFTAR_MARK_PAINT="1")
    cases = {
        "bare PySide6 window": ([sys.executable, "-c", BARE], base),
        "sign-in window": ([daftar, "--db", str(db)], base | {"DAFTAR_EXIT_WHEN_READY": "signin"}),
        "main window": ([daftar, "--db", str(db)],
                        base | {"DAFTAR_EXIT_WHEN_READY": "main", "DAFTAR_BENCH_USER": "principal",
                                "DAFTAR_PASSWORD": "daftar"}),
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for cmd, env in cases.values():  # once each, unmeasured: the disk cache warm
        one(cmd, env)
    for _ in range(runs):
        for name, (cmd, env) in cases.items():  # interleaved: the same machine state
            times[name].append(one(cmd, env))
    return times


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
        print(f"{name:>22}: {m * 1000:6.0f} ms  ({m / bare:.2f}x bare; "
              f"min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")


if __name__ == "__main__":
    main()
