"""A realistic demo school, so that the program is worth opening on the first run.

«مجتمع آموزشی دخترانه فرهیختگان» (schools in Iran are single-sex): a primary
section (grades 1-6, descriptive evaluation) and a secondary one (grades 7-9,
and 10-12 in the fields ریاضی و فیزیک، علوم تجربی، ادبیات و علوم انسانی), about
1,000 students with valid national codes, surnames written with ZWNJ
(«حسین‌زاده»), both terms' grades of the current school year, the Dey sheets
approved by the principal and the Khordad sheets still in draft, except the graduating
class «دوازدهم ریاضی», whose Khordad sheets went through school, district and province
(:mod:`.demo_central`) so that every kind of document prints from a fresh demo; users of every
office role (password «daftar»), two teachers with the courses they teach.
Generated from a seed, so the same seed gives the same school.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

import jdatetime
from sqlalchemy import insert, select

from ..domain.calendar import DEFAULT_CALENDAR, SessionKind, to_jalali, today_tehran
from ..domain.curriculum import curriculum_for
from ..domain.grading import DEFAULT_POLICY, Descriptive, Mark, Stage, to_centi
from ..domain.identity import make_national_code
from ..domain.workflow import Role, SheetState
from ..models.db import Database
from ..models.entities import (
    AcademicYear,
    ClassGroup,
    ExamSession,
    Grade,
    GradeSheet,
    School,
)
from . import audit
from .auth import assign_course, create_user
from .context import PRINCIPAL_ACTOR, Actor
from .enrollment import enroll_in
from .school import create_school
from .setup import make_classes_in, open_grade_in
from .students import StudentInput, insert_student, validate_student

GIRL_NAMES = [
    "فاطمه", "زهرا", "مریم", "نرگس", "سارا", "ستایش", "هستی", "یسنا", "رها", "آوا",
    "نازنین‌زهرا", "فاطمه‌زهرا", "کوثر", "ریحانه", "مهسا", "الهام", "نیایش", "حنانه", "ملیکا",
    "آیدا", "باران", "محدثه", "سپیده", "ترانه", "پرنیان", "دینا", "رویا", "سمانه", "عسل",
    "مائده", "هانیه", "یگانه", "زینب", "طاهره", "آتنا", "بهاره", "نگار", "شیوا", "کیانا", "مهتاب",
]
FATHER_NAMES = [
    "محمد", "علی", "حسین", "رضا", "مهدی", "حسن", "محمدرضا", "احمد", "مصطفی", "عباس",
    "جواد", "امیر", "سعید", "مجید", "حمید", "ناصر", "کاظم", "یوسف", "ابراهیم", "اکبر",
    "محمدعلی", "غلامرضا", "مرتضی", "بهروز", "داوود", "فرهاد", "کریم", "منصور", "هادی", "یعقوب",
]
LAST_NAMES = [
    "حسین‌زاده", "علی‌پور", "رضایی", "محمدی", "احمدی", "کریمی", "موسوی", "جعفری", "صادقی",
    "قلی‌پور", "نیک‌نام", "رحیمی", "حسینی", "ابراهیمی", "کاظمی", "عباسی", "نوری", "یزدانی",
    "طاهرخانی", "امیری", "شریفی", "باقری", "اسدی", "محمدزاده", "تقی‌زاده", "ملکی", "فرهادی",
    "رستمی", "صالحی", "قاسمی", "زارعی", "کاظم‌نژاد", "عبدالهی", "سلیمانی", "بهرامی", "خسروی",
    "میرزایی", "نجفی", "حیدری", "اکبری", "رضوانی‌فر", "شاه‌حسینی", "پورمحمدی", "قربانی", "نظری",
    "جمشیدی", "دهقان", "کرمانی", "شیرازی", "اصفهانی", "تهرانی", "یوسفی", "مرادی", "فتحی",
    "اسماعیل‌پور", "خدابنده‌لو", "آقایی", "وحیدی", "منصوری", "رحمانی",
]
PLACES = ["تهران", "تهران", "تهران", "شهر ری", "کرج", "اصفهان", "شیراز", "مشهد", "تبریز",
          "قم", "رشت", "همدان", "یزد", "کرمان", "اهواز", "ساری", "زنجان", "قزوین"]
SERIES = "الف ب ج د ه ی".split()

# (grade, field, class name, base size)
CLASSES: list[tuple[int, str | None, str, int]] = (
    [(g, None, f"{n} {i}", 30)
     for g, n in [(1, "اول"), (2, "دوم"), (3, "سوم"), (4, "چهارم"), (5, "پنجم"), (6, "ششم")]
     for i in ("الف", "ب")]
    + [(g, None, f"{n} {i}", 40) for g, n in [(7, "هفتم"), (8, "هشتم"), (9, "نهم")]
       for i in ("الف", "ب")]
    + [(g, f, f"{n} {fn}", 40)
       for g, n in [(10, "دهم"), (11, "یازدهم"), (12, "دوازدهم")]
       for f, fn in [("math", "ریاضی"), ("science", "تجربی"), ("humanities", "انسانی")]]
    + [(10, "science", "دهم تجربی ۲", 40)]
)
BASE_TOTAL = sum(c[3] for c in CLASSES)  # 1000


DEMO_SCHOOL_CODE = "12345678"
DEMO_PASSWORD = "daftar"  # shown on the sign-in window of the demo school only
DEMO_USERS = [
    ("principal", "زهرا رضایی", Role.PRINCIPAL),   # the window adds the role after the name
    ("deputy", "مریم کریمی", Role.DEPUTY),
    ("clerk", "سمانه نوری", Role.CLERK),
    ("teacher1", "فاطمه حسین‌زاده (دبیر دهم ریاضی)", Role.TEACHER),
    ("teacher2", "نرگس علی‌پور (دبیر دهم تجربی)", Role.TEACHER),
]

# the two teachers' courses: the track's own sciences in «دهم ریاضی» and «دهم تجربی»
TEACHER_COURSES = {
    "math": {f"10-math-{k}" for k in ("math1", "geometry1", "physics1", "chemistry1", "lab1")},
    "science": {f"10-science-{k}" for k in ("math1", "biology1", "physics1", "chemistry1",
                                            "lab1")},
}


@dataclass(frozen=True)
class DemoSummary:
    school: str
    year: int
    classes: int
    courses: int
    students: int
    sheets: int
    grades: int


def _quarter(value: float) -> int:
    """A grade in hundredths on a quarter step, clamped to 0..20."""
    clamped = min(20.0, max(0.0, value))
    return to_centi(Decimal(round(clamped * 4) / 4).quantize(Decimal("0.01")))


def build_demo(db: Database, students: int = 1000, seed: int = 1405,
               year: int | None = None) -> DemoSummary:
    """Create the demo school in an empty database (refused if a school exists)."""
    if students < len(CLASSES):
        raise ValueError(f"the demo school needs at least {len(CLASSES)} students")
    rng = random.Random(seed)
    year = year or DEFAULT_CALENDAR.school_year_of(today_tehran())
    create_school(db, DEMO_SCHOOL_CODE, "مجتمع آموزشی دخترانه فرهیختگان", "منطقه ۶ تهران", "تهران",
                  [Stage.PRIMARY, Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY], year=year)
    scale = students / BASE_TOTAL
    sizes = [max(1, round(c[3] * scale)) for c in CLASSES]
    sizes[-1] = max(1, sizes[-1] + students - sum(sizes))  # exact total

    with db.unit() as s:
        school_id = s.scalar(select(School.id))
        year_row = s.scalar(select(AcademicYear).where(AcademicYear.start_year == year))
        assert school_id is not None and year_row is not None
        sessions = dict(s.execute(select(ExamSession.kind, ExamSession.id)
                                  .where(ExamSession.year_id == year_row.id)).all())

        # The grades and tracks opened and their classes made through the setup service,
        # as a real school's are: the courses come from the curriculum in force.
        curriculum = curriculum_for(year)
        course_rows: list[dict[str, object]] = []
        class_ids: list[int] = []
        for grade, field_code, name, _size in CLASSES:
            opened = {c["code"] for c in course_rows}
            for course in open_grade_in(s, PRINCIPAL_ACTOR, grade, field_code, curriculum):
                if course.code not in opened:
                    course_rows.append(dict(
                        id=course.id, code=course.code, grade=grade, field=field_code,
                        has_final=course.has_final, discipline=course.discipline,
                        national_exam=course.national_exam, difficulty=rng.uniform(-1.0, 2.5)))
            (klass,) = make_classes_in(s, PRINCIPAL_ACTOR, year, grade, field_code, [name],
                                       curriculum)
            class_ids.append(klass.id)
        course_ids = [c["id"] for c in course_rows]

        used_codes: set[str] = set()
        used_records: set[str] = set()
        # Students checked and enrolled as the office's form and workbook do it, each with
        # its audit events (one flush a student: ~1.5 ms each)
        opening = year_row.opening_date
        classes = {k.id: k for k in s.scalars(select(ClassGroup).where(
            ClassGroup.id.in_(class_ids)))}
        student_ids: list[int] = []
        members: dict[int, list[int]] = {cid: [] for cid in class_ids}
        for (grade, _f, _n, _), size, cid in zip(CLASSES, sizes, class_ids, strict=True):
            born_year = year - grade - 6
            for _ in range(size):
                while True:
                    first9 = f"{rng.randrange(1, 10)}{rng.randrange(10**8):08d}"
                    code = make_national_code(first9)
                    if code not in used_codes and code != code[0] * 10:
                        used_codes.add(code)
                        break
                first, last = rng.choice(GIRL_NAMES), rng.choice(LAST_NAMES)
                day = jdatetime.date(born_year, 7, 1) + jdatetime.timedelta(days=rng.randrange(365))
                record = None
                if grade == 12:
                    while record is None or record in used_records:
                        record = f"{rng.randrange(10**18, 10**19)}"
                    used_records.add(record)
                values = validate_student(StudentInput(
                    first, last, rng.choice(FATHER_NAMES), "F", day, rng.choice(PLACES),
                    national_code=code,
                    birth_cert_serial=f"{rng.choice(SERIES)}/{rng.randrange(10, 99)} "
                                      f"{rng.randrange(100000, 999999)}",
                    record_code=record), today=to_jalali(opening))
                student = insert_student(s, values, PRINCIPAL_ACTOR, guard=False)
                enroll_in(s, student, classes[cid], PRINCIPAL_ACTOR, opening)
                student_ids.append(student.id)
                members[cid].append(student.id)

        # Sheets and grades for both terms
        ability = {sid: rng.gauss(15.5, 2.4) for sid in student_ids}
        sheet_specs: list[tuple[int, dict[str, object], SessionKind]] = []
        for class_index, (grade, field_code, _n, _) in enumerate(CLASSES):
            cid = class_ids[class_index]
            for c in course_rows:
                if c["grade"] == grade and c["field"] == field_code:
                    for kind in (SessionKind.DEY, SessionKind.KHORDAD):
                        sheet_specs.append((cid, c, kind))
        sheet_ids = s.scalars(
            insert(GradeSheet).returning(GradeSheet.id, sort_by_parameter_order=True),
            [dict(class_id=cid, course_id=c["id"], session_id=sessions[kind],
                  state=SheetState.APPROVED if kind is SessionKind.DEY else SheetState.DRAFT)
             for cid, c, kind in sheet_specs],
        ).all()
        grade_rows: list[dict[str, object]] = []
        for sheet_id, (cid, c, kind) in zip(sheet_ids, sheet_specs, strict=True):
            scheme = DEFAULT_POLICY.scheme_for(int(c["grade"]), bool(c["has_final"]),  # type: ignore[call-overload]
                                               bool(c["national_exam"]))
            comps = scheme.components_for(kind)
            for sid in members[cid]:
                a = ability[sid]
                for comp in comps:
                    row: dict[str, object] = dict(sheet_id=sheet_id, student_id=sid,
                                                  component=comp.code, updated_by="demo",
                                                  value_centi=None, level=None, mark=None)
                    if scheme.descriptive:
                        v = a + rng.gauss(0, 1.5)
                        row["level"] = int(Descriptive.VERY_GOOD if v >= 16.5 else
                                           Descriptive.GOOD if v >= 14 else
                                           Descriptive.ACCEPTABLE if v >= 11 else
                                           Descriptive.NEEDS_EFFORT)
                    elif c["discipline"]:
                        row["value_centi"] = _quarter(rng.choice([20, 20, 20, 19.75, 19.5, 19, 18]))
                    elif comp.is_exam and rng.random() < 0.003:
                        row["mark"] = Mark.ABSENT.value
                    elif comp.is_exam:
                        row["value_centi"] = _quarter(a - float(c["difficulty"])  # type: ignore[arg-type]
                                                      + rng.gauss(0, 2.0))
                    else:
                        row["value_centi"] = _quarter(a + 1.5 - float(c["difficulty"]) / 2  # type: ignore[arg-type]
                                                      + rng.gauss(0, 1.2))
                    grade_rows.append(row)
        s.execute(insert(Grade), grade_rows)
        math_class = class_ids[[c[2] for c in CLASSES].index("دهم ریاضی")]
        science_class = class_ids[[c[2] for c in CLASSES].index("دهم تجربی")]
        taught = [(0, math_class, c["id"]) for c in course_rows
                  if c["code"] in TEACHER_COURSES["math"]]
        taught += [(1, science_class, c["id"]) for c in course_rows
                   if c["code"] in TEACHER_COURSES["science"]]
        summary = DemoSummary("مجتمع آموزشی دخترانه فرهیختگان", year, len(class_ids),
                              len(course_ids), len(student_ids), len(sheet_ids), len(grade_rows))
        from . import school_key
        from .certificates import demo_keys

        school_key.set_passphrase(s, DEMO_PASSWORD)  # the demo principal's password
        central = demo_keys(s, DEMO_SCHOOL_CODE)  # certified by a demo central key
        audit.record(s, PRINCIPAL_ACTOR, "demo.create", "school", school_id,
                     new={"seed": seed, "students": len(student_ids), "grades": len(grade_rows)})
        graduating = [sid for sid, (cid, _c, kind) in zip(sheet_ids, sheet_specs, strict=True)
                      if cid == class_ids[[c[2] for c in CLASSES].index(GRADUATING_CLASS)]
                      and kind is SessionKind.KHORDAD]
    # Users: one of each office role, two teachers with the courses they teach, made as
    # the principal makes them (the first account is the principal's own)
    users = [create_user(db, u, n, r, DEMO_PASSWORD, PRINCIPAL_ACTOR, first=i == 0).id
             for i, (u, n, r) in enumerate(DEMO_USERS)]
    teacher_ids = users[3:]
    for teacher, klass, course in taught:  # who teaches what, as the office assigns it
        assign_course(db, teacher_ids[teacher], klass, course, PRINCIPAL_ACTOR)
    _graduate(db, graduating, central)
    return summary


GRADUATING_CLASS = "دوازدهم ریاضی"


def _graduate(db: Database, sheet_ids: list[int], central) -> None:  # type: ignore[no-untyped-def]
    """The graduating class through school, district and province (the demo's central
    key decides), so that a fresh demo prints temporary and original certificates."""
    import datetime as dt

    from .demo_central import graduate

    with db.unit() as s:
        deadline = s.scalar(select(ExamSession.deadline).join(GradeSheet).where(
            GradeSheet.id == sheet_ids[0]))
    office = {role: Actor(name, shown, role) for name, shown, role in DEMO_USERS}
    in_time = dt.datetime.combine(deadline, dt.time(5, 30), dt.UTC)  # 09:00 in Tehran
    clock = db.clock
    if clock() > in_time:
        # Built after the Khordad deadline (Mordad, Shahrivar): the class was decided in
        # time, on the deadline's morning, as a real school's would have been.
        db.clock = lambda: in_time
    try:
        _archived_diploma(db, office[Role.CLERK])
        graduate(db, sheet_ids, central, office)
    finally:
        db.clock = clock


def _archived_diploma(db: Database, clerk) -> None:  # type: ignore[no-untyped-def]
    """A graduate of 1378 from the paper ledger, on its way to a code with the class."""
    from .legacy import file

    file(db, clerk, "0084575948", "مینا", "صادقی", "محمود", "1360/05/01", "ج/12 456789",
         "ریاضی فیزیک", "1378", "16.25", "دفتر 2 صفحه 45")


def is_demo(db: Database) -> bool:
    """Whether this database holds the demo school (its sign-in window shows the password)."""
    from .school import get_school

    try:
        return get_school(db).code == DEMO_SCHOOL_CODE
    except Exception:
        return False


def hand_to_centre(db: Database, principal: Actor) -> tuple[int, int]:
    """The demo school connected to a real central server (``./dev.sh demo-central``): what
    the demo's stand-in centre decided is handed back to be decided there, so that the
    real centre holds the graduating class's grades and issues the archived diploma's code
    itself.  The sheets the stand-in approved go back to the principal's approval and into
    the outbox; the archived diploma is filed again, its stand-in code dropped.  Audited;
    the demo school only.  Returns (sheets, diplomas)."""
    from ..domain.errors import DaftarError
    from ..domain.workflow import Action, ChangeState
    from ..models.entities import LegacyDiploma
    from . import approvals

    principal.require(frozenset({Role.PRINCIPAL}), "سپردن مدرسهٔ نمونه به سرور مرکزی")
    if not is_demo(db):
        raise DaftarError("school.not_demo")
    decided = (SheetState.DISTRICT_APPROVED, SheetState.PROVINCE_APPROVED)
    with db.unit() as s:
        sheets = list(s.scalars(select(GradeSheet).where(GradeSheet.state.in_(decided))))
        for sheet in sheets:
            sheet.state, sheet.batch_id = SheetState.APPROVED, None
        diplomas = list(s.scalars(select(LegacyDiploma).where(
            LegacyDiploma.state != ChangeState.REJECTED.value,
            LegacyDiploma.state != ChangeState.FILED.value)))
        for row in diplomas:
            row.state, row.code, row.seal, row.batch_id = ChangeState.FILED.value, None, \
                None, None
        audit.record(s, principal, "demo.to_centre", "school", "demo",
                     new={"sheets": len(sheets), "diplomas": len(diplomas)})
    approvals.move(db, [sh.id for sh in sheets], Action.QUEUE, principal)
    return len(sheets), len(diplomas)
