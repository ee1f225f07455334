"""Foundation benchmark: demo school creation and reading grades through the services.

Prints its figures; run with ``./dev.sh bench`` or ``python bench/bench_foundation.py``.
Each figure is the median of several runs on a fresh copy of a real SQLite file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.domain.calendar import SessionKind  # noqa: E402
from desktop.models.db import open_database  # noqa: E402
from desktop.services.class_grades import read_class  # noqa: E402
from desktop.services.demo import build_demo  # noqa: E402
from desktop.services.grades import open_sheet, read_sheet, write_grade  # noqa: E402
from desktop.services.school import find_class, list_classes, list_courses  # noqa: E402
from desktop.services.students import search_students  # noqa: E402


def timed(fn, repeat: int = 7) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-"))
    demo_times = []
    for i in range(3):
        path = work / f"demo{i}.sqlite"
        start = time.perf_counter()
        db = open_database(path)
        summary = build_demo(db, year=1405)
        demo_times.append(time.perf_counter() - start)
        db.dispose()
    print(f"demo school: {summary.students} students, {summary.grades} grade cells, "
          f"{summary.sheets} sheets; created in {statistics.median(demo_times) * 1000:.0f} ms "
          f"(median of 3, migrations included)")

    db = open_database(work / "demo0.sqlite")
    klass = find_class(db, "دهم ریاضی")
    courses = list_courses(db, klass.id)
    assert len(courses) == 15 and klass.students == 40

    t, results = timed(lambda: read_class(db, klass.id))
    cells = sum(len(r.rows) for r in results)  # type: ignore[union-attr]
    print(f"one class ({klass.students} x {len(courses)}), read_class: {t * 1000:.1f} ms "
          f"for {cells} course results (both terms' cells, computed)")

    sheet_ids = [open_sheet(db, klass.id, c.id, SessionKind.KHORDAD) for c in courses]
    t, _ = timed(lambda: [read_sheet(db, s) for s in sheet_ids])
    print(f"one class, the 15 Khordad sheets one by one (read_sheet): {t * 1000:.1f} ms, "
          f"{t / 15 * 1000:.1f} ms a sheet")

    classes = list_classes(db, 1405)
    t, all_results = timed(lambda: [read_class(db, c.id) for c in classes], repeat=5)
    total = sum(len(r.rows) for rs in all_results for r in rs)  # type: ignore[union-attr]
    print(f"whole school ({len(classes)} classes, {sum(c.students for c in classes)} students): "
          f"{t * 1000:.0f} ms for {total} course results")

    t, found = timed(lambda: search_students(db, "علي پور"))
    print(f"search a name among 1000 students: {t * 1000:.1f} ms ({len(found)} found)")  # type: ignore[arg-type]

    sheet = read_sheet(db, sheet_ids[1])
    student = sheet.rows[0].student_id
    values = ["18", "18.25", "18.5", "18.75"]
    n = 40
    start = time.perf_counter()
    for i in range(n):
        write_grade(db, sheet.sheet_id, student, "c2", values[i % 4])
    t = (time.perf_counter() - start) / n
    print(f"one accepted grade edit, committed with its audit event (synchronous=FULL): "
          f"{t * 1000:.2f} ms (mean of {n})")
    db.dispose()


if __name__ == "__main__":
    main()
