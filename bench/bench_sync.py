"""Sync benchmark: one school's 100,000 grade rows into the central PostgreSQL over
loopback; then 200 schools syncing at once.

Prints its figures (``./dev.sh bench`` starts PostgreSQL and sets DAFTAR_TEST_PG_URL).
The central server is ``daftar-central serve`` in child processes (``--workers``,
default 2) over a fresh database; the clients are the real ``services.sync`` over
HTTP, each school with its own SQLite file, key and token.

  python bench/bench_sync.py [--schools 200] [--workers 2] [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text, update  # noqa: E402

from desktop.domain.identity import make_national_code  # noqa: E402
from desktop.domain.workflow import Action, SheetState  # noqa: E402
from desktop.models.db import open_database  # noqa: E402
from desktop.models.entities import GradeSheet, School, Student  # noqa: E402
from desktop.services import approvals, school_key, sync  # noqa: E402
from desktop.services.context import PRINCIPAL_ACTOR  # noqa: E402
from desktop.services.demo import DEMO_PASSWORD, build_demo  # noqa: E402

NOW = "2026-11-22T09:00:00+00:00"


def fresh_database(base: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"daftar_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(
            hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def start_server(db_url: str, workers: int, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], str]:
    """``daftar-central init`` and ``serve`` over ``db_url``; (process, base URL)."""
    import httpx

    from tests.central_rig import central_cli, free_port

    done = central_cli(db_url, "init")
    assert done.returncode == 0, done.stderr
    port = free_port()
    env = dict(os.environ, DAFTAR_CENTRAL_DB=db_url, DAFTAR_CENTRAL_NOW=NOW,
               DAFTAR_CENTRAL_POOL="8") | (env or {})
    proc = subprocess.Popen([sys.executable, "-m", "central.cli", "serve", "--port", str(port),
                             "--workers", str(workers), *args], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/v1/status", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("central server did not start")


def admin(db_url: str):  # type: ignore[no-untyped-def]
    from central.db import make_engine
    from central.service import Central

    return Central(make_engine(db_url, 2))


def school_file(path: Path, students: int, seed: int) -> None:
    """A demo school with its Dey sheets approved and queued by the principal."""
    db = open_database(path)
    build_demo(db, students=students, seed=seed, year=1405)
    ready = [x.sheet_id for x in approvals.queue(db, PRINCIPAL_ACTOR, 1405)
             if x.state is SheetState.APPROVED]
    approvals.move(db, ready, Action.QUEUE, PRINCIPAL_ACTOR)
    db.dispose()


def copy_as(template: Path, target: Path, code: str, n: int, central, url: str) -> None:  # type: ignore[no-untyped-def]
    """Another school from the template: its own code, students, key and token."""
    shutil.copy(template, target)
    db = open_database(target)
    school_key.unlock(db, DEMO_PASSWORD)  # as after the principal signs in
    with db.unit() as s:
        s.execute(update(School).values(code=code))
        for sid, national, foreign in s.execute(select(Student.id, Student.national_code,
                                                       Student.foreign_id_value)):
            if national is not None:
                s.execute(update(Student).where(Student.id == sid).values(
                    national_code=make_national_code(f"{n:04d}{sid:05d}")))
            else:  # foreign students too: no two schools share a student (or a row lock)
                s.execute(update(Student).where(Student.id == sid).values(
                    foreign_id_value=f"{n:04d}{foreign[4:]}"))
    enrol = central.add_school(code, f"مدرسه {n}", "تهران", f"منطقه {n % 19 + 1}")
    sync.connect(db, url, enrol, PRINCIPAL_ACTOR)
    sync.pack(db)
    db.dispose()


def one_school_rows(base: str, workers: int, rows: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-sync-"))
    students = max(40, round(rows / 20.3))
    path = work / "big.sqlite"
    t = time.perf_counter()
    school_file(path, students, 1405)
    build = time.perf_counter() - t
    db_url = fresh_database(base)
    proc, url = start_server(db_url, workers)
    try:
        central = admin(db_url)
        db = open_database(path)
        school_key.unlock(db, DEMO_PASSWORD)  # as after the principal signs in
        sync.connect(db, url, central.add_school("12345678", "بزرگ", "تهران", "منطقه ۶"),
                     PRINCIPAL_ACTOR)
        t = time.perf_counter()
        batches = sync.pack(db)
        pack = time.perf_counter() - t
        t = time.perf_counter()
        report = sync.send(db, sync.remote_for(db), force=True)
        send = time.perf_counter() - t
        with central.engine.connect() as conn:
            landed = conn.execute(text("SELECT count(*) FROM grade_row")).scalar_one()
        with db.unit() as s:
            left = s.scalar(select(GradeSheet.id).where(GradeSheet.state == SheetState.QUEUED))
        assert report.ok and left is None, report
        print(f"one school ({students} students, built in {build:.1f} s): "
              f"{landed:,} grade rows in {len(batches)} batches")
        print(f"  pack (read, JSON, sign): {pack:.2f} s; send + receipts over loopback: "
              f"{send:.2f} s = {landed / send:,.0f} rows/s; end to end "
              f"{landed / (pack + send):,.0f} rows/s")
        db.dispose()
    finally:
        proc.terminate()
        proc.wait()


def cpu_seconds(args: list[str]) -> float:
    """Summed CPU seconds of the processes ``ps`` selects (e.g. ["--ppid", "123"])."""
    out = subprocess.run(["ps", *args, "-o", "times="], capture_output=True, text=True).stdout
    return float(sum(int(x) for x in out.split()))


def _run_group(paths: list[str], start_at: float) -> list[tuple[float, float, int]]:
    """In a child process: sync these schools at the same moment, one thread each."""
    out: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def one(p: str) -> None:
        db = open_database(p)
        school_key.unlock(db, DEMO_PASSWORD)  # as after the principal signs in
        while time.time() < start_at:
            time.sleep(0.001)
        t0 = time.time()
        report = sync.run(db, sync.remote_for(db, timeout=120))
        t1 = time.time()
        assert report.ok, report
        with db.unit() as s:
            rows = sum(b.rows for b in s.scalars(select(sync.SyncBatch)))
        db.dispose()
        with lock:
            out.append((t0, t1, rows))

    threads = [threading.Thread(target=one, args=(p,)) for p in paths]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return out


def many_schools(base: str, workers: int, schools: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-schools-"))
    template = work / "template.sqlite"
    school_file(template, 120, 7)
    db_url = fresh_database(base)
    proc, url = start_server(db_url, workers)
    try:
        central = admin(db_url)
        t = time.perf_counter()
        paths = []
        for n in range(schools):
            target = work / f"school-{n}.sqlite"
            copy_as(template, target, f"{20000000 + n}", n, central, url)
            paths.append(str(target))
        print(f"{schools} schools prepared (copied, re-keyed, enrolled, packed) in "
              f"{time.perf_counter() - t:.1f} s")
        groups = [paths[i::8] for i in range(8)]
        start_at = time.time() + 3
        server0 = cpu_seconds(["--ppid", str(proc.pid)])
        pg0 = cpu_seconds(["-C", "postgres"])
        with ProcessPoolExecutor(8) as pool:
            results = [r for part in pool.map(_run_group, groups, [start_at] * 8) for r in part]
        server_cpu = cpu_seconds(["--ppid", str(proc.pid)]) - server0
        pg_cpu = cpu_seconds(["-C", "postgres"]) - pg0
        first, last = min(r[0] for r in results), max(r[1] for r in results)
        each = sorted(r[1] - r[0] for r in results)
        rows = sum(r[2] for r in results)
        with central.engine.connect() as conn:
            landed = conn.execute(text("SELECT count(*) FROM grade_row")).scalar_one()
            batches = conn.execute(text("SELECT count(*) FROM batch")).scalar_one()
        assert landed == rows, (landed, rows)
        wall = last - first
        print(f"{schools} schools at once: {rows:,} grade rows in {batches} batches, "
              f"{wall:.1f} s wall = {rows / wall:,.0f} rows/s, {schools / wall:.1f} schools/s")
        print(f"  per school: median {statistics.median(each):.2f} s, slowest {each[-1]:.2f} s, "
              f"fastest {each[0]:.2f} s (server: {workers} uvicorn workers; one machine, "
              f"{os.cpu_count()} cores, shared with the {schools} clients)")
        print(f"  CPU during the run: central server {server_cpu:.0f} s, PostgreSQL "
              f"{pg_cpu:.0f} s, of {wall * (os.cpu_count() or 1):.0f} core-seconds; the rest "
              f"is the clients' own work (receipts, audit, SQLite commits)")
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--schools", type=int, default=200)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--rows", type=int, default=100_000)
    args = p.parse_args()
    base = os.environ.get("DAFTAR_TEST_PG_URL")
    if not base:
        raise SystemExit("DAFTAR_TEST_PG_URL is not set (./dev.sh bench starts PostgreSQL)")
    one_school_rows(base, args.workers, args.rows)
    many_schools(base, args.workers, args.schools)


if __name__ == "__main__":
    main()
