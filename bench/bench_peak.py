"""The last day before a deadline, simulated (issue 15, part 5): thousands of schools, each
sending a few signed batches over HTTP to the real central server (``daftar-central serve``
in child processes over PostgreSQL on loopback), their first batch's moment drawn so that
arrivals crowd towards the end of the window (density 4x³ on [0, 1]: half of them in the
last 16%), each school's next batch sent when the last one is answered.

Reports batches and rows, errors (none allowed: the run fails on one), p50/p99 batch
latency, rows/s and rows/s per server core (the CPU seconds the server's processes and
PostgreSQL used, measured), and the country's need computed from that figure
(central/SCALING.md).

  python bench/bench_peak.py [--schools 2000] [--batches 3] [--rows 600] [--window 60]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNTRY_ROWS = 200_000_000     # grade rows a session
LAST_HOURS = 48                # most of them sent in the last two days


def cpu(select) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds (user + system, with reaped children's) of the processes ``select``
    accepts, from /proc (``ps`` rounds to whole seconds)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        pid, ppid = int(entry.name), int(fields[1])
        if select(pid, ppid, comm):
            total += sum(int(x) for x in fields[11:15])   # utime stime cutime cstime
    return total / tick


def prepare(central, schools: int, batches: int, rows: int):  # type: ignore[no-untyped-def]
    """Each school enrolled with its own key; its batches built and signed ahead."""
    from bench_ingest import batch_body
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.domain.seal import raw_public

    plan = []
    for n in range(schools):
        code = f"{30000000 + n}"
        key = Ed25519PrivateKey.generate()
        enrol = central.add_school(code, f"مدرسه {n}", ("تهران", "فارس")[n % 2],
                                   f"منطقه {n % 19 + 1}")
        token = central.enrol(code, enrol, raw_public(key.public_key()).hex())["token"]
        sent = []
        for b in range(batches):
            batch, body = batch_body(rows, code, n, first_sheet=1 + 10 * b)
            sent.append((batch, body, base64.b64encode(key.sign(b"DFB1" + body)).decode()))
        plan.append((token, sent))
    return plan


async def play(url: str, plan, window: float, seed: int = 1):  # type: ignore[no-untyped-def]
    """Every school's batches, the first at its drawn moment; (latencies, rows, errors)."""
    import httpx

    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    retries = [0]
    rows = 0
    start = time.monotonic() + 0.5
    # each school its own connection, as in an office (no keep-alive shared between them)
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=0)
    # at most this many requests in flight from this one process: a queue of thousands
    # inside httpx's pool costs the load generator more CPU than the server it measures
    gate = asyncio.Semaphore(200)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        async def school(token: str, sent) -> None:  # type: ignore[no-untyped-def]
            nonlocal rows
            at = start + window * rng.random() ** 0.25   # density 4x^3: crowding the end
            await asyncio.sleep(max(0.0, at - time.monotonic()))
            for batch, body, signature in sent:
                t = time.monotonic()
                for attempt in range(6):  # as the school's client: a lost connection or a
                    try:                  # busy server is tried again, backing off
                        async with gate:
                            r = await client.put(f"/v1/batches/{batch}", content=body, headers={
                                "Authorization": f"Bearer {token}",
                                "X-Daftar-Signature": signature,
                                "Content-Type": "application/json"})
                    except httpx.TransportError as e:
                        r = None
                        failure = type(e).__name__
                    if r is not None and r.status_code not in (429, 502, 503, 504):
                        break
                    retries[0] += 1
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * 2 ** attempt)
                latencies.append(time.monotonic() - t)
                if r is None or r.status_code != 200:
                    errors.append(failure if r is None else f"{r.status_code} {r.text[:200]}")
                else:
                    rows += r.json()["receipt"]["rows"]

        began = time.monotonic()
        await asyncio.gather(*(school(token, sent) for token, sent in plan))
        took = time.monotonic() - began
    return latencies, rows, errors, took, retries[0]


def run(schools: int, batches: int, rows: int, window: float, workers: int = 2):  # type: ignore[no-untyped-def]
    from bench_sync import admin, fresh_database, start_server

    base = os.environ.get("DAFTAR_TEST_PG_URL")
    if not base:
        raise SystemExit("DAFTAR_TEST_PG_URL is not set (./dev.sh bench starts PostgreSQL)")
    db_url = fresh_database(base)
    proc, url = start_server(db_url, workers)
    try:
        central = admin(db_url)
        t = time.perf_counter()
        plan = prepare(central, schools, batches, rows)
        prepared = time.perf_counter() - t
        def server_cpu() -> float:
            return cpu(lambda pid, ppid, _c: proc.pid in (pid, ppid))

        def pg_cpu() -> float:
            return cpu(lambda _p, _pp, comm: comm == "postgres")

        server0, pg0 = server_cpu(), pg_cpu()
        latencies, landed, errors, took, retried = asyncio.run(play(url, plan, window))
        server, pg = server_cpu() - server0, pg_cpu() - pg0
        central.engine.dispose()
    finally:
        proc.terminate()
        proc.wait()
    latencies.sort()
    return {"schools": schools, "batches": len(latencies), "rows": landed, "errors": errors,
            "retries": retried,
            "seconds": took, "prepared": prepared,
            "p50": statistics.median(latencies),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "server_cpu": server, "pg_cpu": pg}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schools", type=int, default=2000)
    ap.add_argument("--batches", type=int, default=3)
    ap.add_argument("--rows", type=int, default=600)
    ap.add_argument("--window", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    f = run(args.schools, args.batches, args.rows, args.window, args.workers)
    cores = (f["server_cpu"] + f["pg_cpu"]) / f["seconds"]
    per_core = f["rows"] / (f["server_cpu"] + f["pg_cpu"])
    print(f"machine: {os.cpu_count()} cores (server, PostgreSQL and the {args.schools} "
          f"simulated schools share them); server: {args.workers} uvicorn workers")
    print(f"{f['schools']:,} schools, {f['batches']:,} batches of {args.rows} rows "
          f"({f['rows']:,} rows) in {f['seconds']:.1f} s, arrivals crowding the last of a "
          f"{args.window:.0f} s window (prepared in {f['prepared']:.0f} s)")
    print(f"  errors: {len(f['errors'])} ({f['retries']} tries again after a lost connection "
          f"or a busy answer); batch latency p50 {f['p50'] * 1000:.0f} ms, "
          f"p99 {f['p99'] * 1000:.0f} ms; {f['rows'] / f['seconds']:,.0f} rows/s, "
          f"{f['batches'] / f['seconds']:.1f} batches/s")
    print(f"  server CPU {f['server_cpu']:.0f} s + PostgreSQL {f['pg_cpu']:.0f} s "
          f"({cores:.2f} cores busy on average): {per_core:,.0f} rows per server core-second")
    peak = COUNTRY_ROWS / 2 / (6 * 3600)   # half of the session in its last 6 hours
    print(f"  the country: {COUNTRY_ROWS:,} rows, half of them in the last 6 of {LAST_HOURS} "
          f"hours = {peak:,.0f} rows/s at the peak -> {peak / per_core:.1f} server cores "
          f"at this machine's rate")
    if f["errors"]:
        raise SystemExit(f"{len(f['errors'])} batches refused: {f['errors'][:3]}")


if __name__ == "__main__":
    main()
