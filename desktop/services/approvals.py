"""The approval queues: what waits for whom, moving many sheets at once, deadlines.

A sheet moves only by :func:`desktop.domain.workflow.transition` (the table of
actions and roles); submitting, reviewing and approving also need it complete
(every student has a value or a mark in every column of the session) and, except
for the central server's own decisions, the session's deadline not passed.  A batch
is one transaction: if any sheet is refused, none moves, and the message lists the
ones refused and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import jdatetime
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import (
    SessionKind,
    days_left,
    format_jalali,
    lock_instant,
    today_tehran,
)
from ..domain.errors import DaftarError, WorkflowError
from ..domain.grading import DEFAULT_POLICY, GradingPolicy
from ..domain.workflow import OFFICE, Action, Role, SheetState, transition
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
    SyncBatch,
    Teaching,
)
from . import audit, live
from .carried import any_carried, carried_cells
from .clock import trusted_now
from .context import Actor
from .enrollment import LIVE
from .grades import closed_sheets
from .resits import candidates_of

NEEDS_COMPLETE = frozenset({Action.SUBMIT, Action.REVIEW, Action.APPROVE, Action.QUEUE})
# What each role's queue shows: the states in which the next move is theirs.
WAITING_FOR = {
    Role.TEACHER: (SheetState.DRAFT,),
    Role.CLERK: (SheetState.DRAFT,),
    Role.DEPUTY: (SheetState.SUBMITTED,),
    Role.PRINCIPAL: (SheetState.REVIEWED, SheetState.APPROVED),
}


@dataclass(frozen=True)
class SheetSummary:
    sheet_id: int
    class_id: int
    class_name: str
    course_name: str
    session: SessionKind
    state: SheetState
    missing: int
    expected: int
    last_reason: str | None
    deadline: jdatetime.date

    @property
    def complete(self) -> bool:
        return self.missing == 0

    @property
    def title(self) -> str:
        return f"{self.class_name} / {self.course_name} / {self.session.label_fa}"


def sheet_summaries(s: Session, year: int | None = None, sheet_ids: Sequence[int] | None = None,
               class_ids: Sequence[int] | None = None,
               policy: GradingPolicy = DEFAULT_POLICY) -> list[SheetSummary]:
    q = (select(GradeSheet.id, ClassGroup.id, ClassGroup.name, Course.name, ExamSession.kind,
                GradeSheet.state, GradeSheet.last_reason, ExamSession.deadline,
                GradeLevel.number, Course.has_final, Course.national_exam, Course.exam_only,
                GradeSheet.course_id)
         .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
         .join(Course, GradeSheet.course_id == Course.id)
         .join(ExamSession, GradeSheet.session_id == ExamSession.id)
         .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
         .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id))
    if year is not None:
        q = q.where(AcademicYear.start_year == year)
    if sheet_ids is not None:
        q = q.where(GradeSheet.id.in_(list(sheet_ids)))
    if class_ids is not None:
        q = q.where(ClassGroup.id.in_(list(class_ids)))
    rows = s.execute(q).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    class_of = {r[0]: r[1] for r in rows}
    students = dict(s.execute(select(Enrollment.class_id, func.count())
                              .where(Enrollment.class_id.in_(set(class_of.values())), LIVE)
                              .group_by(Enrollment.class_id)).all())
    filled: Counter[tuple[int, str]] = Counter()
    # the cells of the class's members: one who left it is not waited for
    summer = {r[0] for r in rows if r[4] is SessionKind.SHAHRIVAR}
    for sheet_id, component, n in s.execute(
            select(Grade.sheet_id, Grade.component, func.count())
            .join(GradeSheet, Grade.sheet_id == GradeSheet.id)
            .join(Enrollment, (Enrollment.class_id == GradeSheet.class_id)
                  & (Enrollment.student_id == Grade.student_id) & LIVE)
            .where(Grade.sheet_id.in_([i for i in ids if i not in summer]))
            .group_by(Grade.sheet_id, Grade.component)):
        filled[(sheet_id, component)] = n
    # a Shahrivar sheet waits for its re-sitters only
    course_of = {r[0]: r[-1] for r in rows}
    sitting = candidates_of(s, [(class_of[i], course_of[i]) for i in summer])
    for sheet_id, student_id, component in s.execute(
            select(Grade.sheet_id, Grade.student_id, Grade.component)
            .where(Grade.sheet_id.in_(summer))):
        if student_id in sitting[(class_of[sheet_id], course_of[sheet_id])]:
            filled[(sheet_id, component)] += 1
    # cells a member brought from the school they transferred from count as written
    brought = {cid: carried_cells(s, cid) for cid in set(class_of.values())} \
        if any_carried(s) else {}
    for sheet_id, class_id in class_of.items():
        for cells in brought.get(class_id, {}).get(course_of[sheet_id], {}).values():
            for component in cells:
                filled[(sheet_id, component)] += 1
    out = []
    for (sid, cid, cname, course, kind, state, reason, deadline, level, has_final,
         national, exam_only, _course_id) in rows:
        codes = [c.code for c in policy.scheme_for(level, has_final, national, exam_only)
                 .components_for(kind)]
        n = len(sitting[(cid, course_of[sid])]) if sid in summer else students.get(cid, 0)
        expected = n * len(codes)
        have = sum(min(filled[(sid, code)], n) for code in codes)
        out.append(SheetSummary(sid, cid, cname, course, kind, state, expected - have, expected,
                                reason, jdatetime.date.fromgregorian(date=deadline)))
    order = list(SessionKind)
    out.sort(key=lambda x: (x.class_name, x.course_name, order.index(x.session)))
    return out


def queue(db: Database, actor: Actor, year: int) -> list[SheetSummary]:
    """The sheets whose next move is ``actor``'s (a teacher: only their own courses)."""
    states = WAITING_FOR.get(actor.role, ())
    with db.unit() as s:
        found = [x for x in sheet_summaries(s, year) if x.state in states]
        if actor.role is Role.TEACHER:
            mine = set(s.execute(select(Teaching.class_id, Teaching.course_id)
                                 .where(Teaching.user_id == actor.user_id)).all())
            course_of = dict(s.execute(select(GradeSheet.id, GradeSheet.course_id)
                                       .where(GradeSheet.id.in_([x.sheet_id for x in found]))
                                       ).all())
            found = [x for x in found if (x.class_id, course_of[x.sheet_id]) in mine]
        return found


