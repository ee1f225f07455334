"""Grade sheets: open, read with computed results, write cells (a class's grades read at
once and the long-form export: :mod:`.class_grades`).

A sheet is one class x course x session.  Its grid shows the components of its
own session as editable and, for Khordad, the Dey components read-only beside
them, with the result the policy computes (term, annual or summer grade and
pass/fail).  Each accepted cell is its own transaction with its audit event,
so nothing typed is lost if the program is killed a second later.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import jdatetime
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calendar import (
    SessionKind,
    format_jalali,
    lock_instant,
    school_year_label,
    to_jalali,
)
from ..domain.errors import CellError, NotFound, ValidationError, WorkflowError
from ..domain.grading import (
    DEFAULT_POLICY,
    CourseOutcome,
    Descriptive,
    Entry,
    GradingPolicy,
    Mark,
    Scheme,
    from_centi,
    stored_text,
    to_centi,
)
from ..domain.text import collation_key
from ..domain.workflow import EDITOR_ROLES, SheetState, edit_refusal
from ..domain.year_end import ClosingStage
from ..models.base import utcnow
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    Course,
    Enrollment,
    ExamSession,
    Grade,
    GradeLevel,
    GradeSheet,
    Student,
)
from . import audit, live
from .auth import teaches
from .carried import carried_cells
from .clock import trusted_now
from .context import DEFAULT_ACTOR, Actor
from .enrollment import departures
from .resits import candidates


@dataclass(frozen=True)
class ColumnInfo:
    code: str
    label: str
    session: SessionKind
    editable: bool


@dataclass(frozen=True)
class SheetRow:
    student_id: int
    national_code: str | None
    first_name: str
    last_name: str
    cells: dict[str, Entry]
    outcome: CourseOutcome
    left_on: jdatetime.date | None = None  # gone from the class: shown, not edited
    moved_to: str | None = None            # ... to this class of the same year

    @property
    def editable(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True)
class SheetData:
    sheet_id: int
    class_id: int
    class_name: str
    course_id: int
    course_name: str
    units: int
    national_exam: bool
    grade_level: int
    year: int
    session: SessionKind
    state: SheetState
    last_reason: str | None
    descriptive: bool
    columns: tuple[ColumnInfo, ...]
    rows: tuple[SheetRow, ...]
    deadline: jdatetime.date | None = None
    lock_reason: str | None = None  # why the reader may not edit it now (Persian)

    @property
    def editable(self) -> bool:
        return self.lock_reason is None

    @property
    def average(self) -> Decimal | None:
        """The class average of the sheet's result column (numeric courses only)."""
        grades = [r.outcome.grade for r in self.rows if r.outcome.grade is not None]
        if self.descriptive or not grades:
            return None
        return (sum(grades) / len(grades)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CellResult:
    """What one accepted edit changed: the stored cell and the student's new result."""

    student_id: int
    component: str
    entry: Entry
    outcome: CourseOutcome


def cell_entry(value_centi: int | None, level: int | None, mark: str | None) -> Entry:
    """A stored cell's value: hundredths, a descriptive level or a mark."""
    if value_centi is not None:
        return from_centi(value_centi)
    if level is not None:
        return Descriptive(level)
    return Mark(mark) if mark else None


def _entry(g: Grade) -> Entry:
    return cell_entry(g.value_centi, g.level, g.mark)


# Plain columns: reading a whole school must not build 40,000 ORM objects.
CELL_COLUMNS = (Grade.student_id, Grade.component, Grade.value_centi, Grade.level, Grade.mark)


def _name_order(last: str, first: str, ident: int) -> tuple[object, ...]:
    return (collation_key(last), collation_key(first), ident)


def _columns_for(scheme: Scheme, session: SessionKind) -> tuple[ColumnInfo, ...]:
    shown: list[ColumnInfo] = []
    if session is SessionKind.KHORDAD:
        shown += [ColumnInfo(c.code, c.label_fa, c.session, False)
                  for c in scheme.components_for(SessionKind.DEY)]
    shown += [ColumnInfo(c.code, c.label_fa, c.session, True)
              for c in scheme.components_for(session)]
    return tuple(shown)


@dataclass(frozen=True)
class SheetContext:
    sheet: GradeSheet
    klass: ClassGroup
    course: Course
    session_kind: SessionKind
    year_id: int
    year: int
    level: int
    scheme: Scheme
    deadline: jdatetime.date

    def refusal(self, s: Session, db: Database, actor: Actor,
                record: bool = True) -> WorkflowError | None:
        """Why ``actor`` may not change grades on this sheet now (domain rule), or None."""
        now = trusted_now(s, db, record=record)
        return edit_refusal(
            self.sheet.state, actor.role, locked=now >= lock_instant(self.deadline),
            deadline_text=format_jalali(self.deadline), session_text=self.session_kind.label_fa,
            assigned=teaches(s, actor, self.klass.id, self.course.id),
            closed_year=closed_sheets(s, [self.sheet.id]).get(self.sheet.id))


def closed_sheets(s: Session, sheet_ids: Iterable[int]) -> dict[int, str]:
    """Sheet id -> its school year's label, for the sheets whose session the year's closing
    decided (:class:`desktop.domain.year_end.ClosingStage`): they take no grade, and the
    office sends none back."""
    return {sid: school_year_label(start) for sid, kind, stage, start in s.execute(
        select(GradeSheet.id, ExamSession.kind, AcademicYear.closed, AcademicYear.start_year)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
        .where(GradeSheet.id.in_(list(sheet_ids)), AcademicYear.closed.is_not(None)))
        if ClosingStage(stage).locks(kind)}


def sheet_context(s: Session, sheet_id: int, policy: GradingPolicy) -> SheetContext:
    row = s.execute(
        select(GradeSheet, ClassGroup, Course, ExamSession.kind, AcademicYear.id,
               AcademicYear.start_year, GradeLevel.number, ExamSession.deadline)
        .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
        .join(Course, GradeSheet.course_id == Course.id)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
        .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
        .where(GradeSheet.id == sheet_id)
    ).first()
    if row is None:
        raise NotFound("not_found", what="برگه نمره", value=sheet_id)
    sheet, klass, course, kind, year_id, year, level, deadline = row
    scheme = policy.scheme_for(level, course.has_final, course.national_exam,
                              course.exam_only)
    return SheetContext(sheet, klass, course, kind, year_id, year, level, scheme,
                         jdatetime.date.fromgregorian(date=deadline))


def stored_entries(s: Session, class_id: int, course_id: int, year_id: int,
             student_ids: Iterable[int] | None = None) -> dict[int, dict[str, Entry]]:
    """Every component of one course for a class's students, across the year's sessions."""
    q = (select(*CELL_COLUMNS).join(GradeSheet, Grade.sheet_id == GradeSheet.id)
         .join(ExamSession, GradeSheet.session_id == ExamSession.id)
         .where(GradeSheet.class_id == class_id, GradeSheet.course_id == course_id,
                ExamSession.year_id == year_id))
    if student_ids is not None:
        q = q.where(Grade.student_id.in_(list(student_ids)))
    out: dict[int, dict[str, Entry]] = defaultdict(dict)
    for student_id, component, value, level, mark in s.execute(q):
        out[student_id][component] = cell_entry(value, level, mark)
    # what a student brought from the school they transferred from (never over a cell here)
    for student_id, cells in carried_cells(s, class_id, student_ids).get(course_id, {}).items():
        for component, entry in cells.items():
            out[student_id].setdefault(component, entry)  # type: ignore[arg-type]
    return out


def open_sheet(db: Database, class_id: int, course_id: int, session: SessionKind) -> int:
    """The sheet for class x course x session of the class's year, created in draft if new."""
    with db.unit() as s:
        return open_sheet_in(s, class_id, course_id, session)


def open_sheet_in(s: Session, class_id: int, course_id: int, session: SessionKind) -> int:
    """:func:`open_sheet` inside the caller's transaction."""
    klass = s.get(ClassGroup, class_id)
    if klass is None:
        raise NotFound("not_found", what="کلاس", value=class_id)
    if s.get(Course, course_id) is None:
        raise NotFound("not_found", what="درس", value=course_id)
    session_id = s.scalar(select(ExamSession.id).where(
        ExamSession.year_id == klass.year_id, ExamSession.kind == session))
    if session_id is None:
        raise NotFound("not_found", what="نوبت", value=session.label_fa)
    sheet_id = s.scalar(select(GradeSheet.id).where(
        GradeSheet.class_id == class_id, GradeSheet.course_id == course_id,
        GradeSheet.session_id == session_id))
    if sheet_id is None:
        sheet = GradeSheet(class_id=class_id, course_id=course_id, session_id=session_id,
                           state=SheetState.DRAFT)
        s.add(sheet)
        s.flush()
        sheet_id = sheet.id
    return sheet_id


def read_sheet(db: Database, sheet_id: int, policy: GradingPolicy = DEFAULT_POLICY,
               actor: Actor = DEFAULT_ACTOR) -> SheetData:
    """The sheet as ``actor`` sees it: ``lock_reason`` says why they may not edit it."""
    with db.unit() as s:
        ctx = sheet_context(s, sheet_id, policy)
        refusal = ctx.refusal(s, db, actor, record=False)
        students = s.execute(
            select(Student.id, Student.national_code, Student.first_name, Student.last_name)
            .join(Enrollment, Enrollment.student_id == Student.id)
            .where(Enrollment.class_id == ctx.klass.id).distinct()
        ).all()
        gone = departures(s, ctx.klass.id)
        if ctx.session_kind is SessionKind.SHAHRIVAR:  # its re-sitters only
            sitting = candidates(s, ctx.klass.id, ctx.course.id)
            students = [r for r in students if r.id in sitting]
        # the class's members in name order, then those who left it (their grades kept)
        students = sorted(students, key=lambda r: (
            r.id in gone, _name_order(r.last_name, r.first_name, r.id)))
        entries = stored_entries(s, ctx.klass.id, ctx.course.id, ctx.year_id)
        rows = tuple(
            SheetRow(sid, code, first, last, entries.get(sid, {}),
                     ctx.scheme.session_grade(ctx.session_kind, entries.get(sid, {})),
                     to_jalali(gone[sid][0]) if sid in gone else None,
                     gone[sid][1] if sid in gone else None)
            for sid, code, first, last in students
        )
        return SheetData(
            sheet_id, ctx.klass.id, ctx.klass.name, ctx.course.id, ctx.course.name,
            ctx.course.units, ctx.course.national_exam, ctx.level, ctx.year, ctx.session_kind,
            ctx.sheet.state, ctx.sheet.last_reason, ctx.scheme.descriptive,
            _columns_for(ctx.scheme, ctx.session_kind), rows, ctx.deadline,
            refusal.message() if refusal else _summer_not_yet(s, ctx),
        )


def _summer_not_yet(s: Session, ctx: SheetContext) -> str | None:
    """A Shahrivar sheet before the year's closing named its re-sitters: why it is empty."""
    if ctx.session_kind is not SessionKind.SHAHRIVAR:
        return None
    closed = s.scalar(select(AcademicYear.closed).where(AcademicYear.id == ctx.year_id))
    return None if closed is not None else ValidationError("sheet.summer_early").message()


def _stored(entry: Entry) -> dict[str, int | str | None]:
    return {
        "value_centi": to_centi(entry) if isinstance(entry, Decimal) else None,
        "level": int(entry) if isinstance(entry, Descriptive) else None,
        "mark": entry.value if isinstance(entry, Mark) else None,
    }


def audit_text(entry: Entry) -> str | None:
    return stored_text(entry)


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED = _Unchecked()  # a CellEdit written whatever the cell holds (imports, scripts)


@dataclass(frozen=True)
class CellEdit:
    """One cell to write: the typed text (any digit form), or None/"" to clear it.

    ``seen`` is what the editor showed in the cell when it was typed over (the grid sets
    it): if the stored value differs, someone else (another office PC) changed it since,
    and the write is refused with ``grade.conflict`` instead of overwriting theirs."""

    student_id: int
    component: str
    typed: str | Decimal | int | Descriptive | Mark | None
    seen: object = UNCHECKED


def write_grade(db: Database, sheet_id: int, student_id: int, component: str,
                typed: str | Decimal | int | Descriptive | Mark | None,
                actor: Actor = DEFAULT_ACTOR, policy: GradingPolicy = DEFAULT_POLICY,
                reason: str | None = None) -> CellResult:
    """Check, store and audit one cell; an empty value clears it.  All or nothing."""
    return write_grades(db, sheet_id, [CellEdit(student_id, component, typed)], actor, policy,
                        reason)[0]


def write_grades(db: Database, sheet_id: int, edits: Sequence[CellEdit],
                 actor: Actor = DEFAULT_ACTOR, policy: GradingPolicy = DEFAULT_POLICY,
                 reason: str | None = None) -> list[CellResult]:
    """Check every cell first, then store and audit them all in one transaction.

    Used for a single typed cell, a pasted block, an undo and a workbook import.  If
    any cell is refused nothing is written; with more than one cell the error names
    the student and the column (:class:`CellError`).
    """
    actor.require(EDITOR_ROLES, "ثبت نمره")
    with db.unit() as s:
        live.lock_sheets(s, [sheet_id])  # another PC writing this sheet waits, then re-reads
        ctx = sheet_context(s, sheet_id, policy)
        refusal = ctx.refusal(s, db, actor)
        if refusal is not None:
            raise refusal
        parsed = check_cells(s, ctx, edits)
        store_cells(s, ctx, parsed, actor, reason)
        touched = {e.student_id for e, _ in parsed}
        entries = stored_entries(s, ctx.klass.id, ctx.course.id, ctx.year_id, touched)
        return [CellResult(e.student_id, e.component, entry,
                           ctx.scheme.session_grade(ctx.session_kind,
                                                    entries.get(e.student_id, {})))
                for e, entry in parsed]


def check_cells(s: Session, ctx: SheetContext,
                edits: Sequence[CellEdit]) -> list[tuple[CellEdit, Entry]]:
    """Every cell checked against the sheet: its session's column, an enrolled student,
    a value the policy accepts.  The first refusal is raised; with several cells it names
    the student and the column (:class:`CellError`).  Nothing is written here."""
    editable = {c.code: c for c in ctx.scheme.components_for(ctx.session_kind)}
    # every row the class ever had, in one read (a cell is written on this path): a
    # student with no live row left the class on the day their latest row ended
    names: dict[int, str] = {}
    live: set[int] = set()
    ended: dict[int, dt.date] = {}
    for sid, first, last, left_on in s.execute(
            select(Student.id, Student.first_name, Student.last_name, Enrollment.left_on)
            .join(Enrollment, Enrollment.student_id == Student.id)
            .where(Enrollment.class_id == ctx.klass.id)):
        names[sid] = f"{first} {last}"
        if left_on is None:
            live.add(sid)
        else:
            ended[sid] = max(left_on, ended.get(sid, left_on))
    gone = {sid: day for sid, day in ended.items() if sid not in live}
    sitting = candidates(s, ctx.klass.id, ctx.course.id) \
        if ctx.session_kind is SessionKind.SHAHRIVAR else None
    brought = carried_cells(s, ctx.klass.id, {e.student_id for e in edits}).get(
        ctx.course.id, {})
    parsed: list[tuple[CellEdit, Entry]] = []
    for edit in edits:
        try:
            if edit.component not in editable:
                raise ValidationError("sheet.component", component=edit.component,
                                      session=ctx.session_kind.label_fa)
            if edit.student_id not in names:
                raise ValidationError("sheet.student")
            if edit.student_id in gone:
                raise ValidationError("sheet.student_left", name=names[edit.student_id],
                                      date=format_jalali(gone[edit.student_id]))
            if edit.component in brought.get(edit.student_id, {}):
                raise ValidationError("sheet.carried", name=names[edit.student_id])
            if sitting is not None and edit.student_id not in sitting:
                raise ValidationError("sheet.not_resit", name=names[edit.student_id],
                                      course=ctx.course.name)
            typed = edit.typed
            entry = typed if isinstance(typed, (Descriptive, Mark)) else ctx.scheme.parse(
                typed)  # type: ignore[arg-type]
        except ValidationError as e:
            if len(edits) == 1:
                raise
            column = editable[edit.component].label_fa if edit.component in editable \
                else edit.component
            raise CellError(e, names.get(edit.student_id, str(edit.student_id)),
                            column) from None
        parsed.append((edit, entry))
    return parsed


def store_cells(s: Session, ctx: SheetContext, parsed: Sequence[tuple[CellEdit, Entry]],
                 actor: Actor, reason: str | None) -> int:
    """Store checked cells and audit each change; returns how many changed."""
    sheet_id = ctx.sheet.id
    existing = {(g.student_id, g.component): g for g in s.scalars(
        select(Grade).where(Grade.sheet_id == sheet_id,
                            Grade.student_id.in_({e.student_id for e, _ in parsed})))}
    changed = 0
    for edit, entry in parsed:
        grade = existing.get((edit.student_id, edit.component))
        old = _entry(grade) if grade is not None else None
        if edit.seen is not UNCHECKED and not (old == edit.seen
                                               and type(old) is type(edit.seen)):
            raise ValidationError("grade.conflict", who=grade.updated_by if grade else "—",
                                  value=audit_text(old) or "خالی")
        if old == entry and type(old) is type(entry):
            continue
        changed += 1
        if entry is None:
            s.delete(grade)
            del existing[(edit.student_id, edit.component)]
        elif grade is None:
            grade = Grade(sheet_id=sheet_id, student_id=edit.student_id,
                          component=edit.component, updated_by=actor.username, **_stored(entry))
            s.add(grade)
            existing[(edit.student_id, edit.component)] = grade
        else:
            for key, value in _stored(entry).items():
                setattr(grade, key, value)
            grade.updated_at = utcnow()
            grade.updated_by = actor.username
        audit.record(s, actor, "grade.set" if entry is not None else "grade.clear", "grade",
                     f"{sheet_id}:{edit.student_id}:{edit.component}",
                     old=audit_text(old), new=audit_text(entry), reason=reason)
    if changed:
        ctx.sheet.updated_at = utcnow()
        s.flush()
        live.announce(s, [sheet_id])  # the other PCs' open grids (delivered at commit)
    return changed
