"""Ingestion benchmark: one school's batch of 100,000 grade rows taken by the central
service (signature, JSON, every row checked, students and sheets upserted, rows by COPY)
beside a bare COPY of the same rows into the same partitioned table, in one run,
interleaved (issue 15, part 3).

In process, no HTTP (bench_sync.py measures over loopback): what the database path
costs.  The bare COPY writes the same rows, already formatted, into the same table with
the same sheets present (the same key, index and foreign-key checks).

  python bench/bench_ingest.py [--rows 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from sqlalchemy import text  # noqa: E402

from desktop.domain.calendar import SessionKind  # noqa: E402
from desktop.domain.grading import DEFAULT_POLICY  # noqa: E402
from desktop.domain.identity import make_national_code  # noqa: E402
from desktop.domain.seal import canonical, raw_public  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)
SCHOOL = "12345678"


def batch_body(rows: int, school: str = SCHOOL, seed: int = 0,
               first_sheet: int = 1) -> tuple[str, bytes]:
    """A school's batch: ~20 rows a student (10 courses, two marks each), 1405 Dey; school
    ``seed``'s own students (up to 10,000 schools of up to 100,000 students), its sheets
    numbered from ``first_sheet``."""
    scheme = DEFAULT_POLICY.scheme_for(10, True, False, False)
    components = [c.code for c in scheme.components_for(SessionKind.DEY)]
    per_student = 10 * len(components)
    students = {make_national_code(f"{seed:04d}{i:05d}"): {
        "first": "علی", "last": "رضایی", "father": "حسن", "birth": "2010-03-21"}
        for i in range(-(-rows // per_student))}
    ids = list(students)
    sheets = []
    for course in range(10):
        sheets.append({
            "id": first_sheet + course, "version": 1, "year": 1405, "session": "DEY",
            "grade_level": 10,
            "units": 3, "class": "دهم", "course": f"درس {course + 1}",
            "course_code": f"c{course}", "has_final": True, "national": False,
            "rows": [[s, c, f"{(i + course) % 21}"] for i, s in enumerate(ids)
                     for c in components]})
    while sum(len(s["rows"]) for s in sheets) > rows:
        sheets[-1]["rows"].pop()
    batch = str(uuid.uuid4())
    payload = {"uuid": batch, "school": school, "students": students, "sheets": sheets}
    return batch, canonical(payload)


def fresh(base: str) -> str:
    from bench_sync import fresh_database

    return fresh_database(base)


def setup(db_url: str, school: str = SCHOOL):  # type: ignore[no-untyped-def]
    from central.db import make_engine, migrate
    from central.service import Central

    central = Central(make_engine(db_url, 2), clock=lambda: NOW)
    migrate(central.engine)
    central.make_partitions()
    central.init_authority()
    key = Ed25519PrivateKey.generate()
    enrol = central.add_school(school, "بزرگ", "تهران", "منطقه ۶")
    token = central.enrol(school, enrol, raw_public(key.public_key()).hex())["token"]
    return central, central.school_by_token(token), key


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    base = os.environ["DAFTAR_TEST_PG_URL"]
    central, school, key = setup(fresh(base))
    served, bare = [], []
    for _ in range(args.rounds):
        batch, body = batch_body(args.rows)
        signature = base64.b64encode(key.sign(b"DFB1" + body)).decode()
        with central.engine.begin() as conn:
            conn.execute(text("TRUNCATE grade_row, sheet, student, batch CASCADE"))
        t = time.perf_counter()
        receipt, _ = central.receive(school, batch, body, signature)
        served.append(time.perf_counter() - t)
        assert receipt["rows"] == args.rows
        with central.engine.begin() as conn:
            ids = dict(conn.execute(text("SELECT local_id, id FROM sheet")).all())
            conn.execute(text("DELETE FROM grade_row"))
        data = "".join(f"{SCHOOL}\t14051\t{ids[s['id']]}\t{st}\t{c}\t{v}\n"
                       for s in json.loads(body)["sheets"] for st, c, v in s["rows"]).encode()
        with central.engine.begin() as conn:
            raw = conn.connection.driver_connection
            t = time.perf_counter()
            with raw.cursor() as cur, cur.copy(
                    "COPY grade_row (school_code, term, sheet_id, student, component, value) "
                    "FROM STDIN") as copy:
                copy.write(data)
            bare.append(time.perf_counter() - t)
    s, b = statistics.median(served), statistics.median(bare)
    with central.engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar()
    print(f"machine: {os.cpu_count()} cores, PostgreSQL {version} (fsync off), "
          f"{args.rounds} rounds, medians")
    print(f"one school's batch of {args.rows:,} rows taken by the service: {s:.2f} s "
          f"({args.rows / s:,.0f} rows/s)")
    print(f"bare COPY of the same rows into the same table: {b:.2f} s "
          f"({args.rows / b:,.0f} rows/s); service / bare COPY: {s / b:.2f}")
    central.engine.dispose()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    main()
