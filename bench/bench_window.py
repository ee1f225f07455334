"""Window benchmark: cold start, opening a class sheet, one edit, a 1,000-student import.

Prints its figures; ``./dev.sh bench`` runs it after the foundation benchmark.
Runs offscreen (QT_QPA_PLATFORM=offscreen) unless a display is set.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1200, 760); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def cold(cmd: list[str], env: dict[str, str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_fonts, install_translators
    from desktop.domain.calendar import SessionKind
    from desktop.domain.identity import make_national_code
    from desktop.models.db import open_database
    from desktop.services.demo import build_demo
    from desktop.services.school import find_class, list_courses
    from desktop.services.workbook import apply_students, plan_students, student_template
    from desktop.views.main_window import MainWindow

    work = Path(tempfile.mkdtemp(prefix="daftar-bench-window-"))
    demo = work / "demo.sqlite"
    db = open_database(demo)
    build_demo(db, year=1405)
    db.dispose()

    # Signs in from the environment (the argon2id check is part of the measured start).
    env = {**os.environ, "DAFTAR_EXIT_WHEN_READY": "1", "DAFTAR_BENCH_USER": "principal",
           "DAFTAR_PASSWORD": "daftar"}
    daftar = cold([sys.executable, "-m", "desktop", "--db", str(demo)], env)
    bare = cold([sys.executable, "-c", BARE], env)
    print(f"cold start to a shown main window on the demo school: {daftar * 1000:.0f} ms; "
          f"bare PySide6 window: {bare * 1000:.0f} ms; ratio {daftar / bare:.2f} "
          f"(median of 5, whole process)")

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    install_translators(app, "fa")
    db = open_database(demo)
    w = MainWindow(db)
    w.show()
    klass = find_class(db, "دهم ریاضی")
    w.select_class(klass.id)
    courses = list_courses(db, klass.id)
    times = []
    for course in courses:
        start = time.perf_counter()
        w.grades.select(SessionKind.KHORDAD, course.id)
        app.processEvents()
        times.append(time.perf_counter() - start)
    physics = next(c for c in courses if c.code == "10-math-physics1")
    w.grades.select(SessionKind.KHORDAD, physics.id)
    model = w.grades.model
    assert model is not None and model.rowCount() == 40
    print(f"open a class sheet ({model.rowCount()} students, one of {len(courses)} courses, "
          f"both terms' columns): median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")

    column = next(c for c in range(model.columnCount())
                  if model.component_at(c) is not None and model.component_at(c).code == "f2")
    values = ["18", "18.25", "18.5", "18.75"]
    n = 100
    start = time.perf_counter()
    for i in range(n):
        assert model.setData(model.index(i % 40, column), values[i % 4])
    app.processEvents()
    each = (time.perf_counter() - start) / n
    print(f"one accepted edit through the grid model (checked, written, audited, "
          f"result recomputed): {each * 1000:.2f} ms (mean of {n})")
    w.close()
    db.dispose()

    # 1,000 new students from a workbook, into a copy of the demo school
    target = work / "import.sqlite"
    shutil.copy(demo, target)
    book = student_template(work / "students.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(book)
    classes = ["دهم ریاضی", "دهم تجربی", "یازدهم ریاضی", "نهم الف", None]
    for i in range(1000):
        wb.active.append([make_national_code(f"{800000000 + i:09d}"), None, None, "فاطمه",
                          f"حسین‌زاده {i}", "علی", "دختر", "1389/05/12", "تهران", None, None,
                          classes[i % len(classes)]])
    wb.save(book)
    db = open_database(target)
    start = time.perf_counter()
    plan = plan_students(db, book, 1405)
    planned = time.perf_counter() - start
    start = time.perf_counter()
    done = apply_students(db, plan)
    applied = time.perf_counter() - start
    assert done["add"] == 1000
    print(f"import a 1,000-student workbook: dry run {planned * 1000:.0f} ms, apply "
          f"{applied * 1000:.0f} ms (one transaction, 1,000 students + 800 enrolments + "
          f"audit events)")
    db.dispose()


if __name__ == "__main__":
    main()
