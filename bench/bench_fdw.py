"""The distribution key splitting the work across PostgreSQL nodes, with what PostgreSQL
ships (issue 15, part 3): three instances on loopback, a coordinator and two nodes, the
coordinator's ``grade_row`` partitioned by province with each province's partition a
``postgres_fdw`` foreign table on its node.  Citus is not installable here; this is the
same idea by hand (central/SCALING.md).

Three runs of the same schools' batches (each school's rows in one COPY, one transaction),
from ``--clients`` connections at once:

* one node: the partitioned table with local partitions, on one instance;
* through the coordinator: COPY into the coordinator's table, routed to the node that
  holds the school's province (postgres_fdw, batch_size 1,000);
* to the nodes: each batch sent straight to its province's node, as the API would route
  it by the school's province; the coordinator still reads across them.

After each, the rows on every node are counted: each province's rows are on its node
only, and one school's batch changes one node's count.  The coordinator's plan for one
school's rows names one foreign scan; a count by province reads both nodes.

  python bench/bench_fdw.py [--schools 40] [--rows 20000] [--clients 4]

It starts its own instances (ports 54340-54342, in /tmp/daftar-fdw-*) and stops them.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROVINCES = ("تهران", "فارس")
COLUMNS = "province, school_code, term, sheet_id, student, component, value"
FIELDS = """province text NOT NULL, school_code varchar(8) NOT NULL, term integer NOT NULL,
    sheet_id bigint NOT NULL, student varchar(40) NOT NULL, component varchar(8) NOT NULL,
    value varchar(20) NOT NULL"""
KEY = "PRIMARY KEY (province, school_code, term, sheet_id, student, component)"
TABLE = f"({FIELDS}, {KEY})"
# a partitioned table with foreign partitions has no index of its own: each node keeps the key
FEDERATED = f"({FIELDS})"


class Instance:
    """One throwaway PostgreSQL cluster on a loopback port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix=f"daftar-fdw-{port}-"))
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            raise SystemExit("PostgreSQL is not installed")
        self.bin = bins[-1]
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir / "data"), "-U", "daftar", "--auth=trust",
                  "-E", "UTF8")
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w",
                  "-o", f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.bin / tool), *args], check=True,
                       capture_output=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://daftar@127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"),
                        "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def school_rows(n: int, rows: int) -> tuple[str, str, bytes]:
    """School n: its code, its province, its batch's rows as COPY text."""
    code = f"{20000000 + n}"
    province = PROVINCES[n % len(PROVINCES)]
    lines = [f"{province}\t{code}\t14051\t{n * 10 + i % 10}\t{n:04d}{i // 10:06d}\tc{i % 2}\t"
             f"{i % 21}\n" for i in range(rows)]
    return code, province, "".join(lines).encode()


def copy_batches(urls: dict[str, str], table: str, batches: list[tuple[str, str, bytes]],
                 clients: int) -> tuple[float, list[float]]:
    """Each batch one COPY, one transaction, to ``urls[province]``; (seconds, latencies)."""
    import psycopg

    def one(batch: tuple[str, str, bytes]) -> float:
        _code, province, data = batch
        t = time.perf_counter()
        with psycopg.connect(urls[province]) as conn:
            with conn.cursor() as cur, cur.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as cp:
                cp.write(data)
        return time.perf_counter() - t

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, batches))
    return time.perf_counter() - start, latencies


