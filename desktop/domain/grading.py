"""The grading policy, as data.

Sources (DOMAIN.md; confidence H/M/L as given there):

* Upper secondary (متوسطه دوم), regulation of Council session 932 (1395):
  annual grade, day students = (continuous1 + 2*final1 + continuous2 + 4*final2) / 8  [H];
  a course without a final exam = mean of the two continuous grades  [H];
  summer course = (continuous + 3*final) / 4, exam-only candidates get the exam
  grade  [H]; rounding of annual and summer grades *up* to the next quarter  [M];
  pass = annual >= 10  [H]; a national-exam (نهایی) course also needs its exam
  paper (final2) >= 7  [H]; discipline counts with 2 units in the average  [M];
  diploma = average >= 10 and every course passed, with a waiver for up to 4
  courses (2 national + 2 school) whose annual grade is >= 7  [M].
* Lower secondary (متوسطه اول), regulation of 1386 revised 1397:
  term grade = (continuous + final) / 2  [H]; year = term1 + 2*term2 out of 60,
  pass >= 30  [M].  Here that is kept on the 0-20 scale as
  (term1 + 2*term2) / 3 = (c1 + f1 + 2*c2 + 2*f2) / 6 with pass >= 10, which is
  the same rule; discipline is not in the average  [M].
* Primary (ابتدایی), regulation of session 911 (1394): four descriptive levels per
  course, never averaged; promoted in Khordad if every course is at least
  «قابل قبول», else remedial work and Shahrivar  [H].
* An unexcused absence from an exam: that component is 0, printed «غایب»  [M].
  An exempt course (معاف, e.g. physical education on medical grounds) is left out
  of the average and of pass/fail (assumption).

Every formula is a set of weights over named components, and every number is in
``DEFAULT_POLICY_DATA``; a different year's regulation is a different dict given
to :meth:`GradingPolicy.from_dict`.  Grades are :class:`~decimal.Decimal` in the
domain and whole hundredths (``centi``) in the database, so 18.75 is exact.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from .calendar import SessionKind
from .errors import ValidationError
from .repair import RepairPolicy
from .text import normalize, to_persian_digits


class Stage(enum.StrEnum):
    PRIMARY = "primary"                  # ابتدایی، پایه ۱ تا ۶
    LOWER_SECONDARY = "lower_secondary"  # متوسطه اول، پایه ۷ تا ۹
    UPPER_SECONDARY = "upper_secondary"  # متوسطه دوم، پایه ۱۰ تا ۱۲

    @property
    def label_fa(self) -> str:
        return {
            Stage.PRIMARY: "ابتدایی",
            Stage.LOWER_SECONDARY: "متوسطه اول",
            Stage.UPPER_SECONDARY: "متوسطه دوم",
        }[self]


def stage_of(grade_level: int) -> Stage:
    if 1 <= grade_level <= 6:
        return Stage.PRIMARY
    if 7 <= grade_level <= 9:
        return Stage.LOWER_SECONDARY
    if 10 <= grade_level <= 12:
        return Stage.UPPER_SECONDARY
    raise ValueError(f"grade level {grade_level} is not 1..12")


class Mark(enum.StrEnum):
    """A grade cell that holds no number."""

    ABSENT = "absent"  # غایب: counts as 0
    EXEMPT = "exempt"  # معاف: the course is left out

    @property
    def label_fa(self) -> str:
        return {Mark.ABSENT: "غایب", Mark.EXEMPT: "معاف"}[self]


class Descriptive(enum.IntEnum):
    """The four levels of primary descriptive evaluation (ارزشیابی توصیفی)."""

    NEEDS_EFFORT = 1  # نیاز به تلاش بیشتر
    ACCEPTABLE = 2    # قابل قبول
    GOOD = 3          # خوب
    VERY_GOOD = 4     # خیلی خوب

    @property
    def label_fa(self) -> str:
        return DESCRIPTIVE_LABELS[self]


DESCRIPTIVE_LABELS = {
    Descriptive.VERY_GOOD: "خیلی خوب",
    Descriptive.GOOD: "خوب",
    Descriptive.ACCEPTABLE: "قابل قبول",
    Descriptive.NEEDS_EFFORT: "نیاز به تلاش بیشتر",
}


class Rounding(enum.StrEnum):
    CEIL_QUARTER = "ceil_quarter"        # 12.10 -> 12.25, 12.60 -> 12.75
    NEAREST_QUARTER = "nearest_quarter"  # 12.10 -> 12.00, 12.13 -> 12.25
    HUNDREDTHS = "hundredths"            # 12.104 -> 12.10

    def apply(self, value: Decimal) -> Decimal:
        if self is Rounding.HUNDREDTHS:
            return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        mode = ROUND_CEILING if self is Rounding.CEIL_QUARTER else ROUND_HALF_UP
        # Round to hundredths first so that 12.0000001 from a division is 12.
        value = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        return ((value * 4).quantize(Decimal(1), rounding=mode) / 4).quantize(Decimal("0.01"))


# A cell: a number, a descriptive level, a mark, or nothing yet.
Entry = Decimal | Descriptive | Mark | None


@dataclass(frozen=True)
class Component:
    """One column of a grade sheet: its code, label, session and weight in the annual grade."""

    code: str
    label_fa: str
    session: SessionKind
    weight: int = 0
    is_exam: bool = False


@dataclass(frozen=True)
class NumericScheme:
    """Numeric grades 0-20 for one kind of course."""

    code: str
    components: tuple[Component, ...]
    summer_components: tuple[Component, ...]
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(20)
    step: Decimal = Decimal("0.25")
    rounding: Rounding = Rounding.CEIL_QUARTER
    pass_mark: Decimal = Decimal(10)
    national_paper: str | None = None       # the component that is the national exam paper
    national_paper_min: Decimal = Decimal(7)
    descriptive: bool = False

    def components_for(self, session: SessionKind) -> tuple[Component, ...]:
        if session is SessionKind.SHAHRIVAR:
            return self.summer_components
        return tuple(c for c in self.components if c.session is session)

    def component(self, code: str) -> Component:
        for c in self.components + self.summer_components:
            if c.code == code:
                return c
        raise ValidationError("grade.component", value=code)

    # --- input ------------------------------------------------------------
    def parse(self, text: str | Decimal | int | float | None) -> Decimal | Mark | None:
        """A typed cell -> a checked value, a mark, or None for an empty cell.

        Accepts Persian, Arabic-Indic or ASCII digits; «.», «٫», «/» or «,» as
        the decimal point (an office writes ۱۸/۵ for 18.5); «غ» or «غایب» for
        absent, «م» or «معاف» for exempt.
        """
        if text is None:
            return None
        if isinstance(text, (Decimal, int, float)):
            return self.check(Decimal(str(text)))
        typed = normalize(text)
        if typed == "":
            return None
        for mark in Mark:
            if typed in (mark.label_fa, mark.label_fa[0], mark.value):
                return mark
        candidate = re.sub(r"[٫/,]", ".", typed)
        if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,4})?|\.[0-9]{1,4}", candidate):
            raise ValidationError("grade.not_number", value=text.strip())
        try:
            value = Decimal(candidate)
        except InvalidOperation:  # pragma: no cover - the pattern above prevents it
            raise ValidationError("grade.not_number", value=text.strip()) from None
        return self.check(value, typed=text.strip())

    def check(self, value: Decimal, typed: str | None = None) -> Decimal:
        shown = typed if typed is not None else str(value)
        if not (self.low <= value <= self.high):
            raise ValidationError(
                "grade.range", value=shown, low=_plain(self.low), high=_plain(self.high)
            )
        if value % self.step != 0:
            raise ValidationError("grade.step", value=shown, step=_plain(self.step))
        return value.quantize(Decimal("0.01"))

    # --- computation -------------------------------------------------------
    def annual(self, entries: Mapping[str, Entry]) -> CourseOutcome:
        """The annual grade and the pass decision from both terms' components."""
        return self._weighted(self.components, entries, summer=False)

    def absent(self, session: SessionKind, entries: Mapping[str, Entry]) -> bool:
        """Whether the student missed the session's exam (marked absent: it counts as 0)."""
        return any(entries.get(c.code) is Mark.ABSENT for c in self.components_for(session)
                   if c.is_exam)

    def session_grade(self, session: SessionKind, entries: Mapping[str, Entry]) -> CourseOutcome:
        """The result a sheet of ``session`` shows: the term grade for Dey (its own
        components, weighted), the annual grade for Khordad, the summer grade for Shahrivar."""
        if session is SessionKind.KHORDAD:
            return self.annual(entries)
        if session is SessionKind.SHAHRIVAR:
            return self.summer(entries)
        return self._weighted(self.components_for(session), entries, summer=True)

    def summer(self, entries: Mapping[str, Entry]) -> CourseOutcome:
        """The Shahrivar grade: the weighted summer components; exam only if no continuous."""
        components = self.summer_components
        if all(entries.get(c.code) is None for c in components if not c.is_exam):
            components = tuple(c for c in components if c.is_exam)
        return self._weighted(components, entries, summer=True)

    def _weighted(
        self, components: Iterable[Component], entries: Mapping[str, Entry], summer: bool
    ) -> CourseOutcome:
        total = Decimal(0)
        weights = 0
        for comp in components:
            if comp.weight == 0:
                continue
            value = entries.get(comp.code)
            if value is Mark.EXEMPT:
                return CourseOutcome(None, None, exempt=True)
            if value is None:
                return CourseOutcome(None, None)
            if value is Mark.ABSENT:
                value = Decimal(0)
            if not isinstance(value, Decimal):
                raise ValidationError("grade.not_number", value=str(value))
            total += value * comp.weight
            weights += comp.weight
        if weights == 0:
            return CourseOutcome(None, None)
        grade = self.rounding.apply(total / weights)
        passed = grade >= self.pass_mark
        paper_failed = False
        if self.national_paper is not None and not summer:
            paper = entries.get(self.national_paper)
            paper_value = Decimal(0) if paper is Mark.ABSENT else paper
            if isinstance(paper_value, Decimal) and paper_value < self.national_paper_min:
                passed = False
                paper_failed = True
        return CourseOutcome(grade, passed, paper_failed=paper_failed)

    def with_national_paper(self) -> NumericScheme:
        """The same scheme for a national-exam course: its last final is the paper."""
        finals = [c.code for c in self.components if c.is_exam]
        return replace(self, national_paper=finals[-1] if finals else None)


