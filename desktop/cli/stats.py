"""``daftar stats``: the statistics of a class, a course of a class, a grade level or the
school, for a session, beside the session before.

  daftar stats [--class NAME [--course CODE|NAME]] [--level N] [--session KHORDAD]
               [--year Y] [--csv FILE|-] [--pdf FILE] [--xlsx FILE]

Without --class or --level: the whole school.  The figures are those of the window's
Statistics page (``services.statistics``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain.calendar import SessionKind
from .common import Output, open_db


def cmd_stats(args: argparse.Namespace, out: Output) -> int:
    from ..domain.statistics import table_rows
    from ..domain.text import to_ascii_digits
    from ..services import statistics
    from ..services.school import current_year, find_class, find_course

    db = open_db(args)
    year = args.year or current_year(db)
    session = SessionKind(args.session)
    if args.klass:
        klass = find_class(db, args.klass, year)
        if args.course:
            course = find_course(db, args.course, klass.id)
            report = statistics.course_report(db, klass.id, course.id, session)
        else:
            report = statistics.class_report(db, klass.id, session)
    elif args.level:
        report = statistics.level_report(db, year, args.level, session)
    else:
        report = statistics.school_report(db, year, session)
    if args.pdf:
        from ..printing.statistics import statistics_pdf

        with open(args.pdf, "wb") as fh:
            statistics_pdf(report, year, fh)
    if args.xlsx:
        from ..services.statistics_export import write_xlsx

        write_xlsx(report, year, args.xlsx)
    if args.csv:
        from ..services.statistics_export import write_csv

        if args.csv == "-":
            write_csv(report, sys.stdout)
        else:
            with open(args.csv, "w", encoding="utf-8", newline="") as fh:
                write_csv(report, fh)
        return 0
    out.line(f"{report.title} — {session.label_fa} {out.num(year)}",
             f"{report.title} — {session.value} {year}")
    before = {f.descriptive: f for f in report.previous}
    for f, ch in zip(report.figures, report.changes, strict=True):
        for name, now, was, moved in table_rows(f, before.get(f.descriptive), ch):
            text = f"  {name}: {now}" + (f" (پیشین: {was}" + (f"، {moved}" if moved else "")
                                         + ")" if was not in ("—", "") else "")
            out.line(text, to_ascii_digits(text))
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("stats", help="statistics of a class, a course, a grade level or the "
                       "school for a session, beside the session before")
    s.add_argument("--class", dest="klass", metavar="NAME")
    s.add_argument("--course", metavar="CODE|NAME", help="with --class: one course of it")
    s.add_argument("--level", type=int, metavar="N", help="a grade level (1-12)")
    s.add_argument("--session", choices=[k.value for k in SessionKind], default="KHORDAD")
    s.add_argument("--year", type=int)
    s.add_argument("--csv", metavar="FILE", help="the tables as CSV to FILE ('-': stdout)")
    s.add_argument("--pdf", metavar="FILE", help="the council's report")
    s.add_argument("--xlsx", metavar="FILE", help="the tables as an Excel workbook")
    s.set_defaults(func=cmd_stats)
