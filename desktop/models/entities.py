"""The tables (DESIGN.md "Data, first cut").

Dates of the school calendar are stored as Gregorian ``DATE`` and shown in
Jalali; instants are UTC.  Grades are whole hundredths (``value_centi``: 18.75
is 1875).  Identifiers are stored in their normalised form (ASCII digits,
Persian letters) with unique constraints on that form; ``*_key`` columns hold
the search key of a name (see ``domain.text.search_key``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.calendar import SessionKind
from ..domain.grading import Stage
from ..domain.identity import ForeignIdType
from ..domain.workflow import Role, SheetState
from ..domain.year_end import ClosingStage, Outcome
from .base import Base, UTCDateTime, str_enum, utcnow


class School(Base):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(100))
    # Comma-separated Stage values the school teaches, e.g. "primary,lower_secondary".
    stages: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AcademicYear(Base):
    __tablename__ = "academic_year"
    __table_args__ = (UniqueConstraint("school_id", "start_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"))
    start_year: Mapped[int] = mapped_column(Integer)  # Jalali year of 1 Mehr, e.g. 1404
    opening_date: Mapped[dt.date] = mapped_column(Date)
    # closed after Khordad (re-sits to come) or wholly (domain.year_end.ClosingStage)
    closed: Mapped[ClosingStage | None] = mapped_column(str_enum(ClosingStage, 10))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    sessions: Mapped[list[ExamSession]] = relationship(back_populates="year")


class ExamSession(Base):
    __tablename__ = "exam_session"
    __table_args__ = (UniqueConstraint("year_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"))
    kind: Mapped[SessionKind] = mapped_column(str_enum(SessionKind, 12))
    # The last day records may reach the central server; the server may move it.
    deadline: Mapped[dt.date] = mapped_column(Date)

    year: Mapped[AcademicYear] = relationship(back_populates="sessions")


class GradeLevel(Base):
    __tablename__ = "grade_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)  # پایه ۱ تا ۱۲
    name: Mapped[str] = mapped_column(String(50))
    stage: Mapped[Stage] = mapped_column(str_enum(Stage, 20))


class Branch(Base):
    """شاخه: نظری، فنی و حرفه‌ای، کاردانش."""

    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Field(Base):
    """رشته، e.g. ریاضی و فیزیک under نظری."""

    __tablename__ = "field"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Course(Base):
    __tablename__ = "course"
    __table_args__ = (
        UniqueConstraint("school_id", "code"),
        CheckConstraint("units >= 0 AND units <= 20", name="units"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"))
    grade_level_id: Mapped[int] = mapped_column(ForeignKey("grade_level.id"))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("field.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    units: Mapped[int] = mapped_column(Integer)
    national_exam: Mapped[bool] = mapped_column(Boolean, default=False)
    has_final: Mapped[bool] = mapped_column(Boolean, default=True)
    discipline: Mapped[bool] = mapped_column(Boolean, default=False)
    # retaken by its final exam alone (grade repair at an adult school, domain.repair)
    exam_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # the school's own course (the rules allow some), not the official curriculum's
    local: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # the curriculum version (domain.curriculum) an official course was made from
    curriculum: Mapped[str | None] = mapped_column(String(20))

    grade_level: Mapped[GradeLevel] = relationship()


class ClassGroup(Base):
    __tablename__ = "class_group"
    __table_args__ = (UniqueConstraint("year_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"))
    grade_level_id: Mapped[int] = mapped_column(ForeignKey("grade_level.id"))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("field.id"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    # a class that takes this one course alone (a repair exam's candidates for it)
    only_course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"))

    grade_level: Mapped[GradeLevel] = relationship()


class Student(Base):
    __tablename__ = "student"
    __table_args__ = (
        UniqueConstraint("national_code"),
        UniqueConstraint("foreign_id_type", "foreign_id_value"),
        UniqueConstraint("record_code"),
        CheckConstraint(
            "(national_code IS NOT NULL AND foreign_id_type IS NULL AND foreign_id_value IS NULL)"
            " OR (national_code IS NULL AND foreign_id_type IS NOT NULL"
            " AND foreign_id_value IS NOT NULL)",
            name="one_identity",
        ),
        CheckConstraint("gender IN ('M', 'F')", name="gender"),
        Index("ix_student_name_key", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"))
    national_code: Mapped[str | None] = mapped_column(String(10))
    foreign_id_type: Mapped[ForeignIdType | None] = mapped_column(str_enum(ForeignIdType, 20))
    foreign_id_value: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # search_key(first + " " + last): finds a name whatever ی/ک/ZWNJ form was typed.
    name_key: Mapped[str] = mapped_column(String(200))
    father_name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    birth_place: Mapped[str] = mapped_column(String(100))
    birth_cert_serial: Mapped[str | None] = mapped_column(String(20))
    record_code: Mapped[str | None] = mapped_column(String(19))  # کد سابقه تحصیلی
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Enrollment(Base):
    """A student in a class for a year: one ordinary class a year at a time, beside which
    a graduate may sit in any number of one-course classes (a repair exam's candidates,
    ``exam_course_id`` set).

    A row is never deleted: a student moved to another class or gone from the school
    keeps it with ``left_on`` set (the grades of that class stay on its sheets), and only
    the rows without ``left_on`` (the live ones) are held unique."""

    __tablename__ = "enrollment"
    __table_args__ = (
        Index("uq_enrollment_live_class", "student_id", "class_id", unique=True,
              sqlite_where=text("left_on IS NULL"), postgresql_where=text("left_on IS NULL")),
        Index("uq_enrollment_one_class_a_year", "student_id", "year_id", unique=True,
              sqlite_where=text("exam_course_id IS NULL AND left_on IS NULL"),
              postgresql_where=text("exam_course_id IS NULL AND left_on IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    class_id: Mapped[int] = mapped_column(ForeignKey("class_group.id"), index=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"))
    enrolled_on: Mapped[dt.date] = mapped_column(Date)
    exam_course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"))
    left_on: Mapped[dt.date | None] = mapped_column(Date)


class YearOutcome(Base):
    """What a student's school year came to when the year was closed (domain.year_end),
    in the class they ended it in; kept with the year (a closing undone deletes them)."""

    __tablename__ = "year_outcome"
    __table_args__ = (UniqueConstraint("year_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    class_id: Mapped[int] = mapped_column(ForeignKey("class_group.id"))
    outcome: Mapped[Outcome] = mapped_column(str_enum(Outcome, 12))
    courses: Mapped[str] = mapped_column(Text, default="[]")  # JSON: ids sent to Shahrivar
    average_centi: Mapped[int | None] = mapped_column(Integer)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, 12))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Teaching(Base):
    """A teacher's course in a class: the grades that teacher may enter."""

    __tablename__ = "teaching"
    __table_args__ = (UniqueConstraint("class_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("class_group.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))


