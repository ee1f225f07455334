"""A student moving to another school, or arriving from one, through the centre (issue 23,
point 3).

Leaving (:func:`transfer_out`, the office's): the student's class ends that day as for
one who left (:func:`desktop.services.enrollment.leave_in`), and a transfer is kept with
its slip number, which the family carries to the new school.  The next batch carries it
to the centre (``transfers``); the centre's feed says when they arrived.

Arriving (:func:`desktop.services.arrivals.find_incoming`, :func:`transfer_in`): the
receiving office finds the student by national code on the centre (only a transfer
addressed to it), sees what the centre holds for them, and enrols them in a class: the
student is made here from the centre's record (or found, if they studied here before),
and the grades of the year that came with them are kept as :class:`CarriedGrade` rows,
counted once by :mod:`.carried`.  The next batch reports the arrival (``arrivals``).

Either school may be offline for days: each side's step waits in its outbox, and the
feed brings the answer when it next connects.  Every step is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jdatetime
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import DEFAULT_CALENDAR, format_jalali, to_jalali, today_tehran
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.grading import parse_stored
from ..domain.identity import identity_text, normalize_school_code
from ..domain.typed import typed_text
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    CarriedGrade,
    ClassGroup,
    Enrollment,
    School,
    Student,
    SyncBatch,
    Transfer,
)
from . import audit, live
from .context import Actor
from .enrollment import ENROLMENT_ROLES, LIVE, enroll_in, leave_in
from .students import StudentInput, insert_student, student_by_identity, validate_student

OUT, IN = "out", "in"
TRANSFER_ACTION = "انتقال دانش‌آموز به مدرسهٔ دیگر"


@dataclass(frozen=True)
class TransferInfo:
    id: int
    direction: str
    student_id: int
    name: str
    identity: str
    other_school: str
    other_name: str | None
    slip: str
    year: int
    day: jdatetime.date
    arrived_on: jdatetime.date | None
    sent: bool          # the centre has it (its batch was delivered)

    @property
    def state_fa(self) -> str:
        if self.direction == OUT and self.arrived_on is not None:
            return f"در {format_jalali(self.arrived_on)} به مدرسهٔ مقصد رسید"
        if not self.sent:
            return "در صف ارسال به سرور مرکزی"
        return "به سرور مرکزی رسید" if self.direction == OUT else "ورود به سرور مرکزی گزارش شد"


@dataclass(frozen=True)
class Incoming:
    """A transfer to this school as the centre holds it, with the grades it holds."""

    identity: str
    slip: str
    from_school: str
    from_name: str
    year: int
    left_on: dt.date
    details: dict[str, str]
    state: str
    grades: tuple[dict[str, Any], ...]

    @property
    def name(self) -> str:
        return f"{self.details.get('first', '')} {self.details.get('last', '')}".strip()

    def grades_of(self, year: int) -> tuple[dict[str, Any], ...]:
        return tuple(g for g in self.grades if int(g["year"]) == year)


def _info(t: Transfer, student: Student, sent: bool) -> TransferInfo:
    return TransferInfo(t.id, t.direction, t.student_id,
                        f"{student.first_name} {student.last_name}", t.identity,
                        t.other_school, t.other_name, t.slip, t.year, to_jalali(t.day),
                        to_jalali(t.arrived_on) if t.arrived_on else None, sent)


def transfer_out(db: Database, actor: Actor, student_id: int, to_school: str,
                 on: jdatetime.date | None = None, reason: str | None = None) -> TransferInfo:
    """The student leaves for school ``to_school`` on ``on`` (today if None): their class
    ends that day and a transfer (its slip number) waits for the next batch."""
    actor.require(ENROLMENT_ROLES, TRANSFER_ACTION)
    code = normalize_school_code(to_school)
    why = typed_text(reason, "علت انتقال") or None
    with db.unit() as s:
        live.exclusive(s, "daftar.transfer")  # slip numbers, one at a time
        own = s.scalar(select(School.code))
        if code == own:
            raise ValidationError("transfer.same_school", value=code)
        student = s.get(Student, student_id)
        if student is None:
            raise NotFound("not_found", what="دانش‌آموز", value=student_id)
        today = today_tehran(db.clock())
        year = DEFAULT_CALENDAR.school_year_of(on or today)
        klass, day = leave_in(s, actor, student_id, year, on, why, db.clock())
        number = (s.scalar(select(func.count()).select_from(Transfer)
                           .where(Transfer.direction == OUT)) or 0) + 1
        slip = f"{year % 100:02d}{number:06d}"
        t = Transfer(direction=OUT, student_id=student_id,
                     identity=identity_text(student.national_code, student.foreign_id_type,
                                            student.foreign_id_value),
                     other_school=code, slip=slip, year=year, day=day, reason=why)
        s.add(t)
        s.flush()
        audit.record(s, actor, "student.transfer_out", "student", student_id,
                     old={"class": klass.name},
                     new={"to": code, "slip": slip, "on": day.isoformat()}, reason=why)
        return _info(t, student, False)


def _student_from(s: Session, actor: Actor, incoming: Incoming) -> Student:
    """The student as the centre names them: found here (they studied here before) or
    made from the sending school's record."""
    found = student_by_identity(s, incoming.identity)
    if found is not None:
        return found
    d = incoming.details
    national, kind, value = (incoming.identity, None, None) if ":" not in incoming.identity \
        else (None, *incoming.identity.split(":", 1))
    birth = dt.date.fromisoformat(d.get("birth", ""))
    values = validate_student(StudentInput(
        d.get("first", ""), d.get("last", ""), d.get("father", ""), d.get("gender", ""),
        to_jalali(birth), d.get("place", "") or "—", national_code=national,
        foreign_id_type=kind, foreign_id_value=value,
        birth_cert_serial=d.get("serial") or None))
    return insert_student(s, values, actor)


