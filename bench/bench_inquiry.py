"""Inquiry benchmark: how many inquiries a second the central server's public side
answers, and how long each waits, with 50 clients at once on loopback.

A fresh PostgreSQL database (``./dev.sh bench`` starts it and sets DAFTAR_TEST_PG_URL)
holds one school's 20,000 documents and their holders, each resting on its class's Dey
sheets (400,000 grade rows): every inquiry matches the document against them;
``daftar-central serve --workers N`` answers.
Each client loops a bounded number of times over a mix of the four public asks: the
JSON ``GET /v1/verify/{code}``, the page ``GET /verify?code=``, the page with the
holder's national code (the grades), and the page that issues a person's 19-digit
record code (issued the first time, the same one after).  Every inquiry is logged
and rate-counted as in production, each client under its own address (X-Forwarded-For,
the server told to trust loopback as its proxy); the limit is 1,000 a minute for the run.

  python bench/bench_inquiry.py [--clients 50] [--rounds 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_sync import admin, fresh_database, start_server  # noqa: E402

from desktop.domain.identity import make_national_code  # noqa: E402
from desktop.domain.verification import DocumentKind, make_code  # noqa: E402

COURSES = ("ریاضی ۱", "فیزیک ۱", "شیمی ۱", "زیست‌شناسی ۱", "ادبیات فارسی ۱",
           "عربی ۱", "زبان انگلیسی ۱", "دین و زندگی ۱", "جغرافیای ایران", "تفکر و سواد رسانه‌ای")
CLASS_SIZE = 30


def seed_documents(db_url: str, count: int) -> list[tuple[str, str]]:
    """``count`` Dey report cards of one school, as printed and reported, each resting on
    the Dey sheets of its class (10 courses, two grades each) that the school sent: every
    inquiry recomputes the card from the grade rows and matches its digest (issue 24).
    Returns (code, national) pairs."""
    from sqlalchemy import insert

    from central import schema as t
    from central.intake import copy_rows
    from desktop.domain.calendar import SessionKind
    from desktop.domain.matching import CourseCells, centre_card
    from desktop.domain.results import printed_lines
    from desktop.domain.seal import grades_digest

    central = admin(db_url)
    central.add_school("12345678", "فرهیختگان", "تهران", "منطقه ۶ تهران")
    central.make_partitions([1405])
    rng = random.Random(1405)
    serials = rng.sample(range(1, 10 ** 8), count)
    docs, rows, sheets, grades = [], [], [], []
    term = t.term_key(1405, "DEY")
    for first in range(0, count, CLASS_SIZE):
        klass = f"دهم {first // CLASS_SIZE + 1}"
        ids = []
        for c, name in enumerate(COURSES):
            local = len(sheets) + 1
            ids.append(local)
            sheets.append({"id": local, "school_code": "12345678", "local_id": local,
                           "version": 1, "year": 1405, "session": "DEY", "term": term,
                           "class_name": klass, "grade_level": 10, "course_code": f"C{c}",
                           "course_name": name, "units": 2 + c % 3, "state": "sent",
                           "batch_uuid": "00000000-0000-0000-0000-000000000000",
                           "updated_at": dt.datetime(2026, 11, 22, tzinfo=dt.UTC),
                           "course_local_id": c + 1})
            grades.append((local, term, []))
        for i in range(first, min(first + CLASS_SIZE, count)):
            code = make_code("12345678", 1405, DocumentKind.REPORT_CARD, serials[i]).text
            national = make_national_code(f"{100000000 + i:09d}")
            courses = []
            for c, name in enumerate(COURSES):
                cells = {"c1": f"{rng.randrange(8, 21)}", "f1": f"{rng.randrange(28, 81) / 4:g}"}
                grades[ids[c] - 1][2].extend([national, k, v] for k, v in cells.items())
                courses.append(CourseCells(c + 1, name, 2 + c % 3, cells={
                    k: Decimal(v) for k, v in cells.items()}))
            digest = grades_digest(printed_lines(centre_card(10, SessionKind.DEY, courses)))
            docs.append((code, national))
            rows.append({"code": code, "school_code": "12345678", "kind": 1,
                         "identity": national, "name": f"دانش‌آموز {i}",
                         "issued": dt.date(2026, 11, 22), "seal": "", "prints": 1,
                         "session": 1, "digest": digest.hex(), "rests_on": repr(ids)})
    people = [{"identity": national, "school_code": "12345678", "first_name": "دانش‌آموز",
               "last_name": str(i), "father_name": "پدر", "birth_date": dt.date(2009, 1, 1),
               "birth_serial": f"الف/12 {i:06d}"} for i, (_code, national) in enumerate(docs)]
    with central.engine.begin() as conn:
        conn.execute(insert(t.sheet), sheets)
        copy_rows(conn, "12345678", grades)
        for i in range(0, len(rows), 5000):
            conn.execute(insert(t.document), rows[i:i + 5000])
            conn.execute(insert(t.student), people[i:i + 5000])
        conn.exec_driver_sql("ANALYZE")
    central.engine.dispose()
    return docs


OK = ('"status":"genuine"', "<h2>معتبر</h2>", "کد سابقۀ تحصیلی شما")   # matched, not pending


async def load(url: str, docs: list[tuple[str, str]], clients: int, rounds: int
               ) -> dict[str, list[float]]:
    import httpx

    waits: dict[str, list[float]] = {"api": [], "page": [], "grades": [], "record": []}
    failures = 0

    async def client(n: int) -> None:
        nonlocal failures
        rng = random.Random(n)
        # each client its own address, as a load balancer in front would report it
        headers = {"X-Forwarded-For": f"10.0.{n // 250}.{n % 250 + 1}"}
        async with httpx.AsyncClient(base_url=url, timeout=30, headers=headers) as http:
            for i in range(rounds):
                pick = rng.randrange(len(docs))
                code, national = docs[pick]
                kind = ("api", "page", "grades", "record")[i % 4]
                began = time.perf_counter()
                if kind == "api":
                    r = await http.get(f"/v1/verify/{code}")
                elif kind == "page":
                    r = await http.get("/verify", params={"code": code})
                elif kind == "grades":
                    r = await http.get("/verify", params={"code": code, "national": national})
                else:   # a record code: issued the first time, the same one after
                    r = await http.post("/record-code", data={
                        "kind": "national", "value": national, "secret": f"الف/12 {pick:06d}"})
                waits[kind].append(time.perf_counter() - began)
                if r.status_code != 200 or not any(w in r.text for w in OK):
                    failures += 1

    await asyncio.gather(*(client(n) for n in range(clients)))
    if failures:
        raise SystemExit(f"{failures} inquiries failed")
    return waits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--documents", type=int, default=20_000)
    a = ap.parse_args()
    base = os.environ.get("DAFTAR_TEST_PG_URL")
    if not base:
        raise SystemExit("DAFTAR_TEST_PG_URL is not set (./dev.sh bench starts PostgreSQL)")
    db_url = fresh_database(base)
    proc, url = start_server(db_url, a.workers,
                             {"DAFTAR_CENTRAL_POOL": "10", "DAFTAR_CENTRAL_RATE": "1000"},
                             ("--forwarded-allow-ips", "127.0.0.1"))
    try:
        docs = seed_documents(db_url, a.documents)
        asyncio.run(load(url, docs, 5, 3))           # warm the workers' pools
        began, cpu = time.perf_counter(), time.process_time()
        waits = asyncio.run(load(url, docs, a.clients, a.rounds))
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    finally:
        proc.terminate()
        proc.wait(10)
    everything = [w for ws in waits.values() for w in ws]
    print(f"{len(everything)} inquiries by {a.clients} clients at once, {a.workers} server "
          f"workers, {a.documents} documents, {os.cpu_count()} cores shared with the clients: "
          f"{len(everything) / wall:.0f} inquiries/s in {wall:.1f} s "
          f"(the clients used {cpu:.1f} s of CPU of the {wall * (os.cpu_count() or 1):.0f})")
    for kind, ws in [("all", everything)] + list(waits.items()):
        ws = sorted(ws)
        p99 = ws[min(len(ws) - 1, int(len(ws) * 0.99))]
        print(f"  {kind:7s} median {statistics.median(ws) * 1000:6.1f} ms   "
              f"p99 {p99 * 1000:6.1f} ms   ({len(ws)})")


if __name__ == "__main__":
    main()
