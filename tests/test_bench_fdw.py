"""The short form of bench/bench_fdw.py: three real PostgreSQL instances on loopback, the
coordinator's grade rows partitioned by province into postgres_fdw foreign tables on two
nodes; each province's rows land on its node only, one school's batch on one node, and a
school's read plans one foreign scan (issue 15, part 3)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

pytestmark = pytest.mark.skipif(not list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
                                or shutil.which("runuser") is None,
                                reason="PostgreSQL's server programs are not installed")


def test_the_school_key_splits_batches_across_nodes():
    from bench_fdw import run

    figures = run(schools=6, rows=300, clients=2, base_port=54350)
    for name in ("one node", "through the coordinator", "to the nodes"):
        assert figures[name]["rows_per_s"] > 0
    for name in ("through the coordinator", "to the nodes"):
        assert [sum(p.values()) for p in figures[name]["per_node"]] == [900, 900]
    assert figures["one batch, rows added per node"] == [0, 300]  # school 1: the second node
    assert figures["one school's read: foreign scans"] == 1
    assert figures["count by province: foreign scans"] == 2
