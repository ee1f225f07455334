"""How one kind of course is graded: its columns (:class:`Component`), the numeric scheme
(0-20, weights, rounding, pass mark, the national exam paper) and the descriptive one
(primary's four levels), and what a course comes to for a student (:class:`CourseOutcome`).
Which scheme a course gets is the policy's (:mod:`.grading`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .calendar import SessionKind
from .errors import ValidationError
from .grade_values import (
    DESCRIPTIVE_LABELS,
    Descriptive,
    Entry,
    Mark,
    Rounding,
    plain,
)
from .text import normalize, to_persian_digits


@dataclass(frozen=True)
class Component:
    """One column of a grade sheet: its code, label, session and weight in the annual grade."""

    code: str
    label_fa: str
    session: SessionKind
    weight: int = 0
    is_exam: bool = False


class _Columns:
    """What both kinds of scheme answer of their columns (``components`` of the year's
    sessions, ``summer_components`` of Shahrivar)."""

    components: tuple[Component, ...]
    summer_components: tuple[Component, ...]

    def components_for(self, session: SessionKind) -> tuple[Component, ...]:
        if session is SessionKind.SHAHRIVAR:
            return self.summer_components
        return tuple(c for c in self.components if c.session is session)

    def component(self, code: str) -> Component:
        for c in self.components + self.summer_components:
            if c.code == code:
                return c
        raise ValidationError("grade.component", value=code)


@dataclass(frozen=True)
class NumericScheme(_Columns):
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
        if re.fullmatch(r"[-\u2212][0-9]{1,3}(\.[0-9]{1,4})?|[0-9]{1,3}(\.[0-9]{1,4})?[-\u2212]",
                        candidate):   # «-5» (or «5-», typed right to left): under the range
            raise ValidationError("grade.range", value=text.strip(), low=plain(self.low),
                                  high=plain(self.high))
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
                "grade.range", value=shown, low=plain(self.low), high=plain(self.high)
            )
        if value % self.step != 0:
            raise ValidationError("grade.step", value=shown, step=plain(self.step))
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
class DescriptiveScheme(_Columns):
    """Primary: one of four levels per course and session, never averaged."""

    code: str
    components: tuple[Component, ...]
    summer_components: tuple[Component, ...]
    promote_at_least: Descriptive = Descriptive.ACCEPTABLE
    descriptive: bool = True


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
