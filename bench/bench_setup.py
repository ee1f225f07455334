"""Setup benchmark: a real (non-demo) school from nothing, as its office would make it.

In a fresh SQLite file: the school and its principal, grades 10, 11 and 12 opened in the
math and science tracks with two classes each (``services.setup``, the Setup page's and
``daftar setup``'s path), then N students from a workbook that names those classes and two
more that the import makes (the dry run, then the import in one transaction).  Printed:
each step's time, and the size of the curriculum data shipped.

  python bench/bench_setup.py [--students 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def workbook(path: Path, classes: list[str], students: int) -> None:
    from openpyxl import Workbook

    from desktop.domain.curriculum import class_of_name, curriculum_for
    from desktop.domain.identity import make_national_code

    wb = Workbook()
    ws = wb.active
    ws.append(["کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "محل تولد",
               "کلاس"])
    for i in range(students):
        klass = classes[i % len(classes)]
        grade = class_of_name(klass, curriculum_for(1405))[0]
        ws.append([make_national_code(f"{200_000_000 + i:09d}"), "زهرا", f"کریمی {i}", "حسن",
                   "دختر", f"{1405 - grade - 6}/0{1 + i % 6}/{1 + i % 28:02d}", "قم", klass])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1000)
    args = parser.parse_args()

    from desktop.domain.curriculum import versions
    from desktop.domain.workflow import Role
    from desktop.models.db import open_database
    from desktop.services import auth, setup
    from desktop.services import workbook as books
    from desktop.services.context import PRINCIPAL_ACTOR
    from desktop.services.school import create_school, list_classes

    folder = Path(tempfile.mkdtemp(prefix="daftar-bench-setup-"))
    db = open_database(folder / "school.sqlite")
    started = time.perf_counter()
    create_school(db, "29153406", "دبیرستان نمونه", "ناحیه ۲ قم", "قم", ["upper_secondary"],
                  year=1405)
    auth.create_user(db, "principal", "مدیر", Role.PRINCIPAL, "secret-1", PRINCIPAL_ACTOR,
                     first=True)
    principal = auth.login(db, "principal", "secret-1")
    school_s = time.perf_counter() - started

    started = time.perf_counter()
    for grade in (10, 11, 12):
        for track in ("math", "science"):
            setup.make_classes(db, principal, grade, track, count=2)
    classes_s = time.perf_counter() - started
    names = [c.name for c in list_classes(db)] + ["دهم ریاضی ۳", "دوازدهم تجربی ۳"]

    book = folder / "students.xlsx"
    workbook(book, names, args.students)
    started = time.perf_counter()
    plan = books.plan_students(db, book, 1405)
    plan_s = time.perf_counter() - started
    assert plan.refused == 0, [r.details for r in plan.rows if r.details][:3]
    started = time.perf_counter()
    books.apply_students(db, plan, principal)
    apply_s = time.perf_counter() - started
    classes = list_classes(db)
    assert len(classes) == 14 and sum(c.students for c in classes) == args.students

    shipped = sorted((ROOT / "desktop" / "domain" / "curricula").glob("*.json"))
    courses = sum(len(v.courses(g, t)) for v in versions() for g, t in v.offered())
    print(f"school and principal: {school_s:.2f} s")
    print(f"12 classes of grades 10-12, math and science, their courses from the curriculum: "
          f"{classes_s:.2f} s")
    print(f"{args.students} students from a workbook naming 14 classes (2 made by it): "
          f"dry run {plan_s:.2f} s, import {apply_s:.2f} s "
          f"({args.students / (plan_s + apply_s):.0f} students/s)")
    print(f"setting up the school: {school_s + classes_s + plan_s + apply_s:.2f} s in all")
    print(f"curriculum data: {len(shipped)} version(s), {sum(p.stat().st_size for p in shipped)} "
          f"bytes, {len(versions()[0].offered())} grade-track tables, {courses} courses")
    db.dispose()


if __name__ == "__main__":
    main()
