"""The review window (seed 000: 10 Khordad to 10 Tir; ``CalendarPolicy.windows``): a
student's grade record printed for them to check, and their objection filed by the
office and carried to the district like a change request.

Outside the window both are refused with the window's dates.  An objection names the
grade sheet (course and session) and the reason; the next sync sends it; the district
accepts it or rejects it with a reason, and the answer comes back in the feed
(:func:`apply_decision`).  An accepted objection changes no grade by itself: the
correction is then a change request, the usual way (``services.changes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calendar import DEFAULT_CALENDAR, SessionKind, format_jalali, today_tehran
from ..domain.errors import NotFound, ValidationError, WorkflowError
from ..domain.grading import DEFAULT_POLICY, format_grade
from ..domain.identity import identity_text
from ..domain.text import normalize
from ..domain.workflow import ChangeState, Role
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    Course,
    Enrollment,
    ExamSession,
    Grade,
    GradeSheet,
    Objection,
    Student,
)
from . import audit
from .context import Actor
from .enrollment import LIVE
from .grades import cell_entry
from .school import get_school
from .students import student_by_typed_id

WHO = frozenset({Role.PRINCIPAL, Role.CLERK, Role.DEPUTY})


@dataclass(frozen=True)
class ObjectionInfo:
    id: int
    student: str
    course: str
    session: SessionKind
    reason: str
    state: ChangeState
    decided_reason: str | None


def _window(db: Database) -> tuple[Any, Any]:
    today = today_tehran(db.clock())
    window = DEFAULT_CALENDAR.open_window("review", today)
    if window is None:
        first, last = DEFAULT_CALENDAR.window("review", DEFAULT_CALENDAR.school_year_of(today))
        if last < today:
            first, last = DEFAULT_CALENDAR.window(
                "review", DEFAULT_CALENDAR.school_year_of(today) + 1)
        raise ValidationError("review.window", first=format_jalali(first),
                              last=format_jalali(last))
    return window


def _sheets(s: Session, student: Student) -> list[tuple[Any, ...]]:
    """(sheet id, course, session, state) of the student's class in their latest year."""
    klass = s.execute(select(Enrollment.class_id).join(AcademicYear)
                      .where(Enrollment.student_id == student.id,
                             Enrollment.exam_course_id.is_(None))
                      .order_by(AcademicYear.start_year.desc(), LIVE.desc(),
                                Enrollment.id.desc()).limit(1)).scalar()
    if klass is None:
        raise NotFound("not_found", what="کلاس دانش‌آموز", value=student.first_name)
    return list(s.execute(
        select(GradeSheet.id, Course.name, ExamSession.kind, GradeSheet.state)
        .join(Course, GradeSheet.course_id == Course.id)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .where(GradeSheet.class_id == klass).order_by(Course.id, ExamSession.id)).all())


def grade_record(db: Database, typed: str, out: Path) -> int:
    """The student's grade record of the year as a PDF to check; returns the lines."""
    from ..printing.slips import grade_record_page

    first, last = _window(db)
    with db.unit() as s:
        st = student_by_typed_id(s, typed)
        sheets = _sheets(s, st)
        cells: dict[int, list[str]] = {}
        for sheet_id, component, value, level, mark in s.execute(
                select(Grade.sheet_id, Grade.component, Grade.value_centi, Grade.level,
                       Grade.mark).where(Grade.student_id == st.id,
                                         Grade.sheet_id.in_([x[0] for x in sheets]))
                .order_by(Grade.sheet_id, Grade.component)):
            cells.setdefault(sheet_id, []).append(
                f"{DEFAULT_POLICY.component_label(component)}: "
                f"{format_grade(cell_entry(value, level, mark))}")
        klass = s.scalar(select(ClassGroup.name).join(Enrollment).where(
            Enrollment.student_id == st.id).order_by(LIVE.desc(), Enrollment.id.desc())
            .limit(1))
        fields = [("نام و نام خانوادگی", f"{st.first_name} {st.last_name}"),
                  ("کد ملی / شناسه", st.national_code or st.foreign_id_value or "—"),
                  ("کلاس", klass or "—")]
    rows = [{"course": course, "session": session.label_fa,
             "grades": "، ".join(cells.get(sheet_id, [])) or "—", "state": state.label_fa}
            for sheet_id, course, session, state in sheets if sheet_id in cells]
    school = get_school(db)
    grade_record_page(out, f"{school.name} — کد مدرسه {school.code}", fields, rows,
                      f"بازۀ بررسی: {format_jalali(first)} تا {format_jalali(last)}. اگر نمره‌ای "
                      "نادرست است، اعتراض را در همین بازه به دفتر مدرسه بدهید.")
    return len(rows)


