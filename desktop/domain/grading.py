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

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .calendar import SessionKind
from .errors import ValidationError
from .grade_values import (
    DESCRIPTIVE_LABELS,
    Descriptive,
    Entry,
    Mark,
    Rounding,
    Stage,
    format_grade,
    from_centi,
    parse_stored,
    plain,
    stage_of,
    stored_text,
    to_centi,
)
from .repair import RepairPolicy
from .schemes import (
    Component,
    CourseOutcome,
    DescriptiveScheme,
    NumericScheme,
    Scheme,
    weighted_average,
)
from .text import to_persian_digits

# The values and schemes are named here too: the policy is where the rest of the
# program finds them (``from desktop.domain.grading import Mark``).
__all__ = [
    "DEFAULT_POLICY", "DEFAULT_POLICY_DATA", "DESCRIPTIVE_LABELS", "Component", "CourseOutcome",
    "CourseRecord", "Descriptive", "DescriptiveScheme", "DiplomaResult", "Entry",
    "GradingPolicy", "Mark", "NumericScheme", "Rounding", "Scheme", "Stage", "format_grade",
    "from_centi", "parse_stored", "stage_of", "stored_text", "to_centi", "weighted_average",
]


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
            shown = "—" if average is None else to_persian_digits(plain(average))
            reasons.append(
                f"معدل کل {shown} کمتر از "
                f"{to_persian_digits(plain(self.diploma_min_average))} است."
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
