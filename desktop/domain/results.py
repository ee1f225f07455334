"""What a student's session comes to: the lines of a report card and its overall result.

One rule, used by the report card, the certificates and the graduates' list, so that
every number on paper is recomputable from what the paper shows:

* **Units as the average uses them.**  A line prints the units that
  :meth:`GradingPolicy.average` gives it: a course's own units; discipline (انضباط)
  with ``discipline_units`` of the stage (2 in upper secondary, regulation of 1395;
  not in the average in lower secondary, regulation of 1397: printed «—»); an exempt
  or ungraded course «—».  So ``average = Σ(grade × units) / Σ units`` over the printed
  rows, to hundredths (half up), exactly as :func:`weighted_average` computes it.
* **The session result** (Khordad and Shahrivar; a Dey card is a mid-year report with
  no decision: its overall line gives the term average and the number of courses under
  the pass mark):

  - primary, Khordad: «ارتقا به پایۀ بالاتر» when every course is at least the
    policy's ``promote_at_least`` level, else «برنامۀ جبرانی» (remedial work and the
    Shahrivar evaluation, regulation of session 911); Shahrivar the same rule on the
    summer levels, «تکرار پایه» when still short.  Never an average, never «مردود».
  - grades 7-11, Khordad: «قبول» when every course passed, else «تجدید» (the failed
    courses go to the Shahrivar re-sit).  Shahrivar: «قبول» when every re-sat course
    passed, else «مردود» (assumption: the carry-over allowances of the regulations are
    not modelled).
  - grade 12, Khordad: the diploma rule (:meth:`GradingPolicy.diploma`):
    «دانش‌آموخته» (with the waived courses named) or «ناتمام»; Shahrivar as grades 7-11
    (the card lists the re-sat courses only).

A course's own status: «قبول» / «مردود», «مردود (برگۀ نهایی کمتر از ۷)» when the
national paper decided it, «ارفاق» for a waived course; primary: «کسب شد» /
«برنامۀ جبرانی».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .calendar import SessionKind
from .grading import (
    DEFAULT_POLICY,
    CourseOutcome,
    CourseRecord,
    Descriptive,
    GradingPolicy,
    Stage,
    format_grade,
    stage_of,
)
from .text import to_persian_digits

PASSED, FAILED, RESIT, GRADUATED, UNFINISHED = "قبول", "مردود", "تجدید", "دانش‌آموخته", "ناتمام"
PROMOTED, REMEDIAL, REPEAT = "ارتقا به پایۀ بالاتر", "برنامۀ جبرانی", "تکرار پایه"
ACHIEVED, WAIVED = "کسب شد", "ارفاق"
NOT_COUNTED = "—"


@dataclass(frozen=True)
class CourseRow:
    """One course of one student, as read from the sheets."""

    name: str
    units: int
    outcome: CourseOutcome
    national: bool = False
    discipline: bool = False


@dataclass(frozen=True)
class CardLine:
    name: str
    units: int | None          # as the average uses it; None: not in the average
    grade: Decimal | None
    level: Descriptive | None
    exempt: bool
    passed: bool | None
    status: str

    @property
    def units_text(self) -> str:
        return NOT_COUNTED if self.units is None else str(self.units)

    @property
    def grade_text(self) -> str:
        """ASCII digits; paper turns them Persian."""
        if self.level is not None:
            return self.level.label_fa
        if self.exempt:
            return "معاف"
        return NOT_COUNTED if self.grade is None else format_grade(self.grade, persian=False)


@dataclass(frozen=True)
class CardResult:
    stage: Stage
    session: SessionKind
    lines: tuple[CardLine, ...]
    average: Decimal | None        # None for primary, and where nothing counts
    units: int                     # Σ units over the lines in the average
    failed: int                    # courses under the pass mark, not waived
    result: str                    # "" for a Dey card
    waived: tuple[str, ...] = ()
    levels: tuple[tuple[Descriptive, int], ...] = ()   # primary: how many at each level
    reasons: tuple[str, ...] = ()
    diploma: bool | None = None    # grade 12: the diploma decision

    @property
    def descriptive(self) -> bool:
        return self.stage is Stage.PRIMARY


def printed_lines(result: CardResult) -> list[str]:
    """The card's grade table as the grades digest covers it (:func:`.seal.grades_digest`):
    one line a course, its name, units, grade and status as printed, space-separated."""
    return [" ".join((line.name, line.units_text, line.grade_text, line.status))
            for line in result.lines]


def card(grade_level: int, session: SessionKind, rows: Sequence[CourseRow],
         policy: GradingPolicy = DEFAULT_POLICY) -> CardResult:
    """The lines and the overall result of one student's session (the rules above)."""
    stage = stage_of(grade_level)
    if stage is Stage.PRIMARY:
        return _primary(session, rows)
    records = [CourseRecord(r.name, r.units, r.outcome.grade, r.outcome.passed, r.national,
                            r.discipline, r.outcome.exempt) for r in rows]
    diploma = None
    waived: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    if grade_level == 12 and session is SessionKind.KHORDAD:
        d = policy.diploma(records)
        diploma, waived, reasons = d.granted, d.waived, d.reasons
    lines = []
    for r in rows:
        o = r.outcome
        units = policy.units_in_average(stage, r.units, r.discipline)
        if o.exempt or o.grade is None:
            units = None
        if session is SessionKind.DEY or o.passed is None:
            status = ""
        elif o.passed:
            status = PASSED
        elif r.name in waived:
            status = WAIVED
        elif o.paper_failed:
            paper_min = to_persian_digits(format_grade(policy.upper.national_paper_min, False))
            status = f"{FAILED} (برگۀ نهایی کمتر از {paper_min})"
        else:
            status = RESIT if session is SessionKind.KHORDAD and grade_level < 12 else FAILED
        lines.append(CardLine(r.name, units, o.grade, None, o.exempt, o.passed, status))
    average = policy.average(stage, records)
    counted = sum(line.units or 0 for line in lines)
    failed = sum(1 for line in lines if line.passed is False and line.status != WAIVED)
    if session is SessionKind.DEY:
        failed = sum(1 for line in lines if line.grade is not None and not line.exempt
                     and line.grade < policy.pass_mark(stage))
        result = ""
    elif diploma is not None:
        result = GRADUATED if diploma else UNFINISHED
    elif any(line.passed is None and not line.exempt for line in lines):
        result = ""                      # not every grade is in yet
    elif failed == 0:
        result = PASSED
    else:
        result = RESIT if session is SessionKind.KHORDAD else FAILED
    return CardResult(stage, session, tuple(lines), average, counted, failed, result,
                      waived, (), reasons, diploma)


def _primary(session: SessionKind, rows: Sequence[CourseRow]) -> CardResult:
    """Levels as the outcomes carry them (the policy's threshold decided ``passed``)."""
    lines = []
    counts = {level: 0 for level in sorted(Descriptive, reverse=True)}
    for r in rows:
        if r.discipline:
            continue
        o = r.outcome
        if o.level is not None:
            counts[o.level] += 1
        status = "" if session is SessionKind.DEY or o.passed is None else (
            ACHIEVED if o.passed else REMEDIAL)
        lines.append(CardLine(r.name, None, None, o.level, o.exempt, o.passed, status))
    short = sum(1 for line in lines if line.passed is False)
    if session is SessionKind.DEY or any(line.passed is None and not line.exempt
                                         for line in lines):
        result = ""
    elif short == 0:
        result = PROMOTED
    else:
        result = REMEDIAL if session is SessionKind.KHORDAD else REPEAT
    return CardResult(Stage.PRIMARY, session, tuple(lines), None, 0, short, result,
                      levels=tuple(counts.items()))