def counts(db: Database, year: int) -> dict[SheetState, int]:
    """How many sheets of the year are in each state."""
    with db.unit() as s:
        rows = dict(s.execute(
            select(GradeSheet.state, func.count())
            .join(ExamSession, GradeSheet.session_id == ExamSession.id)
            .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
            .where(AcademicYear.start_year == year).group_by(GradeSheet.state)).all())
    return {state: rows.get(state, 0) for state in SheetState}


def move(db: Database, sheet_ids: Sequence[int], action: Action, actor: Actor,
         reason: str | None = None) -> list[SheetState]:
    """Apply one action to many sheets as one transaction; all move or none does."""
    if not sheet_ids:
        return []
    with db.unit() as s:
        return move_in(s, db, sheet_ids, action, actor, reason)


def move_in(s: Session, db: Database, sheet_ids: Sequence[int], action: Action, actor: Actor,
            reason: str | None = None) -> list[SheetState]:
    """:func:`move` inside the caller's transaction (sync applies receipts and updates so)."""
    live.lock_sheets(s, sheet_ids)  # another PC approving the same sheets waits, then re-reads
    summaries = {x.sheet_id: x for x in sheet_summaries(s, sheet_ids=sheet_ids)}
    # A sheet packed in an outbox batch the server has not answered stays as it is: the
    # batch is immutable and may already be on its way.
    in_outbox = set(s.scalars(select(GradeSheet.id).join(
        SyncBatch, GradeSheet.batch_id == SyncBatch.id).where(
        GradeSheet.id.in_(list(sheet_ids)), SyncBatch.state == "queued")))
    # a closed year's outcomes stand on its approved sheets: the office sends none back
    closed = closed_sheets(s, sheet_ids)
    now = trusted_now(s, db)
    problems: list[str] = []
    steps = []
    for sid in sheet_ids:
        summary = summaries.get(sid)
        if summary is None:
            problems.append(f"«{sid}»: پیدا نشد")
            continue
        try:
            step = transition(summary.state, action, actor.role, reason)
            if action in NEEDS_COMPLETE and not summary.complete:
                raise WorkflowError("sheet.incomplete", sheet=summary.title,
                                    count=summary.missing)
            if actor.role not in (Role.SYSTEM, Role.DISTRICT, Role.PROVINCE) and \
                    now >= lock_instant(summary.deadline) and action is not Action.QUEUE:
                raise WorkflowError("sheet.deadline", session=summary.session.label_fa,
                                    date=format_jalali(summary.deadline))
            if action is Action.REJECT and sid in closed and actor.role in OFFICE:
                raise WorkflowError("sheet.year_closed", year=closed[sid],
                                    session=summary.session.label_fa)
            if action is Action.REJECT and sid in in_outbox:
                raise WorkflowError("sync.in_outbox", sheet=summary.title)
        except DaftarError as e:
            problems.append(f"«{summary.title}»: {e.message()}")
            continue
        steps.append((sid, step))
    if problems:
        raise WorkflowError("batch.refused", count=len(problems),
                            details="؛ ".join(problems[:10]))
    sheets = {g.id: g for g in s.scalars(select(GradeSheet).where(
        GradeSheet.id.in_(list(sheet_ids))))}
    for sid, step in steps:
        sheet = sheets[sid]
        sheet.state = step.target
        sheet.updated_at = now  # the trusted time the rules judged by, not the wall clock
        if step.action is Action.REJECT:
            sheet.last_reason = step.reason
            sheet.batch_id = None  # a later approval is packed again, as a new version
        audit.record(s, actor, f"sheet.{step.action.value}", "grade_sheet", sid,
                     old=step.source.value, new=step.target.value, reason=step.reason)
    live.announce(s, [sid for sid, _ in steps])
    return [step.target for _, step in steps]


