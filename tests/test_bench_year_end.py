"""The year-end benchmark's short form: a small demo school's year closed and the next
opened, so the bench keeps running as the code changes (figures: ``./dev.sh bench``)."""

import re
import subprocess
import sys

from tests.central_rig import ROOT


def test_year_end_bench_runs_and_reports_its_figures() -> None:
    done = subprocess.run([sys.executable, "bench/bench_year_end.py", "--students", "100"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^100 students: Khordad approvals of [0-9]+ sheets", done.stdout,
                     re.M), done.stdout
    assert re.search(r"^open next year [0-9.]+ s: [0-9]+ classes, [0-9]+ promoted, 1 repeating",
                     done.stdout, re.M), done.stdout
    assert re.search(r"^close and open: [0-9.]+ s$", done.stdout, re.M), done.stdout
