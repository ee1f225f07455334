"""Excel workbooks (openpyxl): students and grade sheets, in and out.

Import is two steps.  ``plan_*`` reads the workbook and says, per row, what would
be added, changed, left as it is, or refused and why, changing nothing.
``apply_*`` writes the whole plan in one transaction, and only when no row was
refused: a workbook is never half-imported.  A broken file, a missing column or
a Gregorian Excel date gets a Persian message and changes nothing.

Workbooks are right to left, with Persian headers; identifiers and grades are
written as text so that leading zeros and quarter steps survive Excel.  For a
student already on file, a blank birth-certificate serial or record code keeps
the stored one (a partial workbook is not an order to erase); every real change
is listed in the dry run.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.calendar import format_jalali, to_jalali, today_tehran
from ..domain.curriculum import Curriculum, class_of_name, curriculum_for, track_name
from ..domain.errors import DaftarError, ValidationError
from ..domain.grading import Mark, format_grade
from ..domain.identity import ForeignIdType
from ..domain.structure import GRADE_LEVEL_NAMES
from ..domain.text import normalize, search_key, to_ascii_digits, to_persian_digits
from ..models.db import Database
from ..models.entities import ClassGroup, Enrollment, Student
from .context import DEFAULT_ACTOR, Actor
from .enrollment import LIVE, enroll_in
from .grades import CellEdit, read_sheet, write_grades
from .progress import CancelFn, Progress, ProgressFn
from .school import year_id as school_year_id
from .setup import SETUP_ACTION, SETUP_ROLES, make_classes_in
from .students import (
    StudentInput,
    change_student,
    find_by_identity,
    insert_student,
    student_changes,
    validate_student,
)

# key, Persian header, required
STUDENT_COLUMNS: list[tuple[str, str, bool]] = [
    ("national_code", "کد ملی", False),
    ("foreign_id_type", "نوع شناسه اتباع", False),
    ("foreign_id_value", "شناسه اتباع", False),
    ("first_name", "نام", True),
    ("last_name", "نام خانوادگی", True),
    ("father_name", "نام پدر", True),
    ("gender", "جنسیت", True),
    ("birth_date", "تاریخ تولد", True),
    ("birth_place", "محل تولد", True),
    ("birth_cert_serial", "سریال شناسنامه", False),
    ("record_code", "کد سابقه تحصیلی", False),
    ("class", "کلاس", False),
]
FIELD_LABELS = {key: label for key, label, _ in STUDENT_COLUMNS}
OPTIONAL_KEEP = ("birth_cert_serial", "record_code")
META_SHEET = "_daftar"


class Action:
    ADD = "add"
    CHANGE = "change"
    SAME = "same"
    REFUSE = "refuse"

    LABELS = {ADD: "افزودن", CHANGE: "تغییر", SAME: "بدون تغییر", REFUSE: "رد"}


@dataclass(frozen=True)
class RowPlan:
    row: int                       # the row number in the sheet, as Excel shows it
    action: str
    name: str
    details: tuple[str, ...] = ()  # why refused, or what changes
    payload: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ImportPlan:
    kind: str
    rows: tuple[RowPlan, ...]
    target: Any = None  # e.g. the sheet id of a grades import

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def refused(self) -> int:
        return self.count(Action.REFUSE)

    @property
    def can_apply(self) -> bool:
        return self.refused == 0 and any(r.action in (Action.ADD, Action.CHANGE)
                                         for r in self.rows)


# --- reading ------------------------------------------------------------------

def _open(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        raise ValidationError("workbook.broken", path=Path(path).name,
                              detail=type(e).__name__) from None


def _text(value: Any) -> str:
    """A cell as typed text: integral numbers lose their '.0', everything is normalised."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _header_map(headers: list[Any], columns: dict[str, str]) -> dict[str, int]:
    """Column key -> index, matching Persian labels or English keys in any typed form."""
    wanted = {search_key(label): key for key, label in columns.items()}
    wanted.update({search_key(key): key for key in columns})
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = wanted.get(search_key(_text(h)))
        if key is not None and key not in found:
            found[key] = i
    return found


def _rows(ws: Any) -> Iterator[tuple[int, list[Any]]]:
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if row is None or all(v is None or _text(v) == "" for v in row):
            continue
        yield number, list(row)


# --- students -----------------------------------------------------------------

