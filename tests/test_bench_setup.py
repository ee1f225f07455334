"""The setup benchmark's short form: a school set up from a small workbook, so the bench
keeps running as the code changes (its figures come from ``./dev.sh bench``)."""

import re
import subprocess
import sys

from tests.central_rig import ROOT


def test_setup_bench_runs_and_reports_its_figures() -> None:
    done = subprocess.run([sys.executable, "bench/bench_setup.py", "--students", "60"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^60 students from a workbook naming 14 classes .* import [0-9.]+ s",
                     done.stdout, re.M), done.stdout
    assert re.search(r"^curriculum data: 1 version\(s\), [0-9]+ bytes, 19 grade-track tables",
                     done.stdout, re.M), done.stdout
