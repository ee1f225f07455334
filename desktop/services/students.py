"""Students: add, edit, search (their classes: :mod:`.enrollment`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import jdatetime
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.calendar import parse_jalali, today_tehran
from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.identity import (
    identity_text,
    normalize_foreign_id,
    normalize_national_code,
    normalize_record_code,
)
from ..domain.text import (
    collation_key,
    digits_only,
    is_ascii_digits,
    normalize,
    search_key,
)
from ..domain.typed import typed_text
from ..models.db import Database
from ..models.entities import AcademicYear, ClassGroup, Enrollment, School, Student
from . import audit
from .context import DEFAULT_ACTOR, Actor
from .enrollment import LIVE, enroll_in

GENDERS = {"M": "M", "F": "F", "پسر": "M", "دختر": "F", "مرد": "M", "زن": "F",
           "m": "M", "f": "F", "male": "M", "female": "F"}


@dataclass(frozen=True)
class StudentInput:
    """What the office types; checked and normalised by :func:`validate_student`."""

    first_name: str
    last_name: str
    father_name: str
    gender: str
    birth_date: str | jdatetime.date
    birth_place: str
    national_code: str | None = None
    foreign_id_type: str | None = None
    foreign_id_value: str | None = None
    birth_cert_serial: str | None = None
    record_code: str | None = None


@dataclass(frozen=True)
class StudentInfo:
    id: int
    national_code: str | None
    foreign_id_type: str | None
    foreign_id_value: str | None
    first_name: str
    last_name: str
    father_name: str
    gender: str
    birth_date: jdatetime.date
    birth_place: str
    birth_cert_serial: str | None
    record_code: str | None
    class_id: int | None = None
    class_name: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def identity(self) -> str:
        return identity_text(self.national_code, self.foreign_id_type, self.foreign_id_value)


def _name(text: str | None, field: str) -> str:
    value = typed_text(text, field)
    if not value:
        raise ValidationError("name.empty", field=field)
    return value


def validate_student(inp: StudentInput, today: jdatetime.date | None = None) -> dict[str, object]:
    """Column values for a student, or :class:`ValidationError` on the first bad field."""
    has_national = bool((inp.national_code or "").strip())
    has_foreign = bool((inp.foreign_id_type or "").strip() or (inp.foreign_id_value or "").strip())
    if has_national == has_foreign:
        raise ValidationError("student.identity")
    values: dict[str, object] = {
        "first_name": _name(inp.first_name, "نام"),
        "last_name": _name(inp.last_name, "نام خانوادگی"),
        "father_name": _name(inp.father_name, "نام پدر"),
        "birth_place": _name(inp.birth_place, "محل تولد"),
        "national_code": None, "foreign_id_type": None, "foreign_id_value": None,
    }
    if has_national:
        values["national_code"] = normalize_national_code(inp.national_code)
    else:
        fid = normalize_foreign_id(inp.foreign_id_type or "", inp.foreign_id_value)
        values["foreign_id_type"], values["foreign_id_value"] = fid.kind, fid.value
    gender = GENDERS.get(normalize(inp.gender))
    if gender is None:
        raise ValidationError("student.gender", value=inp.gender)
    values["gender"] = gender
    born = inp.birth_date if isinstance(inp.birth_date, jdatetime.date) else parse_jalali(
        inp.birth_date)
    today = today or today_tehran()
    if born > today or born.year < today.year - 100:
        raise ValidationError("student.birth_date", value=str(inp.birth_date))
    values["birth_date"] = born.togregorian()
    serial = normalize(inp.birth_cert_serial) or None
    if serial is not None and len(serial) > 20:
        raise ValidationError("digits.length", field="سریال شناسنامه", length=20, value=serial)
    values["birth_cert_serial"] = serial
    record = (inp.record_code or "").strip()
    values["record_code"] = normalize_record_code(record) if record else None
    values["name_key"] = search_key(f"{values['first_name']} {values['last_name']}")
    return values


def _info(st: Student, class_id: int | None = None, class_name: str | None = None) -> StudentInfo:
    return StudentInfo(
        st.id, st.national_code,
        st.foreign_id_type.value if st.foreign_id_type else None, st.foreign_id_value,
        st.first_name, st.last_name, st.father_name, st.gender,
        jdatetime.date.fromgregorian(date=st.birth_date), st.birth_place,
        st.birth_cert_serial, st.record_code, class_id, class_name,
    )


def _duplicate_of(s: Session, values: dict[str, object], exclude: int | None) -> str | None:
    conds = []
    if values["national_code"]:
        conds.append(Student.national_code == values["national_code"])
    if values["foreign_id_value"]:
        conds.append((Student.foreign_id_type == values["foreign_id_type"])
                     & (Student.foreign_id_value == values["foreign_id_value"]))
    if values["record_code"]:
        conds.append(Student.record_code == values["record_code"])
    q = select(Student).where(or_(*conds))
    if exclude is not None:
        q = q.where(Student.id != exclude)
    other = s.scalar(q.limit(1))
    if other is None:
        return None
    if values["record_code"] and other.record_code == values["record_code"]:
        return str(values["record_code"])
    return str(values["national_code"] or values["foreign_id_value"])


def add_student(db: Database, inp: StudentInput, actor: Actor = DEFAULT_ACTOR) -> StudentInfo:
    values = validate_student(inp)
    with db.unit() as s:
        return _info(insert_student(s, values, actor))


def update_student(db: Database, student_id: int, inp: StudentInput,
                   actor: Actor = DEFAULT_ACTOR) -> StudentInfo:
    values = validate_student(inp)
    with db.unit() as s:
        student = s.get(Student, student_id)
        if student is None:
            raise NotFound("not_found", what="دانش‌آموز", value=student_id)
        change_student(s, student, values, actor)
        return _info(student)


def save_student(db: Database, student_id: int | None, inp: StudentInput,
                 class_id: int | None = None, actor: Actor = DEFAULT_ACTOR) -> StudentInfo:
    """Add (``student_id`` None) or update a student and, if given, enrol them in
    ``class_id`` — one transaction, so a refused enrolment leaves nothing half-saved."""
    values = validate_student(inp)
    with db.unit() as s:
        if student_id is None:
            student = insert_student(s, values, actor)
        else:
            found = s.get(Student, student_id)
            if found is None:
                raise NotFound("not_found", what="دانش‌آموز", value=student_id)
            student = found
            change_student(s, student, values, actor)
        klass = None
        if class_id is not None:
            klass = s.get(ClassGroup, class_id)
            if klass is None:
                raise NotFound("not_found", what="کلاس", value=class_id)
            enroll_in(s, student, klass, actor, today_tehran(db.clock()).togregorian())
        return _info(student, klass.id if klass else None, klass.name if klass else None)


def insert_student(s: Session, values: dict[str, object], actor: Actor,
                   guard: bool = True) -> Student:
    """Insert checked values (from :func:`validate_student`) in the caller's transaction.

    ``guard`` flushes inside a savepoint so that a concurrent duplicate gets the
    Persian message; a bulk import that already checked its rows passes False and
    lets a conflict abort its whole transaction instead.
    """
    school_id = s.scalar(select(School.id).limit(1))
    if school_id is None:
        raise DaftarError("school.missing")
    dup = _duplicate_of(s, values, None)
    if dup:
        raise ValidationError("student.duplicate", value=dup)
    student = Student(school_id=school_id, **values)
    s.add(student)
    if not guard:
        s.flush()
        return _created(s, student, values, actor)
    try:
        with s.begin_nested():
            s.flush()
    except IntegrityError:  # a concurrent insert on a shared database
        raise ValidationError("student.duplicate",
                              value=values["national_code"] or values["foreign_id_value"]
                              ) from None
    return _created(s, student, values, actor)


def _created(s: Session, student: Student, values: dict[str, object], actor: Actor) -> Student:
    audit.record(s, actor, "student.create", "student", student.id, new=_audit_view(values))
    return student


def student_changes(student: Student,
                    values: dict[str, object]) -> dict[str, tuple[object, object]]:
    """Field -> (old, new) for the fields that ``values`` would change."""
    return {k: (getattr(student, k), v) for k, v in values.items()
            if k != "name_key" and getattr(student, k) != v}


def change_student(s: Session, student: Student, values: dict[str, object],
                   actor: Actor) -> bool:
    """Update in the caller's transaction; audit what changed.  False if nothing did."""
    dup = _duplicate_of(s, values, student.id)
    if dup:
        raise ValidationError("student.duplicate", value=dup)
    changes = student_changes(student, values)
    for key, value in values.items():
        setattr(student, key, value)
    if changes:
        audit.record(s, actor, "student.update", "student", student.id,
                     old=_audit_view({k: o for k, (o, _) in changes.items()}),
                     new=_audit_view({k: n for k, (_, n) in changes.items()}))
    return bool(changes)


