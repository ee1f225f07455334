"""A class's grades read at once: every course's results for its members (report cards,
lists, statistics) with the cells a member brought from the class they moved from, and
every stored cell in long form for the CSV export.  Sheets one by one are :mod:`.grades`.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from sqlalchemy import select

from ..domain.calendar import SessionKind
from ..domain.errors import NotFound
from ..domain.grading import (
    DEFAULT_POLICY,
    CourseOutcome,
    Entry,
    GradingPolicy,
)
from ..domain.text import collation_key
from ..models.db import Database
from ..models.entities import (
    ClassGroup,
    Course,
    ExamSession,
    Grade,
    GradeLevel,
    GradeSheet,
    Student,
)
from .carried import carried_cells
from .enrollment import carried_cells_filter, members, own_sheet_last
from .grades import CELL_COLUMNS, audit_text, cell_entry


@dataclass(frozen=True)
class GradeRow:
    """One stored cell in long form, for listing and CSV export."""

    national_code: str | None
    foreign_id: str | None
    last_name: str
    first_name: str
    class_name: str
    course_code: str
    course_name: str
    session: SessionKind
    component: str
    entry: Entry


def class_grades(db: Database, class_id: int, session: SessionKind | None = None,
                 course_id: int | None = None) -> list[GradeRow]:
    """Every stored cell of one class (optionally one session or course), in long form."""
    q = (select(Student.national_code, Student.foreign_id_value, Student.last_name,
                Student.first_name, ClassGroup.name, Course.code, Course.name, ExamSession.kind,
                Grade.component, Grade.value_centi, Grade.level, Grade.mark)
         .join(Grade, Grade.student_id == Student.id)
         .join(GradeSheet, Grade.sheet_id == GradeSheet.id)
         .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
         .join(Course, GradeSheet.course_id == Course.id)
         .join(ExamSession, GradeSheet.session_id == ExamSession.id)
         .where(GradeSheet.class_id == class_id)
         .order_by(Student.id, Course.id, ExamSession.id, Grade.component))
    if session is not None:
        q = q.where(ExamSession.kind == session)
    if course_id is not None:
        q = q.where(GradeSheet.course_id == course_id)
    with db.unit() as s:
        rows = [GradeRow(*head, component, cell_entry(value, descriptive, mark))
                for *head, component, value, descriptive, mark in s.execute(q)]
    # Stable sort: keeps course and session order within each student.
    return sorted(rows, key=lambda r: (collation_key(r.last_name), collation_key(r.first_name),
                                       r.national_code or r.foreign_id or ""))


@dataclass(frozen=True)
class ClassCourseResult:
    course_id: int
    course_name: str
    units: int
    rows: dict[int, CourseOutcome]  # student id -> result
    absent: frozenset[int] = frozenset()  # missed the session's exam (scheme.absent)


def read_class(db: Database, class_id: int, session: SessionKind = SessionKind.KHORDAD,
               policy: GradingPolicy = DEFAULT_POLICY) -> list[ClassCourseResult]:
    """Every course's results for a whole class in one read (report cards, averages)."""
    return read_class_sessions(db, class_id, (session,), policy)[session]


def read_class_sessions(db: Database, class_id: int, sessions: Sequence[SessionKind],
                        policy: GradingPolicy = DEFAULT_POLICY
                        ) -> dict[SessionKind, list[ClassCourseResult]]:
    """:func:`read_class` for several sessions from one read of the class's cells (the
    statistics compare a session with the one before)."""
    with db.unit() as s:
        klass = s.get(ClassGroup, class_id)
        if klass is None:
            raise NotFound("not_found", what="کلاس", value=class_id)
        grade_level = s.scalar(select(GradeLevel.number)
                               .where(GradeLevel.id == klass.grade_level_id))
        assert grade_level is not None
        student_ids = list(s.scalars(members(class_id)))
        # its own sheets, and what a member moved in was given in the class they left;
        # members only (not those who left it), its own cell last so that it wins
        q = (select(GradeSheet.course_id, *CELL_COLUMNS)
             .join(Grade, Grade.sheet_id == GradeSheet.id)
             .join(ExamSession, GradeSheet.session_id == ExamSession.id)
             .where(carried_cells_filter(s, class_id, klass.year_id),
                    ExamSession.year_id == klass.year_id,
                    Grade.student_id.in_(members(class_id)))
             .order_by(own_sheet_last(class_id)))
        cells: dict[int, dict[int, dict[str, Entry]]] = defaultdict(lambda: defaultdict(dict))
        # plain rows (Core, not the ORM's loading): a class's year is ~3,000 cells
        for course_id, student_id, component, value, descriptive, mark in \
                s.connection().execute(q):
            cells[course_id][student_id][component] = cell_entry(value, descriptive, mark)
        # what members brought from the school they transferred from: under their own cells
        for course_id, by_student in carried_cells(s, class_id).items():
            for student_id, brought in by_student.items():
                for component, entry in brought.items():
                    cells[course_id][student_id].setdefault(component, entry)  # type: ignore[arg-type]
        courses = s.scalars(select(Course).where(Course.id.in_(list(cells)))
                            .order_by(Course.id)).all()
        out: dict[SessionKind, list[ClassCourseResult]] = {k: [] for k in sessions}
        empty: dict[str, Entry] = {}
        for course in courses:
            scheme = policy.scheme_for(grade_level, course.has_final, course.national_exam,
                                       course.exam_only)
            by_student = cells[course.id]
            for session in sessions:
                out[session].append(ClassCourseResult(course.id, course.name, course.units, {
                    sid: scheme.session_grade(session, by_student.get(sid, empty))
                    for sid in student_ids
                }, frozenset(sid for sid in student_ids
                             if scheme.absent(session, by_student.get(sid, empty)))))
        return out


CSV_HEADER = ["national_code", "foreign_id", "last_name", "first_name", "class", "course_code",
              "course", "session", "component", "value"]


def write_csv(rows: Iterable[GradeRow], out: IO[str]) -> int:
    """Long-form CSV (UTF-8, ASCII digits, one cell a line).  Returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    n = 0
    for r in rows:
        writer.writerow([r.national_code or "", r.foreign_id or "", r.last_name, r.first_name,
                         r.class_name, r.course_code, r.course_name, r.session.value, r.component,
                         audit_text(r.entry) or ""])
        n += 1
    return n