@dataclass(frozen=True)
class DescriptiveScheme:
    """Primary: one of four levels per course and session, never averaged."""

    code: str
    components: tuple[Component, ...]
    summer_components: tuple[Component, ...]
    promote_at_least: Descriptive = Descriptive.ACCEPTABLE
    descriptive: bool = True

    def components_for(self, session: SessionKind) -> tuple[Component, ...]:
        if session is SessionKind.SHAHRIVAR:
            return self.summer_components
        return tuple(c for c in self.components if c.session is session)

    def component(self, code: str) -> Component:
        for c in self.components + self.summer_components:
            if c.code == code:
                return c
        raise ValidationError("grade.component", value=code)

    def parse(self, text: str | int | Descriptive | None) -> Descriptive | Mark | None:
        """A level by its Persian name, or its number 1 (نیاز به تلاش بیشتر) to 4 (خیلی خوب)."""
        if text is None or isinstance(text, Descriptive):
            return text
        typed = normalize(str(text))
        if typed == "":
            return None
        for mark in Mark:
            if typed in (mark.label_fa, mark.label_fa[0], mark.value):
                return mark
        for level, label in DESCRIPTIVE_LABELS.items():
            if typed == label or typed == str(int(level)) or typed == level.name.lower():
                return level
        levels = "، ".join(
            f"{to_persian_digits(int(lv))}: {lb}" for lv, lb in DESCRIPTIVE_LABELS.items()
        )
        raise ValidationError("grade.level", value=str(text).strip(), levels=levels)

    def promoted(self, entries: Iterable[Entry]) -> bool | None:
        """Khordad promotion: every course at least «قابل قبول»; None while incomplete."""
        values = [e for e in entries if e is not Mark.EXEMPT]
        if any(v is None for v in values):
            return None
        return all(isinstance(v, Descriptive) and v >= self.promote_at_least for v in values)

    def absent(self, session: SessionKind, entries: Mapping[str, Entry]) -> bool:
        """Descriptive evaluation has no exam to miss."""
        return False

    def session_grade(self, session: SessionKind, entries: Mapping[str, Entry]) -> CourseOutcome:
        """The level the sheet of ``session`` decides (levels are never averaged)."""
        return self._level(self.components_for(session)[-1].code, entries)

    def annual(self, entries: Mapping[str, Entry]) -> CourseOutcome:
        """The course's year result: the Khordad level decides (it is not an average)."""
        return self._level(self.components[-1].code, entries)

    def _level(self, code: str, entries: Mapping[str, Entry]) -> CourseOutcome:
        value = entries.get(code)
        if value is Mark.EXEMPT:
            return CourseOutcome(None, None, exempt=True)
        if not isinstance(value, Descriptive):
            return CourseOutcome(None, None)
        return CourseOutcome(None, value >= self.promote_at_least, level=value)


