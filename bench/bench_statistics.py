"""Statistics benchmark (issue 16): the whole school's figures for the demo school through
the service, computed (the cache emptied) and again while the data is unchanged (the audit
head the same); the Statistics page opened in the main window (offscreen), after the
window's start has computed the school's figures on its worker thread, and without that;
the council's PDF.

  python bench/bench_statistics.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics as stats
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from desktop.domain.calendar import SessionKind
    from desktop.models.db import open_database
    from desktop.printing.statistics import statistics_pdf
    from desktop.services import statistics
    from desktop.services.demo import build_demo
    from desktop.services.school import current_year

    db = open_database(Path(tempfile.mkdtemp(prefix="daftar-bench-stats-")) / "demo.sqlite")
    build_demo(db)
    year = current_year(db)
    statistics.school_report(db, year, SessionKind.KHORDAD)  # the process's first queries
    cold, warm, pdf = [], [], []
    for _ in range(args.runs):
        statistics.forget()
        t = time.perf_counter()
        report = statistics.school_report(db, year, SessionKind.KHORDAD)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        statistics.school_report(db, year, SessionKind.KHORDAD)
        warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        statistics_pdf(report, year, io.BytesIO())
        pdf.append(time.perf_counter() - t)
    f = report.figures[0]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; demo school: "
          f"{len(report.parts)} grade levels, {f.enrolled} secondary students, "
          f"{report.figures[-1].enrolled} primary course results; medians of {args.runs}")
    print(f"whole school, Khordad beside Dey, through the service: computed "
          f"{stats.median(cold) * 1000:.0f} ms, unchanged data {stats.median(warm) * 1000:.1f} ms")
    print(f"the council's PDF of it: {stats.median(pdf) * 1000:.0f} ms")

    from PySide6.QtWidgets import QApplication

    from desktop.app import install_fonts, install_translators
    from desktop.services.auth import login
    from desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)
    install_translators(app, "fa")
    actor = login(db, "principal", "daftar")
    for computed in (True, False):
        times = []
        for _ in range(args.runs):
            statistics.forget()
            if computed:
                statistics.warm(db, year)
            window = MainWindow(db, actor)
            window.show()
            app.processEvents()
            t = time.perf_counter()
            window.tabs.setCurrentWidget(window.statistics)
            while window.statistics.page is None or window.statistics.page.report is None:
                app.processEvents()
            app.processEvents()
            times.append(time.perf_counter() - t)
            window.close()
            window.deleteLater()
            app.processEvents()
        label = "figures computed at start" if computed else "figures computed on opening"
        print(f"the Statistics page opened ({label}): {stats.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