class AppState(Base):
    """Small facts the program keeps between runs (the latest clock reading seen, ...)."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class GradeSheet(Base):
    """One class x course x session: the unit of approval."""

    __tablename__ = "grade_sheet"
    __table_args__ = (UniqueConstraint("class_id", "course_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("class_group.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"))
    state: Mapped[SheetState] = mapped_column(str_enum(SheetState, 20), default=SheetState.DRAFT)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    last_reason: Mapped[str | None] = mapped_column(Text)  # the last rejection's reason
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Sync: how many times the sheet was packed for the central server (its version
    # there), and the outbox batch that carries it now.
    sent_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"), index=True)


class Grade(Base):
    """One cell: a number (hundredths), a descriptive level 1-4, or a mark."""

    __tablename__ = "grade"
    __table_args__ = (
        UniqueConstraint("sheet_id", "student_id", "component"),
        CheckConstraint(
            "(CASE WHEN value_centi IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN level IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN mark IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_value",
        ),
        CheckConstraint("value_centi BETWEEN 0 AND 2000", name="value_range"),
        CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),
        CheckConstraint("mark IN ('absent', 'exempt')", name="mark"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("grade_sheet.id"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    component: Mapped[str] = mapped_column(String(8))
    value_centi: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int | None] = mapped_column(Integer)
    mark: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(50))


class AuditEvent(Base):
    """Append-only; ``hash`` = sha256(prev_hash + the event's fields), so any edit,
    deletion or reordering breaks the chain (see ``services.audit``)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(12))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    old: Mapped[str | None] = mapped_column(Text)  # canonical JSON
    new: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """One row: the chain's last hash and its length.  Locking and updating it serialises
    writers on PostgreSQL; the length lets the verifier notice a truncated tail, which
    a hash chain alone cannot."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    events: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class Certificate(Base):
    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("exam_session.id"))
    kind: Mapped[str] = mapped_column(String(20))  # report_card, temporary, original
    serial: Mapped[int] = mapped_column(Integer)
    verification_code: Mapped[str] = mapped_column(String(20), unique=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)

    prints: Mapped[list[CertificatePrint]] = relationship()


class CertificatePrint(Base):
    """The print log: every print, reprint and void of a certificate, numbered."""

    __tablename__ = "certificate_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50))
    printer: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"))  # sent in


class ChangeRequest(Base):
    __tablename__ = "change_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("grade_sheet.id"))
    state: Mapped[str] = mapped_column(String(20), default="filed")
    changes: Mapped[str] = mapped_column(Text)  # canonical JSON: [{student, component, old, new}]
    reason: Mapped[str] = mapped_column(Text)
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    filed_by: Mapped[str] = mapped_column(String(50))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_reason: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"))  # sent in


class PrintPermit(Base):
    __tablename__ = "print_permit"

    id: Mapped[int] = mapped_column(primary_key=True)
    permit_no: Mapped[str] = mapped_column(String(40), unique=True)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("student.id"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(100))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)


class SyncBatch(Base):
    """The outbox: immutable once made; ``uuid`` is the server's idempotency key."""

    __tablename__ = "sync_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(20), default="queued")  # queued/sent/refused
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    receipt: Mapped[str | None] = mapped_column(Text)
    items: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    rows: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # grade rows
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class RevokedCode(Base):
    """Documents the central server says are void (any school's), for offline checks."""

    __tablename__ = "revoked_code"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)