Scheme = NumericScheme | DescriptiveScheme


@dataclass(frozen=True)
class CourseOutcome:
    """The result of one course for one student: a grade (or level) and pass/fail."""

    grade: Decimal | None
    passed: bool | None
    exempt: bool = False
    paper_failed: bool = False
    level: Descriptive | None = None

    @property
    def complete(self) -> bool:
        return self.exempt or self.passed is not None


def weighted_average(items: Iterable[tuple[Decimal, int]]) -> Decimal | None:
    """معدل: sum(grade x units) / sum(units), to hundredths; None with no units."""
    total = Decimal(0)
    units = 0
    for grade, unit in items:
        total += grade * unit
        units += unit
    if units == 0:
        return None
    return (total / units).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CourseRecord:
    """What the diploma rule needs of one course."""

    name: str
    units: int
    grade: Decimal | None
    passed: bool | None
    national: bool = False
    discipline: bool = False
    exempt: bool = False


@dataclass(frozen=True)
class DiplomaResult:
    granted: bool
    average: Decimal | None
    waived: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradingPolicy:
    """All grading rules of one regulation, built from ``DEFAULT_POLICY_DATA``-shaped data."""

    name: str
    upper: NumericScheme
    upper_no_final: NumericScheme
    lower: NumericScheme
    lower_no_final: NumericScheme
    exam_only: NumericScheme
    primary: DescriptiveScheme
    discipline_units: dict[Stage, int | None]
    waiver_max_national: int
    waiver_max_school: int
    waiver_min_grade: Decimal
    diploma_min_average: Decimal
    repair: RepairPolicy = field(default_factory=RepairPolicy)
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def component_label(self, code: str) -> str:
        """A component's name on paper («پایانی نوبت دوم») from its code ("f2")."""
        for scheme in (self.upper, self.upper_no_final, self.lower, self.lower_no_final):
            for c in scheme.components + scheme.summer_components:
                if c.code == code:
                    return c.label_fa
        for c in self.primary.components:
            if c.code == code:
                return c.label_fa
        return code

    def scheme_for(self, grade_level: int, has_final: bool = True,
                   national: bool = False, exam_only: bool = False) -> Scheme:
        """The scheme of a course of ``grade_level``; ``exam_only``: a course retaken by
        its final exam alone (grade repair at an adult school, ``domain.repair``)."""
        stage = stage_of(grade_level)
        if stage is Stage.PRIMARY:
            return self.primary
        if exam_only:
            return self.exam_only
        if stage is Stage.LOWER_SECONDARY:
            return self.lower if has_final else self.lower_no_final
        scheme = self.upper if has_final else self.upper_no_final
        return scheme.with_national_paper() if national and has_final else scheme

    def average(self, stage: Stage, courses: Iterable[CourseRecord]) -> Decimal | None:
        """معدل of one student's year: weighted by units, discipline as the stage says."""
        if stage is Stage.PRIMARY:
            raise ValidationError("grade.descriptive_average")
        items = []
        for c in courses:
            units = self.units_in_average(stage, c.units, c.discipline)
            if c.exempt or c.grade is None or units is None:
                continue
            items.append((c.grade, units))
        return weighted_average(items)

    def units_in_average(self, stage: Stage, units: int, discipline: bool) -> int | None:
        """The units a course weighs in the average: its own, or for discipline the
        stage's ``discipline_units`` (None: discipline is not in that stage's average)."""
        return self.discipline_units.get(stage) if discipline else units

    def pass_mark(self, stage: Stage) -> Decimal:
        """The pass mark of a course of ``stage`` (numeric stages)."""
        return self.lower.pass_mark if stage is Stage.LOWER_SECONDARY else self.upper.pass_mark

    def diploma(self, courses: list[CourseRecord]) -> DiplomaResult:
        """Upper-secondary graduation: average >= 10, every course passed, or waived."""
        average = self.average(Stage.UPPER_SECONDARY, courses)
        reasons: list[str] = []
        failed = [c for c in courses if not c.exempt and c.passed is False]
        missing = [c for c in courses if not c.exempt and c.grade is None]
        if missing:
            reasons.append("نمره درس‌های " + "، ".join(c.name for c in missing) + " ثبت نشده است.")
        waived: list[str] = []
        unwaived: list[str] = []
        national_left, school_left = self.waiver_max_national, self.waiver_max_school
        for c in failed:
            eligible = c.grade is not None and c.grade >= self.waiver_min_grade
            if eligible and c.national and national_left > 0:
                national_left -= 1
                waived.append(c.name)
            elif eligible and not c.national and school_left > 0:
                school_left -= 1
                waived.append(c.name)
            else:
                unwaived.append(c.name)
        if len(unwaived) == 1:
            reasons.append(f"درس «{unwaived[0]}» قبول نشده است و قابل ارفاق نیست.")
        elif unwaived:  # one line for them all: a weak student's card still fits its page
            reasons.append("درس‌های " + "، ".join(f"«{n}»" for n in unwaived)
                           + " قبول نشده‌اند و قابل ارفاق نیستند.")
        if average is None or average < self.diploma_min_average:
            shown = "—" if average is None else to_persian_digits(_plain(average))
            reasons.append(
                f"معدل کل {shown} کمتر از "
                f"{to_persian_digits(_plain(self.diploma_min_average))} است."
            )
        return DiplomaResult(not reasons, average, tuple(waived), tuple(reasons))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradingPolicy:
        def comps(rows: list[list[Any]]) -> tuple[Component, ...]:
            return tuple(
                Component(code, label, SessionKind(session), int(weight), bool(exam))
                for code, label, session, weight, exam in rows
            )

        def numeric(key: str) -> NumericScheme:
            s = data["schemes"][key]
            return NumericScheme(
                code=key,
                components=comps(s["components"]),
                summer_components=comps(s["summer"]),
                low=Decimal(str(s.get("low", 0))),
                high=Decimal(str(s.get("high", 20))),
                step=Decimal(str(s.get("step", "0.25"))),
                rounding=Rounding(s.get("rounding", "ceil_quarter")),
                pass_mark=Decimal(str(s.get("pass", 10))),
                national_paper_min=Decimal(str(s.get("national_paper_min", 7))),
            )

        p = data["schemes"]["primary"]
        return cls(
            name=data["name"],
            upper=numeric("upper"),
            upper_no_final=numeric("upper_no_final"),
            lower=numeric("lower"),
            lower_no_final=numeric("lower_no_final"),
            exam_only=numeric("exam_only"),
            primary=DescriptiveScheme(
                code="primary",
                components=comps(p["components"]),
                summer_components=comps(p["summer"]),
                promote_at_least=Descriptive[p.get("promote_at_least", "ACCEPTABLE")],
            ),
            discipline_units={Stage(k): v for k, v in data["discipline_units"].items()},
            waiver_max_national=int(data["diploma"]["waiver_max_national"]),
            waiver_max_school=int(data["diploma"]["waiver_max_school"]),
            waiver_min_grade=Decimal(str(data["diploma"]["waiver_min_grade"])),
            diploma_min_average=Decimal(str(data["diploma"]["min_average"])),
            repair=RepairPolicy.from_dict(data.get("repair")),
            data=data,
        )