def _audit_view(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in values.items() if k != "name_key"}


def get_student(db: Database, student_id: int) -> StudentInfo:
    with db.unit() as s:
        student = s.get(Student, student_id)
        if student is None:
            raise NotFound("not_found", what="دانش‌آموز", value=student_id)
        return _info(student)


_LIST_COLUMNS = (Student.id, Student.national_code, Student.foreign_id_type,
                 Student.foreign_id_value, Student.first_name, Student.last_name,
                 Student.father_name, Student.gender, Student.birth_date, Student.birth_place,
                 Student.birth_cert_serial, Student.record_code)


def search_students(db: Database, text: str = "", class_id: int | None = None,
                    year: int | None = None, limit: int | None = None) -> list[StudentInfo]:
    """Students whose name or id contains ``text``, typed in any ی/ک/digit form.

    Digits match the national code or foreign id (prefix); anything else matches
    the name's search key (so «علي پور» finds «علی‌پور»).  With ``year`` the
    class shown is that year's enrolment.  Sorted in Persian alphabetical order.
    """
    q = select(*_LIST_COLUMNS, ClassGroup.id, ClassGroup.name).select_from(Student)
    enrol = (Enrollment.student_id == Student.id) & LIVE
    if year is not None:
        year_ids = select(AcademicYear.id).where(AcademicYear.start_year == year)
        enrol = enrol & Enrollment.year_id.in_(year_ids.scalar_subquery())
    q = q.outerjoin(Enrollment, enrol).outerjoin(ClassGroup, ClassGroup.id == Enrollment.class_id)
    if class_id is not None:
        q = q.where(Enrollment.class_id == class_id)
    typed = normalize(text)
    if typed:
        digits = digits_only(typed)
        if is_ascii_digits(digits):
            q = q.where(or_(Student.national_code.startswith(digits),
                            Student.foreign_id_value.startswith(digits)))
        else:
            q = q.where(Student.name_key.contains(search_key(typed), autoescape=True))
    with db.unit() as s:
        rows = s.execute(q).all()
    found = [StudentInfo(sid, code, ftype.value if ftype else None, fvalue, first, last, father,
                         gender, _jalali(born), place, serial, record, cid, cname)
             for (sid, code, ftype, fvalue, first, last, father, gender, born, place, serial,
                  record, cid, cname) in rows]
    found.sort(key=lambda st: (collation_key(st.last_name), collation_key(st.first_name), st.id))
    return found[:limit] if limit else found


