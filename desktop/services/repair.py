"""Registering a past graduate at this adult school for grade repair or creating an
academic record (seed 000; rules in ``domain.repair``), in the repair window.

The office types the graduate's 19-digit record code and identity; the central server
answers with their record's final-exam courses (it checks that the code is theirs);
the office chooses the courses to retake, keeps the registration and prints the
selection slip (نمونه برگ انتخاب واحد).  Entering the exam's grades, their approval and
the replacement of stored grades are the next part of this flow (not built yet).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain.calendar import DEFAULT_CALENDAR, format_jalali, today_tehran
from ..domain.errors import NotFound, ValidationError
from ..domain.grading import DEFAULT_POLICY
from ..domain.identity import normalize_record_code
from ..domain.repair import RecordCourse, choose
from ..domain.verification import format_code
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import RepairRegistration
from . import audit
from .central_calls import ask
from .context import Actor
from .school import get_school

WHO = frozenset({Role.PRINCIPAL, Role.CLERK, Role.DEPUTY})


@dataclass(frozen=True)
class Registration:
    id: int
    record_code: str
    identity: str
    name: str
    father: str
    courses: tuple[RecordCourse, ...]


def _in_window(db: Database) -> None:
    today = today_tehran(db.clock())
    if DEFAULT_CALENDAR.open_window("repair", today) is None:
        year = DEFAULT_CALENDAR.school_year_of(today)
        first, last = DEFAULT_CALENDAR.window("repair", year)
        if last < today:
            first, last = DEFAULT_CALENDAR.window("repair", year + 1)
        raise ValidationError("repair.window", first=format_jalali(first),
                              last=format_jalali(last))


def graduate_courses(db: Database, record_code: str, kind: str, value: str, secret: str
                     ) -> tuple[dict[str, str], list[RecordCourse]]:
    """Who the graduate is and their record's final-exam courses, from the central server."""
    answer = ask(db, "POST", "/v1/repair/record", json={
        "record_code": record_code, "kind": kind, "value": value, "secret": secret}).json()
    courses = [RecordCourse(str(c["code"]), str(c["name"]), int(c["units"]),
                            int(c["grade_level"]), int(c["year"]), str(c["grade"]))
               for c in answer["courses"]]
    person = {k: str(answer[k]) for k in ("identity", "first", "last", "father")}
    return person, courses


def register(db: Database, actor: Actor, record_code: str, kind: str, value: str, secret: str,
             wanted: list[str]) -> Registration:
    """Register the graduate for the chosen courses (refused outside the window, for a
    course not in their record, or when the record code is not theirs)."""
    actor.require(WHO, "ثبت‌نام ترمیم نمره")
    _in_window(db)
    code = normalize_record_code(record_code)
    person, record = graduate_courses(db, code, kind, value, secret)
    chosen = choose(record, wanted)
    with db.unit() as s:
        row = RepairRegistration(
            record_code=code, identity=person["identity"], first_name=person["first"],
            last_name=person["last"], father_name=person["father"],
            courses=json.dumps([asdict(c) for c in chosen], ensure_ascii=False),
            registered_by=actor.username)
        s.add(row)
        s.flush()
        audit.record(s, actor, "repair.register", "repair_registration", row.id,
                     new={"record_code": code, "courses": [c.code for c in chosen]})
        return _info(row)


def _info(row: RepairRegistration) -> Registration:
    courses = tuple(RecordCourse(**c) for c in json.loads(row.courses))
    return Registration(row.id, row.record_code, row.identity,
                        f"{row.first_name} {row.last_name}", row.father_name, courses)


def registrations(db: Database) -> list[Registration]:
    with db.unit() as s:
        return [_info(r) for r in s.scalars(select(RepairRegistration)
                                            .order_by(RepairRegistration.id))]


def selection_slip(db: Database, registration_id: int, out: Path) -> int:
    """The selection slip (نمونه برگ انتخاب واحد) as PDF; returns the courses on it."""
    from ..printing.slips import selection_slip_page

    with db.unit() as s:
        row = s.get(RepairRegistration, registration_id)
        if row is None:
            raise NotFound("not_found", what="ثبت‌نام ترمیم", value=registration_id)
        reg = _info(row)
        day = format_jalali(today_tehran(db.clock()))
    school = get_school(db)
    policy = DEFAULT_POLICY.repair
    rule = ("نمرۀ تازه فقط اگر بیشتر باشد جای نمرۀ پیشین را می‌گیرد"
            if policy.rule == "higher" else "نمرۀ تازه جای نمرۀ پیشین را می‌گیرد")
    selection_slip_page(out, f"{school.name} — کد مدرسه {school.code}", [
        ("نام و نام خانوادگی", reg.name), ("نام پدر", reg.father),
        ("کد ملی / شناسه", reg.identity), ("کد سابقۀ تحصیلی", format_code(reg.record_code)),
        ("تاریخ ثبت‌نام", day)],
        [{"course": c.name, "units": str(c.units), "level": str(c.grade_level),
          "year": str(c.year), "grade": c.grade} for c in reg.courses],
        f"قاعدۀ ترمیم: {rule} ({policy.source}).")
    return len(reg.courses)