def counts(url: str, table: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return dict(conn.execute(f"SELECT province, count(*) FROM {table} GROUP BY 1").fetchall())


def setup(coordinator: Instance, nodes: list[Instance]) -> None:
    import psycopg

    for node in nodes:
        with psycopg.connect(node.url(), autocommit=True) as conn:
            conn.execute(f"CREATE TABLE grade_row {TABLE}")
    with psycopg.connect(coordinator.url(), autocommit=True) as conn:
        conn.execute(f"CREATE TABLE grade_row_one {TABLE} PARTITION BY LIST (province)")
        conn.execute(f"CREATE TABLE grade_row_fed {FEDERATED} PARTITION BY LIST (province)")
        conn.execute("CREATE EXTENSION postgres_fdw")
        for i, (province, node) in enumerate(zip(PROVINCES, nodes, strict=True)):
            conn.execute(f"CREATE TABLE grade_row_one_{i} PARTITION OF grade_row_one "
                         f"FOR VALUES IN ('{province}')")
            conn.execute(f"CREATE SERVER node{i} FOREIGN DATA WRAPPER postgres_fdw OPTIONS "
                         f"(host '127.0.0.1', port '{node.port}', dbname 'postgres', "
                         "batch_size '1000')")
            conn.execute(f"CREATE USER MAPPING FOR daftar SERVER node{i} OPTIONS (user 'daftar')")
            conn.execute(f"CREATE FOREIGN TABLE grade_row_fed_{i} PARTITION OF grade_row_fed "
                         f"FOR VALUES IN ('{province}') SERVER node{i} "
                         "OPTIONS (table_name 'grade_row')")


def truncate(url: str, table: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {table}")


def run(schools: int, rows: int, clients: int, base_port: int = 54340) -> dict[str, object]:
    import psycopg

    coordinator = Instance(base_port)
    nodes = [Instance(base_port + 1 + i) for i in range(len(PROVINCES))]
    try:
        setup(coordinator, nodes)
        batches = [school_rows(n, rows) for n in range(schools)]
        total = schools * rows
        to_one = {p: coordinator.url() for p in PROVINCES}
        to_nodes = {p: n.url() for p, n in zip(PROVINCES, nodes, strict=True)}
        figures: dict[str, object] = {}
        for name, urls, table in (("one node", to_one, "grade_row_one"),
                                  ("through the coordinator", to_one, "grade_row_fed"),
                                  ("to the nodes", to_nodes, "grade_row")):
            took, lat = copy_batches(urls, table, batches, clients)
            placed = [counts(n.url(), "grade_row") for n in nodes]
            figures[name] = {"seconds": took, "rows_per_s": total / took,
                             "p50": statistics.median(lat), "max": max(lat),
                             "per_node": placed}
            if name != "one node":  # each province on its own node, nothing elsewhere
                for province, on_node in zip(PROVINCES, placed, strict=True):
                    assert set(on_node) == {province}, placed
                assert sum(sum(p.values()) for p in placed) == total
                for node in nodes:
                    truncate(node.url(), "grade_row")
        # one school's batch changes one node's count
        code, province, data = batches[1]
        before = [sum(counts(n.url(), "grade_row").values()) for n in nodes]
        copy_batches(to_one, "grade_row_fed", [batches[1]], 1)
        after = [sum(counts(n.url(), "grade_row").values()) for n in nodes]
        figures["one batch, rows added per node"] = [a - b for a, b in zip(after, before,
                                                                            strict=True)]
        with psycopg.connect(coordinator.url()) as conn:
            plan = "\n".join(r[0] for r in conn.execute(
                "EXPLAIN SELECT * FROM grade_row_fed WHERE province = %s AND school_code = %s",
                (province, code)))
            spread = "\n".join(r[0] for r in conn.execute(
                "EXPLAIN SELECT province, count(*) FROM grade_row_fed GROUP BY 1"))
        figures["one school's read: foreign scans"] = plan.count("Foreign Scan")
        figures["count by province: foreign scans"] = spread.count("Foreign Scan")
        return figures
    finally:
        coordinator.stop()
        for node in nodes:
            node.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schools", type=int, default=40)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    figures = run(args.schools, args.rows, args.clients)
    print(f"machine: {os.cpu_count()} cores (all three instances share them), "
          f"{args.schools} schools x {args.rows:,} rows, {args.clients} connections at once")
    for name, f in figures.items():
        if isinstance(f, dict):
            print(f"{name:>24}: {f['rows_per_s']:>9,.0f} rows/s ({f['seconds']:.2f} s); "
                  f"batch p50 {f['p50'] * 1000:.0f} ms, max {f['max'] * 1000:.0f} ms; "
                  f"rows per node {[sum(p.values()) for p in f['per_node']]}")
        else:
            print(f"{name}: {f}")


if __name__ == "__main__":
    sys.exit(main())
