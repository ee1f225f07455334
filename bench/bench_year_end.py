"""Year-end benchmark: the demo school's year closed and the next one opened.

In a fresh SQLite file the demo school (N students, grades 1-12): every Khordad sheet
moved through the school's approvals (clerk, deputy, principal), the year closed (each
student's outcome), the re-sitters' Shahrivar sheets written (a pass for every re-sat
course but the first re-sitter's, who repeats) and approved, the re-sits settled, and the
next year opened from the proposed classes.  Printed: each step's time and what it did.

  python bench/bench_year_end.py [--students 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _approve(db, sheets, actors) -> None:  # type: ignore[no-untyped-def]
    from desktop.domain.workflow import Action

    for action, actor in zip((Action.SUBMIT, Action.REVIEW, Action.APPROVE), actors,
                             strict=True):
        for i in range(0, len(sheets), 200):
            from desktop.services import approvals

            approvals.move(db, sheets[i:i + 200], action, actor)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1000)
    args = parser.parse_args()

    from sqlalchemy import select

    from desktop.domain.calendar import SessionKind
    from desktop.domain.workflow import Role, SheetState
    from desktop.models.db import open_database
    from desktop.models.entities import AcademicYear, ExamSession, GradeSheet
    from desktop.services import next_year, year_end
    from desktop.services.context import PRINCIPAL_ACTOR, Actor
    from desktop.services.demo import build_demo
    from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grades
    from desktop.services.school import current_year

    folder = Path(tempfile.mkdtemp(prefix="daftar-bench-year-"))
    db = open_database(folder / "school.sqlite")
    build_demo(db, students=args.students)
    year = current_year(db)
    actors = (Actor("clerk", "دفتردار", Role.CLERK), Actor("deputy", "معاون", Role.DEPUTY),
              PRINCIPAL_ACTOR)
    with db.unit() as s:
        drafts = list(s.scalars(
            select(GradeSheet.id).join(ExamSession).join(AcademicYear)
            .where(AcademicYear.start_year == year, ExamSession.kind == SessionKind.KHORDAD,
                   GradeSheet.state == SheetState.DRAFT)))
    started = time.perf_counter()
    _approve(db, drafts, actors)
    approve_s = time.perf_counter() - started

    started = time.perf_counter()
    state = year_end.close_year(db, PRINCIPAL_ACTOR, year)
    close_s = time.perf_counter() - started
    resits = [o for o in state.outcomes if o.outcome.value == "resit"]

    started = time.perf_counter()
    sheets = []
    for i, o in enumerate(resits):
        for course in sorted(set(o.courses)):
            from desktop.services.school import find_course

            course_id = find_course(db, course, o.class_id).id
            sheet = open_sheet(db, o.class_id, course_id, SessionKind.SHAHRIVAR)
            data = read_sheet(db, sheet)
            value = "1" if i == 0 else ("4" if data.descriptive else "15")
            write_grades(db, sheet, [CellEdit(o.student_id, c.code, value)
                                     for c in data.columns if c.editable], PRINCIPAL_ACTOR)
            sheets.append(sheet)
    sheets = sorted(set(sheets))
    _approve(db, sheets, actors)
    summer_s = time.perf_counter() - started

    started = time.perf_counter()
    settled = year_end.settle_resits(db, PRINCIPAL_ACTOR, year) if resits else state
    settle_s = time.perf_counter() - started
    started = time.perf_counter()
    opened = next_year.open_next_year(db, PRINCIPAL_ACTOR, year)
    open_s = time.perf_counter() - started

    counts = ", ".join(f"{o.value} {settled.count(o)}" for o in type(resits[0].outcome)
                       if settled.count(o)) if resits else ""
    print(f"{len(state.outcomes)} students: Khordad approvals of {len(drafts)} sheets "
          f"{approve_s:.2f} s")
    print(f"close year {close_s:.2f} s ({len(resits)} to Shahrivar)")
    print(f"Shahrivar: {len(sheets)} sheets written and approved {summer_s:.2f} s; "
          f"settled {settle_s:.2f} s ({counts})")
    print(f"open next year {open_s:.2f} s: {len(opened.classes)} classes, {opened.promoted} "
          f"promoted, {opened.repeating} repeating, {opened.teaching} teaching carried, "
          f"{len(opened.not_placed)} classes' promoted not placed")
    print(f"close and open: {close_s + settle_s + open_s:.2f} s")


if __name__ == "__main__":
    main()
