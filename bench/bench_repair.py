"""Repair benchmark: how long the province's approval of a repair exam's sheet takes on
the central server, where each graduate's grade is compared with their record, the
record and its history written, their certificates revoked and the record's school told.

A fresh PostgreSQL database (``./dev.sh bench`` starts it and sets DAFTAR_TEST_PG_URL)
holds one school's province-approved sheet of N graduates with an original certificate
each, and an adult school's district-approved repair sheet for them (half the grades
higher than the record, half lower).  Timed: ``Central.decide_sheets`` by the province,
the same call the reviewers' route makes, in one transaction.

  python bench/bench_repair.py [--graduates 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_sync import admin, fresh_database  # noqa: E402

from desktop.domain.identity import make_national_code  # noqa: E402
from desktop.domain.verification import DocumentKind, make_code  # noqa: E402
from desktop.domain.workflow import Role  # noqa: E402


def seed(central, n: int) -> int:  # type: ignore[no-untyped-def]
    """The record, the certificates and the repair sheet; returns the repair sheet's id."""
    from sqlalchemy import insert

    from central import schema as t

    central.add_school("12345678", "فرهیختگان", "تهران", "منطقه ۶ تهران")
    central.add_school("87654321", "بزرگسالان پروین", "تهران", "منطقه ۲ تهران")
    now = dt.datetime(2027, 6, 20, tzinfo=dt.UTC)
    people = [make_national_code(f"{200000000 + i:09d}") for i in range(n)]
    sheet = {"school_code": "12345678", "version": 1, "year": 1405, "session": "KHORDAD",
             "grade_level": 12, "course_code": "phy12", "course_name": "فیزیک", "units": 3,
             "batch_uuid": "seed", "updated_at": now, "term": t.term_key(1405, "KHORDAD")}
    with central.engine.begin() as conn:
        conn.execute(insert(t.student), [
            {"identity": p, "school_code": "12345678", "first_name": "دانش‌آموخته",
             "last_name": str(i), "father_name": "پدر", "birth_date": dt.date(2008, 1, 1)}
            for i, p in enumerate(people)])
        record = conn.execute(insert(t.sheet).values(
            sheet | {"local_id": 1, "class_name": "دوازدهم ریاضی", "state": "province_approved"}
        ).returning(t.sheet.c.id)).scalar_one()
        repair = conn.execute(insert(t.sheet).values(
            sheet | {"school_code": "87654321", "local_id": 1, "exam_only": True,
                     "class_name": "ترمیم فیزیک — دوازدهم", "state": "district_approved"}
        ).returning(t.sheet.c.id)).scalar_one()
        conn.execute(insert(t.grade_row), [
            {"school_code": "12345678", "term": t.term_key(1405, "KHORDAD"),
             "sheet_id": record, "student": p, "component": c, "value": v}
            for p in people for c, v in (("c1", "15"), ("f1", "14"), ("c2", "15"),
                                         ("f2", "12"))])
        conn.execute(insert(t.grade_row), [
            {"school_code": "87654321", "term": t.term_key(1405, "KHORDAD"),
             "sheet_id": repair, "student": p, "component": "f2",
             "value": "17.5" if i % 2 == 0 else "9"} for i, p in enumerate(people)])
        conn.execute(insert(t.document), [
            {"code": make_code("12345678", 1405, DocumentKind.ORIGINAL, 10_000 + i).text,
             "school_code": "12345678", "kind": int(DocumentKind.ORIGINAL), "identity": p,
             "name": f"دانش‌آموخته {i}", "issued": dt.date(2027, 1, 1), "seal": "",
             "prints": 1, "session": 2} for i, p in enumerate(people)])
    return repair


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--graduates", type=int, default=2000)
    args = ap.parse_args()
    base = os.environ.get("DAFTAR_TEST_PG_URL")
    if not base:
        sys.exit("DAFTAR_TEST_PG_URL is not set (./dev.sh bench starts PostgreSQL)")
    from sqlalchemy import func, select

    from central import schema as t
    from tests.central_rig import central_cli

    url = fresh_database(base)
    assert central_cli(url, "init").returncode == 0
    central = admin(url)
    sheet_id = seed(central, args.graduates)
    token = central.add_reviewer("p", "کارشناس استان", Role.PROVINCE, "تهران", None)
    reviewer = central.reviewer_by_token(token)
    start = time.perf_counter()
    central.decide_sheets(reviewer, [sheet_id], True, None)
    took = time.perf_counter() - start
    with central.engine.connect() as conn:
        replaced = conn.execute(select(func.count()).select_from(t.repair)
                                .where(t.repair.c.replaced)).scalar()
        revoked = conn.execute(select(func.count()).select_from(t.document)
                               .where(t.document.c.revoked_at.is_not(None))).scalar()
        told = conn.execute(select(func.count()).select_from(t.update_feed)
                            .where(t.update_feed.c.kind == "repair")).scalar()
    n = args.graduates
    assert replaced == told == revoked == n // 2 + n % 2, (replaced, told, revoked)
    print(f"repair sheet of {n} graduates approved by the province: {took:.2f} s "
          f"({n / took:.0f} graduates/s, {1000 * took / n:.2f} ms each); "
          f"{replaced} grades replaced, {revoked} certificates revoked, "
          f"{n - replaced} kept (lower)")
    central.engine.dispose()


if __name__ == "__main__":
    main()