def student_template(path: Path) -> Path:
    """A blank students workbook with the right headers and choice lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "دانش‌آموزان"
    ws.sheet_view.rightToLeft = True
    ws.append([label for _, label, _ in STUDENT_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, _ in enumerate(STUDENT_COLUMNS):
        ws.column_dimensions[chr(ord("A") + i)].width = 18
        ws.column_dimensions[chr(ord("A") + i)].number_format = "@"  # text: keeps leading zeros
    gender = DataValidation(type="list", formula1='"دختر,پسر"', allow_blank=False)
    kinds = DataValidation(type="list",
                           formula1='"' + ",".join(k.value for k in ForeignIdType) + '"')
    ws.add_data_validation(gender)
    ws.add_data_validation(kinds)
    gender.add("G2:G2000")
    kinds.add("B2:B2000")
    wb.save(path)
    return Path(path)


def plan_students(db: Database, path: Path, year: int, progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None) -> ImportPlan:
    """Dry run of a students workbook: what each row would do.  Changes nothing."""
    wb = _open(path)
    ws = wb.worksheets[0]
    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
    cols = _header_map(list(header or []), {k: label for k, label, _ in STUDENT_COLUMNS})
    missing = [label for key, label, required in STUDENT_COLUMNS if required and key not in cols]
    if "national_code" not in cols and "foreign_id_value" not in cols:
        missing.insert(0, FIELD_LABELS["national_code"])
    if missing:
        raise ValidationError("workbook.header", missing="، ".join(missing))
    rows = list(_rows(ws))
    if not rows:
        raise ValidationError("workbook.empty")
    step = Progress(progress, cancel)
    plans: list[RowPlan] = []
    seen: dict[object, int] = {}
    curriculum = curriculum_for(year)
    made: dict[str, tuple[str, int, str | None]] = {}  # the classes the workbook makes
    with db.unit() as s:
        year_id = school_year_id(s, year)
        classes = {c.name_key: c for c in s.scalars(
            select(ClassGroup).where(ClassGroup.year_id == year_id))}
        for done, (number, raw) in enumerate(rows, start=1):
            step.step(done, len(rows))
            plans.append(_plan_student_row(s, number, raw, cols, classes, made, year_id, seen,
                                           curriculum))
        s.rollback()  # a dry run: nothing of it stays, whatever was loaded
    return ImportPlan("students", tuple(plans), target=year)


def _plan_student_row(s: Any, number: int, raw: list[Any], cols: dict[str, int],
                      classes: dict[str, ClassGroup],
                      made: dict[str, tuple[str, int, str | None]], year_id: int,
                      seen: dict[object, int], curriculum: Curriculum) -> RowPlan:
    def get(key: str) -> str:
        i = cols.get(key)
        return _text(raw[i]) if i is not None and i < len(raw) else ""

    name = f"{get('first_name')} {get('last_name')}".strip() or "—"
    born_index = cols.get("birth_date")
    if born_index is not None and isinstance(raw[born_index], (dt.date, dt.datetime)):
        return RowPlan(number, Action.REFUSE, name,
                       (ValidationError("workbook.date_cell", row=number).message(),))
    inp = StudentInput(
        first_name=get("first_name"), last_name=get("last_name"),
        father_name=get("father_name"), gender=get("gender"), birth_date=get("birth_date"),
        birth_place=get("birth_place"), national_code=get("national_code") or None,
        foreign_id_type=get("foreign_id_type") or None,
        foreign_id_value=get("foreign_id_value") or None,
        birth_cert_serial=get("birth_cert_serial") or None,
        record_code=get("record_code") or None)
    try:
        values = validate_student(inp)
    except DaftarError as e:
        return RowPlan(number, Action.REFUSE, name, (e.message(),))
    identity = values["national_code"] or (values["foreign_id_type"], values["foreign_id_value"])
    if identity in seen:
        return RowPlan(number, Action.REFUSE, name,
                       (f"همین دانش‌آموز در ردیف {seen[identity]} هم آمده است.",))
    seen[identity] = number
    klass = None
    new: tuple[str, int, str | None] | None = None  # a class this import makes
    class_name = get("class")
    if class_name:
        key = search_key(class_name)
        klass = classes.get(key)
        if klass is None:
            new = made.get(key)
        if klass is None and new is None:
            said = class_of_name(normalize(class_name), curriculum)
            if said is None:
                return RowPlan(number, Action.REFUSE, name, (
                    f"کلاس «{class_name}» پیدا نشد و نامش پایه و رشته‌اش را نمی‌گوید "
                    "(مانند «دهم ریاضی ۱» یا «هفتم الف»).",))
            new = made[key] = (normalize(class_name), *said)
    student = find_by_identity(s, values)
    details: list[str] = []
    if student is None:
        action = Action.ADD
        if values["record_code"] and s.scalar(select(Student.id).where(
                Student.record_code == values["record_code"])):
            return RowPlan(number, Action.REFUSE, name,
                           (ValidationError("student.duplicate",
                                            value=values["record_code"]).message(),))
    else:
        # A blank optional cell means "not given here", not "erase": keep what is stored.
        for key in OPTIONAL_KEEP:
            if values[key] is None and getattr(student, key) is not None:
                values[key] = getattr(student, key)
        changes = student_changes(student, values)
        action = Action.CHANGE if changes else Action.SAME
        details = [f"{FIELD_LABELS.get(k, k)}: «{_show(o)}» ← «{_show(n)}»"
                   for k, (o, n) in changes.items()]
    if klass is not None or new is not None:
        current = None
        if student is not None:
            found = s.execute(
                select(Enrollment.class_id, ClassGroup.name)
                .join(ClassGroup, Enrollment.class_id == ClassGroup.id)
                .where(Enrollment.student_id == student.id, Enrollment.year_id == year_id,
                       Enrollment.exam_course_id.is_(None), LIVE)).first()
            if found is not None:
                current = found[0]
                if current != (klass.id if klass else None):
                    return RowPlan(number, Action.REFUSE, name, (
                        f"این دانش‌آموز امسال در کلاس «{to_persian_digits(found[1])}» "
                        "ثبت‌نام شده است؛ "
                        "جابه‌جایی از راه «انتقال به کلاس دیگر» است.",))
        if current is None and klass is not None:
            details.append(f"ثبت‌نام در کلاس «{klass.name}»")
        elif current is None and new is not None:
            made_name, grade, track = new
            details.append(f"ثبت‌نام در کلاس تازهٔ «{made_name}» (پایهٔ {GRADE_LEVEL_NAMES[grade]}"
                           + (f"، رشتهٔ {track_name(track)}" if track else "") + ")")
        if current is None:
            action = Action.CHANGE if action == Action.SAME else action
    return RowPlan(number, action, name, tuple(details),
                   payload=(values, klass.id if klass else None, new))


def _show(value: object) -> str:
    if isinstance(value, dt.date):
        return format_jalali(to_jalali(value), persian=False)
    return "" if value is None else str(value)


def apply_students(db: Database, plan: ImportPlan, actor: Actor = DEFAULT_ACTOR,
                   progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None) -> dict[str, int]:
    """Write a students plan in one transaction; refused if any row was refused."""
    if plan.refused:
        raise ValidationError("import.refused_rows", count=plan.refused)
    step = Progress(progress, cancel)
    todo = [r for r in plan.rows if r.action in (Action.ADD, Action.CHANGE)]
    new_classes: dict[str, tuple[int, str | None]] = {}
    for row in todo:
        made = row.payload[2]
        if made is not None:
            new_classes.setdefault(made[0], made[1:])
    if new_classes:
        actor.require(SETUP_ROLES, SETUP_ACTION)
    today = today_tehran(db.clock())
    try:
        with db.unit() as s:
            curriculum = curriculum_for(int(plan.target))
            made_ids: dict[str, int] = {}
            for class_name, (grade, track) in new_classes.items():
                (klass,) = make_classes_in(s, actor, int(plan.target), grade, track,
                                           [class_name], curriculum)
                made_ids[class_name] = klass.id
            for done, row in enumerate(todo, start=1):
                step.step(done, len(todo))
                values, class_id, made = row.payload
                if made is not None:
                    class_id = made_ids[made[0]]
                student = find_by_identity(s, values)
                if student is None:
                    student = insert_student(s, values, actor, guard=False)
                else:
                    change_student(s, student, values, actor)
                if class_id is not None:
                    klass = s.get(ClassGroup, class_id)
                    assert klass is not None
                    enroll_in(s, student, klass, actor, today.togregorian())
    except IntegrityError:
        raise DaftarError("import.stale") from None
    return {Action.ADD: plan.count(Action.ADD), Action.CHANGE: plan.count(Action.CHANGE)}


# --- grade sheets ---------------------------------------------------------------

def export_sheet(db: Database, sheet_id: int, path: Path) -> Path:
    """One grade sheet as a workbook: the class list, every column, the results.

    With no grades yet it is the blank form to fill; it imports back with
    :func:`plan_grades`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    data = read_sheet(db, sheet_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "نمره‌ها"
    ws.sheet_view.rightToLeft = True
    heads = ["کد ملی", "نام خانوادگی", "نام"] + [c.label for c in data.columns] + [
        "نتیجه", "وضعیت"]
    ws.append(heads)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for row in data.rows:
        out = outcome_texts(row.outcome)
        ws.append([row.national_code or "", row.last_name, row.first_name]
                  + [_cell_text(row.cells.get(c.code)) for c in data.columns] + list(out))
    for i, col in enumerate(data.columns, start=4):
        if not col.editable:
            for r in range(2, ws.max_row + 1):
                ws.cell(r, i).fill = grey
    for i in range(len(heads)):
        ws.column_dimensions[chr(ord("A") + i)].width = 16
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["sheet_id", data.sheet_id])
    meta.append(["title", sheet_title(data)])
    wb.save(path)
    return Path(path)


