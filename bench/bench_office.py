"""The office PC's figures: the built program beside the venv, and backups.

* size of the built folder (``./dev.sh package``) and of its archive;
* cold start to a usable main window (demo school, signed in from the environment,
  ``DAFTAR_EXIT_WHEN_READY``), the built program and the venv's ``daftar`` interleaved in one
  run, median of N each;
* a checked backup of the demo school and a restore of it (checked again), seconds.

    .venv/bin/python bench/bench_office.py [--runs 5] [--package dist/daftar]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def starts(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():  # interleaved: the same machine state for both
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def backup_figures(school: Path, work: Path, runs: int) -> tuple[float, float]:
    from desktop.models.db import open_database
    from desktop.services import backup

    made, restored = [], []
    for _ in range(runs):
        db = open_database(school)
        t = time.perf_counter()
        b = backup.make(db, work / "backups")
        made.append(time.perf_counter() - t)
        db.dispose()
        t = time.perf_counter()
        backup.restore(school, b.path)
        restored.append(time.perf_counter() - t)
        for aside in school.parent.glob("*.before-restore-*"):
            aside.unlink()
    return statistics.median(made), statistics.median(restored)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--package", default=os.environ.get("DAFTAR_PACKAGE", str(ROOT / "dist" /
                                                                          "daftar")))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-office-"))
    school = work / "demo.sqlite"
    venv_daftar = str(Path(sys.executable).with_name("daftar"))
    subprocess.run([venv_daftar, "--db", str(school), "demo"], check=True, capture_output=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    from desktop.services.school_key import MEMORY_KIB, TIME_COST

    print(f"school key: argon2id t={TIME_COST} m={MEMORY_KIB} KiB")
    package = Path(args.package)
    commands = {"venv": [venv_daftar, "--db", str(school)]}
    if (package / "daftar").exists():
        archives = sorted(package.parent.glob("daftar-*.tar.gz"))
        print(f"built folder: {size(package) / 1e6:.0f} MB"
              + (f", archive {size(archives[-1]) / 1e6:.0f} MB" if archives else ""))
        commands["built"] = [str(package / "daftar"), "--db", str(school)]
    else:
        print(f"no built program in {package} (./dev.sh package)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DAFTAR_EXIT_WHEN_READY="1",
               DAFTAR_BENCH_USER="principal", DAFTAR_PASSWORD="daftar")
    medians = starts(commands, env, args.runs)
    for name, value in medians.items():
        print(f"cold start to the main window, {name}: {value:.2f} s (median of {args.runs})")
    if "built" in medians:
        print(f"built / venv: {medians['built'] / medians['venv']:.2f}")
    made, restored = backup_figures(school, work, args.runs)
    print(f"demo school ({size(school) / 1e6:.1f} MB): checked backup {made:.2f} s, "
          f"checked restore {restored:.2f} s (median of {args.runs})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