_SUMMER = [["sc", "مستمر تابستان", "SHAHRIVAR", 1, False],
           ["sf", "امتحان شهریور", "SHAHRIVAR", 3, True]]

DEFAULT_POLICY_DATA: dict[str, Any] = {
    "name": "آیین‌نامه‌های ۱۳۹۵ (متوسطه دوم)، ۱۳۹۷ (متوسطه اول) و ۱۳۹۴ (ابتدایی)",
    "schemes": {
        "upper": {
            "components": [
                ["c1", "مستمر نوبت اول", "DEY", 1, False],
                ["f1", "پایانی نوبت اول", "DEY", 2, True],
                ["c2", "مستمر نوبت دوم", "KHORDAD", 1, False],
                ["f2", "پایانی نوبت دوم", "KHORDAD", 4, True],
            ],
            "summer": _SUMMER,
            "rounding": "ceil_quarter", "pass": 10, "national_paper_min": 7,
        },
        "upper_no_final": {
            "components": [
                ["c1", "مستمر نوبت اول", "DEY", 1, False],
                ["c2", "مستمر نوبت دوم", "KHORDAD", 1, False],
            ],
            "summer": _SUMMER,
            "rounding": "ceil_quarter", "pass": 10,
        },
        "lower": {
            "components": [
                ["c1", "مستمر نوبت اول", "DEY", 1, False],
                ["f1", "پایانی نوبت اول", "DEY", 1, True],
                ["c2", "مستمر نوبت دوم", "KHORDAD", 2, False],
                ["f2", "پایانی نوبت دوم", "KHORDAD", 2, True],
            ],
            "summer": _SUMMER,
            "rounding": "ceil_quarter", "pass": 10,
        },
        "lower_no_final": {
            "components": [
                ["c1", "مستمر نوبت اول", "DEY", 1, False],
                ["c2", "مستمر نوبت دوم", "KHORDAD", 2, False],
            ],
            "summer": _SUMMER,
            "rounding": "ceil_quarter", "pass": 10,
        },
        # Grade repair (seed 000): the graduate retakes the final exam alone; its grade is
        # the new final paper (f2; sf in Shahrivar), compared with the record's by "repair".
        "exam_only": {
            "components": [["f2", "امتحان نهایی (ترمیم)", "KHORDAD", 1, True]],
            "summer": [["sf", "امتحان شهریور (ترمیم)", "SHAHRIVAR", 1, True]],
            "rounding": "ceil_quarter", "pass": 10,
        },
        "primary": {
            "components": [
                ["d1", "ارزشیابی نوبت اول", "DEY", 0, False],
                ["d2", "ارزشیابی پایانی", "KHORDAD", 1, False],
            ],
            "summer": [["ds", "ارزشیابی شهریور", "SHAHRIVAR", 1, False]],
            "promote_at_least": "ACCEPTABLE",
        },
    },
    "discipline_units": {"upper_secondary": 2, "lower_secondary": None, "primary": None},
    "diploma": {
        "min_average": 10, "waiver_max_national": 2, "waiver_max_school": 2,
        "waiver_min_grade": 7,
    },
    "repair": {"rule": "higher"},
}