def transfer_in(db: Database, actor: Actor, incoming: Incoming, class_id: int,
                on: jdatetime.date | None = None) -> int:
    """Enrol an arriving student in ``class_id`` (today, or ``on``) with the grades of the
    year they brought; refused if they are in a class here already, or arrived before.
    Returns the student's id here."""
    actor.require(ENROLMENT_ROLES, TRANSFER_ACTION)
    if incoming.state == "arrived":
        raise ValidationError("transfer.arrived", name=incoming.name)
    with db.unit() as s:
        live.exclusive(s, "daftar.transfer")
        klass = s.get(ClassGroup, class_id)
        if klass is None:
            raise NotFound("not_found", what="کلاس", value=class_id)
        year = s.scalar(select(AcademicYear.start_year)
                        .where(AcademicYear.id == klass.year_id))
        if s.scalar(select(Transfer.id).where(
                Transfer.direction == IN, Transfer.other_school == incoming.from_school,
                Transfer.slip == incoming.slip)) is not None:
            raise ValidationError("transfer.arrived", name=incoming.name)
        student = _student_from(s, actor, incoming)
        here = s.scalar(select(ClassGroup.name).join(
            Enrollment, Enrollment.class_id == ClassGroup.id).where(
            Enrollment.student_id == student.id, Enrollment.year_id == klass.year_id, LIVE,
            Enrollment.exam_course_id.is_(None)))
        if here is not None:
            raise ValidationError("transfer.enrolled", name=incoming.name, klass=here)
        day = (on or today_tehran(db.clock())).togregorian()
        enroll_in(s, student, klass, actor, day)
        t = Transfer(direction=IN, student_id=student.id, identity=incoming.identity,
                     other_school=incoming.from_school, other_name=incoming.from_name,
                     slip=incoming.slip, year=year or incoming.year, day=day)
        s.add(t)
        s.flush()
        brought = 0
        for g in incoming.grades_of(year or incoming.year):
            parse_stored(str(g["value"]))  # the centre's text, checked before it is kept
            s.add(CarriedGrade(student_id=student.id, transfer_id=t.id,
                               year=int(g["year"]), session=str(g["session"]),
                               course_code=str(g["course_code"])[:40],
                               course_name=str(g["course"])[:100],
                               component=str(g["component"])[:8],
                               value=str(g["value"])[:20], school_code=str(g["school"])[:8]))
            brought += 1
        audit.record(s, actor, "student.transfer_in", "student", student.id,
                     new={"from": incoming.from_school, "slip": incoming.slip,
                          "class": klass.name, "grades": brought})
        return student.id


def list_transfers(db: Database) -> list[TransferInfo]:
    """Every transfer, out and in, newest first."""
    with db.unit() as s:
        rows = s.execute(select(Transfer, Student, SyncBatch.state)
                         .join(Student, Transfer.student_id == Student.id)
                         .outerjoin(SyncBatch, Transfer.batch_id == SyncBatch.id)
                         .order_by(Transfer.id.desc())).all()
        return [_info(t, st, state == "sent") for t, st, state in rows]


def _class_left(s: Session, t: Transfer) -> ClassGroup | None:
    """The class the student of a transfer out left on its day."""
    return s.scalar(select(ClassGroup).join(Enrollment, Enrollment.class_id == ClassGroup.id)
                    .where(Enrollment.student_id == t.student_id, Enrollment.left_on == t.day,
                           Enrollment.exam_course_id.is_(None))
                    .order_by(Enrollment.id.desc()).limit(1))


