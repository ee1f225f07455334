"""The inquiry benchmark's short form: a handful of clients against a real server, so the
bench keeps running as the code changes (its figures come from ``./dev.sh bench``)."""

import os
import re
import subprocess
import sys

import pytest

from tests.central_rig import ROOT

pytestmark = pytest.mark.postgres


def test_inquiry_bench_runs_and_reports_its_figures() -> None:
    if not os.environ.get("DAFTAR_TEST_PG_URL"):
        pytest.skip("DAFTAR_TEST_PG_URL is not set (./dev.sh test starts PostgreSQL)")
    done = subprocess.run([sys.executable, "bench/bench_inquiry.py", "--clients", "5",
                           "--rounds", "8", "--workers", "1", "--documents", "300"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^40 inquiries by 5 clients .* [0-9]+ inquiries/s", done.stdout, re.M)
    for kind in ("api", "page", "grades", "record"):
        assert re.search(rf"^  {kind} +median +[0-9.]+ ms +p99 +[0-9.]+ ms +\(10\)", done.stdout,
                         re.M), done.stdout