class LegacyDiploma(Base):
    """A past graduate's diploma entered from the school's paper ledger, on its way to a
    code: filed here, confirmed by the district and the province through the central
    server, which sends back its 20-digit code and central seal."""

    __tablename__ = "legacy_diploma"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(40))      # national code or "type:value"
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    father_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    birth_serial: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(100))        # رشته as the ledger names it
    graduated: Mapped[int] = mapped_column(Integer)        # Jalali year
    average: Mapped[str] = mapped_column(String(8))        # as written: "16.25"
    ledger: Mapped[str] = mapped_column(String(200))       # volume and page of the ledger
    state: Mapped[str] = mapped_column(String(20), default="filed")
    decided_reason: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(20), unique=True)
    seal: Mapped[str | None] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(50))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"))  # sent in


class Objection(Base):
    """A student's objection to a grade, filed by the office in the review window and
    carried to the district like a change request; the district's answer comes back."""

    __tablename__ = "objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    sheet_id: Mapped[int] = mapped_column(ForeignKey("grade_sheet.id"))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="filed")
    decided_reason: Mapped[str | None] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(50))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"))  # sent in


class RepairRegistration(Base):
    """A past graduate registered at this (adult) school for grade repair or creating a
    record, with the courses chosen for the final exam (seed 000)."""

    __tablename__ = "repair_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_code: Mapped[str] = mapped_column(String(19))
    identity: Mapped[str] = mapped_column(String(40))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    father_name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str] = mapped_column(String(1), default="F", server_default="F")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    birth_cert_serial: Mapped[str | None] = mapped_column(String(20))
    courses: Mapped[str] = mapped_column(Text)   # JSON: the chosen RecordCourse fields
    student_id: Mapped[int | None] = mapped_column(ForeignKey("student.id"))  # once placed
    registered_by: Mapped[str] = mapped_column(String(50))
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Transfer(Base):
    """A student leaving for another school (``out``: the slip the family carries, sent to
    the centre, then marked arrived from the feed) or arriving from one (``in``: enrolled
    here from the centre's record, the arrival reported back).  Never deleted."""

    __tablename__ = "transfer"
    __table_args__ = (UniqueConstraint("direction", "other_school", "slip"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))          # out | in
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    identity: Mapped[str] = mapped_column(String(40))          # as between systems
    other_school: Mapped[str] = mapped_column(String(8))       # where to / where from
    other_name: Mapped[str | None] = mapped_column(String(200))
    slip: Mapped[str] = mapped_column(String(12))              # the sending school's number
    year: Mapped[int] = mapped_column(Integer)                 # the school year
    day: Mapped[dt.date] = mapped_column(Date)                 # left (out) or enrolled (in)
    reason: Mapped[str | None] = mapped_column(Text)
    arrived_on: Mapped[dt.date | None] = mapped_column(Date)   # out: the other school's day
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("sync_batch.id"))  # sent in
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CarriedGrade(Base):
    """A grade a student brought from the school they transferred from, for the year they
    arrived in (the centre's row: course by code, value in its stored text).  It counts
    here once: where this school's own sheet has the same cell, that one wins."""

    __tablename__ = "carried_grade"
    __table_args__ = (
        UniqueConstraint("student_id", "year", "session", "course_code", "component"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id"))
    year: Mapped[int] = mapped_column(Integer)
    session: Mapped[SessionKind] = mapped_column(str_enum(SessionKind, 12))
    course_code: Mapped[str] = mapped_column(String(40))
    course_name: Mapped[str] = mapped_column(String(100))
    component: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(20))
    school_code: Mapped[str] = mapped_column(String(8))
