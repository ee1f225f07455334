"""A student's 19-digit academic-record code (seed 000), asked of the central server by
the school office and kept on the student; a slip to hand over.

The office sends what identifies the student (national code and birth-certificate
serial, or the foreign id and birth date) from its own records; the central server
checks it against what the school sent and answers with the person's one code (the
same one again if it was issued before).  A code the student brings from elsewhere is
kept as it is (any 19 digits): the office does not ask again for a student who has one.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.calendar import format_jalali, to_jalali, today_tehran
from ..domain.errors import DaftarError
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import Student
from . import audit
from .central_calls import ask
from .context import Actor
from .school import get_school
from .students import student_by_typed_id

WHO = frozenset({Role.PRINCIPAL, Role.CLERK, Role.DEPUTY})


def request(db: Database, actor: Actor, typed: str, timeout: float = 30.0) -> tuple[str, bool]:
    """The student's code: (code, whether they had it already)."""
    actor.require(WHO, "دریافت کد سابقۀ تحصیلی")
    with db.unit() as s:
        st = student_by_typed_id(s, typed)
        if st.record_code:
            return st.record_code, True
        if st.national_code:
            kind, value, secret = "national", st.national_code, st.birth_cert_serial or ""
        else:
            kind, value = str(st.foreign_id_type), st.foreign_id_value or ""
            secret = format_jalali(to_jalali(st.birth_date), persian=False)
        student_id = st.id
    try:
        answer = ask(db, "POST", "/v1/record-codes", timeout,
                     json={"kind": kind, "value": value, "secret": secret}).json()
    except ValueError:
        raise DaftarError("sync.answer") from None
    code = str(answer["code"])
    with db.unit() as s:
        st = s.get(Student, student_id)
        st.record_code = code
        audit.record(s, actor, "student.record_code", "student", student_id, old=None, new=code)
    return code, bool(answer.get("replay"))


def slip(db: Database, typed: str, out: Path) -> str:
    """The slip of a student who has a code; returns the code."""
    from ..printing.slips import record_code_slip

    with db.unit() as s:
        st = student_by_typed_id(s, typed)
        if not st.record_code:
            raise DaftarError("record.none", name=f"{st.first_name} {st.last_name}")
        fields = [("نام و نام خانوادگی", f"{st.first_name} {st.last_name}"),
                  ("نام پدر", st.father_name or "—"),
                  ("کد ملی / شناسه", st.national_code or f"{st.foreign_id_value}"),
                  ("تاریخ تولد", format_jalali(to_jalali(st.birth_date)))]
        code = st.record_code
    school = get_school(db)
    record_code_slip(out, f"{school.name} — کد مدرسه {school.code}", fields, code,
                     format_jalali(today_tehran(db.clock())))
    return code
