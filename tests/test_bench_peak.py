"""The short form of bench/bench_peak.py: the deadline's last day for a hundred simulated
schools over real HTTP to ``daftar-central serve`` on PostgreSQL; every batch taken, none
refused, every row landed (issue 15, part 5)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

pytestmark = pytest.mark.postgres


def test_the_deadline_peak_is_taken_without_an_error(pg_url):
    from bench_peak import run

    f = run(schools=100, batches=2, rows=600, window=3)
    assert f["errors"] == []
    assert f["batches"] == 200 and f["rows"] == 100 * 2 * 600
    assert 0 < f["p50"] <= f["p99"] and f["server_cpu"] > 0