@lru_cache(maxsize=8192)
def _jalali(day: dt.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def find_by_identity(s: Session, values: dict[str, object]) -> Student | None:
    """The stored student with the same national code, or the same foreign id."""
    if values["national_code"]:
        return s.scalar(select(Student).where(Student.national_code == values["national_code"]))
    return s.scalar(select(Student).where(
        Student.foreign_id_type == values["foreign_id_type"],
        Student.foreign_id_value == values["foreign_id_value"]))


def student_by_identity(s: Session, identity: str) -> Student | None:
    """The student named as between systems (``identity_text``: a national code, or
    "type:value" for a foreign student)."""
    if ":" in identity:
        kind, value = identity.split(":", 1)
        return s.scalar(select(Student).where(Student.foreign_id_type == kind,
                                              Student.foreign_id_value == value))
    return s.scalar(select(Student).where(Student.national_code == identity))


def find_student(db: Database, typed: str) -> StudentInfo:
    """:func:`student_by_typed_id` in its own transaction."""
    with db.unit() as s:
        return _info(student_by_typed_id(s, typed))


def student_by_typed_id(s: Session, typed: str) -> Student:
    """A student by the national code typed at the desk, or by a foreign id's value."""
    from ..domain.errors import DaftarError, NotFound
    from ..domain.text import to_ascii_digits

    try:
        found = s.scalar(select(Student).where(
            Student.national_code == normalize_national_code(typed)))
    except DaftarError:
        found = s.scalar(select(Student).where(
            Student.foreign_id_value == to_ascii_digits(typed.strip()).upper()))
    if found is None:
        raise NotFound("not_found", what="دانش‌آموز", value=typed)
    return found
