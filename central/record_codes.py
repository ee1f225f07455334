"""The 19-digit academic-record code issued by the central server (seed 000; layout in
``desktop.domain.record_code``).

A person identified as for a confirmation (national code and birth-certificate serial,
or a foreign student's id and birth date) and known from what a school sent, or from
an archived diploma, gets a code; the same person always gets the same code.  A school
office asks for its own students only; anyone may ask for themselves on the page.
Every request is logged, refusals too.
"""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from desktop.domain.calendar import today_tehran
from desktop.domain.errors import DaftarError
from desktop.domain.record_code import make_record_code

from . import public, records
from . import schema as t
from .core import Core, Refusal


def issue(central: Core, kind: str, value: str, secret: str, client: str,
          channel: str = "record", school_code: str | None = None) -> tuple[str, bool]:
    """(the person's code, whether it was issued before)."""
    if channel == "record":
        public.check_rate(central, client, channel)
    now = central.clock()
    try:
        identity, second = records.identity_of(kind, value, secret)
        with central.engine.begin() as conn:
            if not records.matches(conn, identity, second):
                raise Refusal(403, "record.identity")
            code, replay = _code_for(conn, identity, school_code, now)
            records.log(conn, now, client, channel, None, "issued")
        return code, replay
    except DaftarError:
        with central.engine.begin() as conn:   # the refusal rolled back; its log line stays
            records.log(conn, now, client, channel, None, "refused")
        raise


def _code_for(conn: Connection, identity: str, school_code: str | None, now: object
              ) -> tuple[str, bool]:
    known = conn.execute(select(t.record_code.c.code).where(
        t.record_code.c.identity == identity).with_for_update()).scalar()
    home = conn.execute(select(t.student.c.school_code).where(
        t.student.c.identity == identity)).scalar() or conn.execute(
        select(t.legacy_diploma.c.school_code).where(
            t.legacy_diploma.c.identity == identity)).scalar()
    if school_code is not None and home != school_code:
        raise Refusal(403, "central.forbidden", detail="دانش‌آموز مدرسۀ دیگری است")
    if known is not None:
        return known, True
    province = conn.execute(select(t.school.c.province).where(t.school.c.code == home)).scalar()
    year = today_tehran(now).year  # type: ignore[arg-type]
    while True:   # 10^12 serials a province and year: a clash is drawn again
        code = make_record_code(province or "", year)
        done = conn.execute(pg_insert(t.record_code).values(
            identity=identity, code=code, school_code=home, issued_at=now)
            .on_conflict_do_nothing().returning(t.record_code.c.code)).scalar()
        if done is not None:
            return done, False
        again = conn.execute(select(t.record_code.c.code).where(
            t.record_code.c.identity == identity)).scalar()
        if again is not None:      # the same person asked at the same moment
            return again, True


def graduate_record(central: Core, record_code: str, kind: str, value: str, secret: str,
                    client: str) -> dict[str, object]:
    """What an adult school needs to register a past graduate for repair (seed 000): who
    they are and the final-exam courses of their record (province-approved sheets), the
    latest grade of each.  The record code must be the one issued to this person."""
    from desktop.domain.identity import normalize_record_code

    now = central.clock()
    try:
        code = normalize_record_code(record_code)
        identity, second = records.identity_of(kind, value, secret)
        with central.engine.begin() as conn:
            if not records.matches(conn, identity, second):
                raise Refusal(403, "repair.identity")
            issued = conn.execute(select(t.record_code.c.code).where(
                t.record_code.c.identity == identity)).scalar()
            if issued != code:
                raise Refusal(403, "record.mismatch")
            person = conn.execute(select(t.student.c.first_name, t.student.c.last_name,
                                         t.student.c.father_name, t.student.c.birth_date)
                                  .where(t.student.c.identity == identity)).first()
            sh, g = t.sheet.c, t.grade_row.c
            rows = conn.execute(
                select(sh.course_code, sh.course_name, sh.units, sh.grade_level, sh.year,
                       g.value)
                .join(t.grade_row, g.sheet_id == sh.id)
                .where(g.student == identity, g.component.in_(("f2", "sf")),
                       sh.state == "province_approved", sh.exam_only.is_(False))
                .order_by(sh.year, sh.session)).all()
            records.log(conn, now, client, "repair", None, "issued")
    except DaftarError:
        with central.engine.begin() as conn:
            records.log(conn, now, client, "repair", None, "refused")
        raise
    courses: dict[str, dict[str, object]] = {}
    for course_code, name, units, level, year, grade in rows:
        courses[course_code] = {"code": course_code, "name": name, "units": units,
                                "grade_level": level, "year": year, "grade": grade}
    first, last, father, birth = person if person is not None else ("", "", "", None)
    return {"identity": identity, "first": first, "last": last, "father": father,
            "birth": birth.isoformat() if birth else None, "courses": list(courses.values())}
