"""The repair benchmark's short form: a small repair sheet approved on a real PostgreSQL,
so the bench keeps running as the code changes (its figures come from ``./dev.sh bench``);
the bench itself asserts that half the grades replaced and as many certificates fell."""

import os
import re
import subprocess
import sys

import pytest

from tests.central_rig import ROOT

pytestmark = pytest.mark.postgres


def test_repair_bench_runs_and_reports_its_figures() -> None:
    if not os.environ.get("DAFTAR_TEST_PG_URL"):
        pytest.skip("DAFTAR_TEST_PG_URL is not set (./dev.sh test starts PostgreSQL)")
    done = subprocess.run([sys.executable, "bench/bench_repair.py", "--graduates", "21"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^repair sheet of 21 graduates .* \([0-9]+ graduates/s.*11 grades "
                     r"replaced, 11 certificates revoked, 10 kept", done.stdout, re.M), done.stdout