DEFAULT_POLICY = GradingPolicy.from_dict(DEFAULT_POLICY_DATA)


def to_centi(value: Decimal) -> int:
    """18.75 -> 1875, the stored form."""
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)  # a grade is one of 2,001 values: made once each (Decimal is immutable)
def from_centi(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


def format_grade(value: Decimal | Descriptive | Mark | None, persian: bool = True) -> str:
    """How a cell reads on screen and paper: «۱۸٫۷۵», «۱۸», «غایب», «خیلی خوب»."""
    if value is None:
        return ""
    if isinstance(value, (Mark, Descriptive)):
        return value.label_fa
    text = _plain(value)
    return to_persian_digits(text) if persian else text


def stored_text(entry: Decimal | Descriptive | Mark | None) -> str | None:
    """The plain text a value travels and is filed as: "18.75", "absent", "very_good"."""
    if entry is None:
        return None
    if isinstance(entry, Descriptive):
        return entry.name.lower()
    if isinstance(entry, Mark):
        return entry.value
    return _plain(entry)


def parse_stored(text: str | None) -> Decimal | Descriptive | Mark | None:
    """The inverse of :func:`stored_text`; anything else is refused (``grade.stored``).

    Only the form is checked here; the scheme's ``parse`` checks range and step."""
    if text is None:
        return None
    if text in (m.value for m in Mark):
        return Mark(text)
    if text in (d.name.lower() for d in Descriptive):
        return Descriptive[text.upper()]
    if not _STORED_NUMBER.fullmatch(text):
        raise ValidationError("grade.stored", value=text)
    return Decimal(text).quantize(Decimal("0.01"))


_STORED_NUMBER = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2})?")


def _plain(value: Decimal) -> str:
    """18.50 -> '18.5', 18.00 -> '18'."""
    text = format(value.normalize(), "f")
    return text