def file_objection(db: Database, actor: Actor, typed: str, course: str, session: SessionKind,
                   reason: str) -> ObjectionInfo:
    """The office files a student's objection to one course's grade of a session."""
    actor.require(WHO, "ثبت اعتراض به نمره")
    _window(db)
    why = normalize(reason or "")
    if not why:
        raise WorkflowError("workflow.reason")
    with db.unit() as s:
        st = student_by_typed_id(s, typed)
        wanted = normalize(course)
        match = [x for x in _sheets(s, st) if normalize(x[1]) == wanted and x[2] is session]
        if not match:
            raise NotFound("not_found", what="درس", value=f"{course} ({session.label_fa})")
        row = Objection(student_id=st.id, sheet_id=match[0][0], reason=why,
                        state=ChangeState.FILED.value, filed_by=actor.username)
        s.add(row)
        s.flush()
        audit.record(s, actor, "objection.file", "objection", row.id,
                     new={"sheet": row.sheet_id, "student": st.id}, reason=why)
        return ObjectionInfo(row.id, f"{st.first_name} {st.last_name}", match[0][1], session,
                             why, ChangeState.FILED, None)


def objections(db: Database) -> list[ObjectionInfo]:
    with db.unit() as s:
        rows = s.execute(
            select(Objection, Student.first_name, Student.last_name, Course.name,
                   ExamSession.kind)
            .join(Student, Objection.student_id == Student.id)
            .join(GradeSheet, Objection.sheet_id == GradeSheet.id)
            .join(Course, GradeSheet.course_id == Course.id)
            .join(ExamSession, GradeSheet.session_id == ExamSession.id)
            .order_by(Objection.id)).all()
        return [ObjectionInfo(o.id, f"{a} {b}", c, k, o.reason, ChangeState(o.state),
                              o.decided_reason) for o, a, b, c, k in rows]


def pending(s: Session) -> list[tuple[Objection, dict[str, Any]]]:
    """Objections not yet in a batch, with what travels for each (sync packs them)."""
    rows = s.execute(
        select(Objection, Student.national_code, Student.foreign_id_type,
               Student.foreign_id_value, Course.name, ExamSession.kind)
        .join(Student, Objection.student_id == Student.id)
        .join(GradeSheet, Objection.sheet_id == GradeSheet.id)
        .join(Course, GradeSheet.course_id == Course.id)
        .join(ExamSession, GradeSheet.session_id == ExamSession.id)
        .where(Objection.batch_id.is_(None), Objection.state == ChangeState.FILED.value)
        .order_by(Objection.id)).all()
    return [(o, {"id": o.id, "sheet": o.sheet_id, "student": identity_text(n, ft, fv),
                 "course": course, "session": kind.value, "reason": o.reason})
            for o, n, ft, fv, course, kind in rows]


def apply_decision(s: Session, actor: Actor, body: dict[str, Any]) -> None:
    """The district's answer from the feed."""
    row = s.get(Objection, int(body["id"]))
    if row is None:
        raise NotFound("not_found", what="اعتراض", value=body["id"])
    old = row.state
    row.state = ChangeState(body["state"]).value
    row.decided_reason = body.get("reason")
    audit.record(s, actor, "objection.decide", "objection", row.id, old=old, new=row.state,
                 reason=row.decided_reason)