def sheet_title(data: Any) -> str:
    return f"{data.class_name} / {data.course_name} / {data.session.label_fa} / {data.year}"


def _cell_text(entry: object) -> str:
    """Grades as text with ASCII digits (Excel keeps 18.50 and leading zeros as typed)."""
    return "" if entry is None else format_grade(entry, persian=False)  # type: ignore[arg-type]


def outcome_texts(outcome: Any) -> tuple[str, str]:
    if outcome.exempt:
        return ("", Mark.EXEMPT.label_fa)
    shown = outcome.level.label_fa if outcome.level is not None else _cell_text(outcome.grade)
    status = "" if outcome.passed is None else ("قبول" if outcome.passed else "مردود")
    return (shown, status)


def plan_grades(db: Database, sheet_id: int, path: Path, progress: ProgressFn | None = None,
                cancel: CancelFn | None = None) -> ImportPlan:
    """Dry run of a grades workbook for one sheet: changes per student, or why refused."""
    data = read_sheet(db, sheet_id)
    wb = _open(path)
    if META_SHEET in wb.sheetnames:
        meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True) if r}
        if meta.get("sheet_id") not in (None, sheet_id):
            raise ValidationError("workbook.other_sheet", found=meta.get("title", "?"),
                                  expected=sheet_title(data))
    ws = wb.worksheets[0]
    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
    editable = [c for c in data.columns if c.editable]
    cols = _header_map(list(header or []), {"national_code": "کد ملی",
                                            **{c.code: c.label for c in editable}})
    missing = [label for key, label in [("national_code", "کد ملی")]
               + [(c.code, c.label) for c in editable] if key not in cols]
    if missing:
        raise ValidationError("workbook.header", missing="، ".join(missing))
    by_code = {r.national_code: r for r in data.rows if r.national_code}
    scheme_parse = _parser(db, data)
    rows = list(_rows(ws))
    if not rows:
        raise ValidationError("workbook.empty")
    step = Progress(progress, cancel)
    plans: list[RowPlan] = []
    seen: set[str] = set()
    for done, (number, raw) in enumerate(rows, start=1):
        step.step(done, len(rows))
        code = to_ascii_digits(_text(raw[cols["national_code"]])).zfill(10)
        student = by_code.get(code)
        if student is None:
            plans.append(RowPlan(number, Action.REFUSE, code,
                                 ("دانش‌آموزی با این کد ملی در این کلاس نیست.",)))
            continue
        name = f"{student.first_name} {student.last_name}"
        if code in seen:
            plans.append(RowPlan(number, Action.REFUSE, name, ("این کد ملی دوبار آمده است.",)))
            continue
        seen.add(code)
        edits: list[CellEdit] = []
        details: list[str] = []
        refused: list[str] = []
        for col in editable:
            typed = _text(raw[cols[col.code]]) if cols[col.code] < len(raw) else ""
            try:
                entry = scheme_parse(typed)
            except DaftarError as e:
                refused.append(f"{col.label}: {e.message()}")
                continue
            old = student.cells.get(col.code)
            if old != entry or type(old) is not type(entry):
                edits.append(CellEdit(student.student_id, col.code, typed))
                details.append(f"{col.label}: «{_cell_text(old)}» ← «{_cell_text(entry)}»")
        if refused:
            plans.append(RowPlan(number, Action.REFUSE, name, tuple(refused)))
        elif edits:
            plans.append(RowPlan(number, Action.CHANGE, name, tuple(details), payload=edits))
        else:
            plans.append(RowPlan(number, Action.SAME, name))
    return ImportPlan("grades", tuple(plans), target=sheet_id)


def _parser(db: Database, data: Any):  # type: ignore[no-untyped-def]
    from ..domain.grading import DEFAULT_POLICY
    from .school import list_courses

    course = next(c for c in list_courses(db, data.class_id) if c.id == data.course_id)
    return DEFAULT_POLICY.scheme_for(data.grade_level, course.has_final,
                                     course.national_exam, course.exam_only).parse


def apply_grades(db: Database, plan: ImportPlan, actor: Actor = DEFAULT_ACTOR) -> int:
    """Write a grades plan as one transaction (the same path as a paste).  Returns cells."""
    if plan.refused:
        raise ValidationError("import.refused_rows", count=plan.refused)
    edits = [e for r in plan.rows if r.action == Action.CHANGE for e in r.payload]
    write_grades(db, plan.target, edits, actor, reason="import")
    return len(edits)