def pending(s: Session) -> list[tuple[str, Transfer, dict[str, Any]]]:
    """What the next batch carries: transfers out (``transfers``) and arrivals (``arrivals``)
    not sent yet."""
    out = []
    for t, st in s.execute(select(Transfer, Student).join(Student,
                                                          Transfer.student_id == Student.id)
                           .where(Transfer.batch_id.is_(None)).order_by(Transfer.id)):
        if t.direction == OUT:
            klass = _class_left(s, t)
            out.append(("transfers", t, {
                "slip": t.slip, "student": t.identity, "to": t.other_school, "year": t.year,
                "on": t.day.isoformat(), "details": {
                    "first": st.first_name, "last": st.last_name, "father": st.father_name,
                    "gender": st.gender, "birth": st.birth_date.isoformat(),
                    "place": st.birth_place, "serial": st.birth_cert_serial or "",
                    "class": klass.name if klass else ""}}))
        else:
            out.append(("arrivals", t, {"slip": t.slip, "from": t.other_school,
                                        "student": t.identity, "on": t.day.isoformat()}))
    return out


def apply_arrival(s: Session, actor: Actor, body: dict[str, Any]) -> None:
    """The centre's word that a student sent from here arrived at their new school."""
    t = s.scalar(select(Transfer).where(Transfer.direction == OUT,
                                        Transfer.slip == str(body["slip"])))
    if t is None or t.arrived_on is not None:
        return
    t.arrived_on = dt.date.fromisoformat(body["on"])
    t.other_name = str(body.get("name") or "")[:200] or None
    audit.record(s, actor, "student.transfer_arrived", "student", t.student_id,
                 new={"school": body.get("school"), "on": body["on"], "slip": t.slip})


def print_slip(db: Database, transfer_id: int, out: Path, actor: Actor) -> int:
    """The transfer slip the family carries to the new school: who, from which class and
    school, to which school, on which day, its number, and every grade of the year given
    here (as it stands: approved or not, the state said).  Returns pages; audited."""
    from ..domain.calendar import school_year_shown
    from ..domain.grading import DEFAULT_POLICY, format_grade
    from ..printing.lists import Column, ListDocument, render
    from .class_grades import class_grades

    with db.unit() as s:
        t = s.get(Transfer, transfer_id)
        if t is None or t.direction != OUT:
            raise NotFound("not_found", what="انتقال", value=transfer_id)
        st = s.get(Student, t.student_id)
        school = s.scalar(select(School))
        assert st is not None and school is not None
        klass = _class_left(s, t)
        class_id = klass.id if klass else None
        grade_level = klass.grade_level.number if klass else 10
        identity = identity_text(st.national_code, st.foreign_id_type, st.foreign_id_value)
    scheme = DEFAULT_POLICY.scheme_for(grade_level, True, False, False)

    def column(code: str) -> str:
        try:
            return scheme.component(code).label_fa
        except DaftarError:
            return code

    rows = [[g.course_name, g.session.label_fa, column(g.component),
             format_grade(g.entry, persian=False)]
            for g in (class_grades(db, class_id) if class_id else [])
            if (g.national_code or f"{g.foreign_id}") == (st.national_code or
                                                           f"{st.foreign_id_value}")]
    lines = [f"{school.name} — کد مدرسه {school.code} — {school.district}، استان "
             f"{school.province}",
             f"شمارۀ برگه {t.slip} — سال تحصیلی {school_year_shown(t.year)} — "
             f"تاریخ رفتن {format_jalali(t.day, False)}",
             f"{st.first_name} {st.last_name}، فرزند {st.father_name}، شناسه {identity}، "
             f"زادۀ {format_jalali(st.birth_date, False)}، کلاس "
             f"«{klass.name if klass else '—'}»",
             f"مدرسۀ مقصد: کد {t.other_school}. نمره‌های زیر در سرور مرکزی نیز برای مدرسۀ "
             "مقصد خواندنی است."]
    doc = ListDocument("برگۀ انتقال تحصیلی", lines,
                       [Column("درس", 200), Column("نوبت", 110), Column("ستون", 110, True),
                        Column("نمره", 60, True)], rows or [["—", "—", "—", "—"]],
                       ["مدیر مدرسه", "مهر مدرسه"])
    pages = render(doc, out).pages
    with db.unit() as s:
        audit.record(s, actor, "print.transfer_slip", "student", t.student_id,
                     new={"slip": t.slip, "file": Path(out).name, "pages": pages})
    return pages