@dataclass(frozen=True)
class SessionDeadline:
    session: SessionKind
    deadline: jdatetime.date
    days_left: int
    locked: bool
    per_class: dict[str, Counter[SheetState]]

    @property
    def not_approved(self) -> int:
        early = {SheetState.DRAFT, SheetState.SUBMITTED, SheetState.REVIEWED}
        return sum(n for c in self.per_class.values() for st, n in c.items() if st in early)

    @property
    def not_sent(self) -> int:
        unsent = {SheetState.DRAFT, SheetState.SUBMITTED, SheetState.REVIEWED,
                  SheetState.APPROVED, SheetState.QUEUED}
        return sum(n for c in self.per_class.values() for st, n in c.items() if st in unsent)


def dashboard(db: Database, year: int) -> list[SessionDeadline]:
    """Per session: the deadline, days left, whether locked, sheet states per class."""
    with db.unit() as s:
        now = trusted_now(s, db, record=False)
        today = today_tehran(now)
        sessions = s.execute(select(ExamSession.kind, ExamSession.deadline)
                             .join(AcademicYear).where(AcademicYear.start_year == year)).all()
        rows = s.execute(
            select(ExamSession.kind, ClassGroup.name, GradeSheet.state, func.count())
            .join(GradeSheet, GradeSheet.session_id == ExamSession.id)
            .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
            .join(AcademicYear, ExamSession.year_id == AcademicYear.id)
            .where(AcademicYear.start_year == year)
            .group_by(ExamSession.kind, ClassGroup.name, GradeSheet.state)).all()
    per: dict[SessionKind, dict[str, Counter[SheetState]]] = {}
    for kind, cname, state, n in rows:
        per.setdefault(kind, {}).setdefault(cname, Counter())[state] += n
    out = []
    for kind, deadline in sorted(sessions, key=lambda r: list(SessionKind).index(r[0])):
        jd = jdatetime.date.fromgregorian(date=deadline)
        out.append(SessionDeadline(kind, jd, days_left(jd, today), now >= lock_instant(jd),
                                   per.get(kind, {})))
    return out
