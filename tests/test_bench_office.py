"""The office benchmark's short form (one run each): it keeps running as the code changes;
its figures come from ``./dev.sh bench``."""

import re
import subprocess
import sys

from tests.central_rig import ROOT


def test_office_bench_runs_and_reports_its_figures() -> None:
    done = subprocess.run([sys.executable, "bench/bench_office.py", "--runs", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^cold start to the main window, venv: [0-9.]+ s", done.stdout, re.M)
    assert re.search(r"checked backup [0-9.]+ s, checked restore [0-9.]+ s", done.stdout)
