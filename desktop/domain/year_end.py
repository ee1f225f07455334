"""The year's end: what each student's school year comes to, and the next year's classes.

The outcome is the session rules of :mod:`desktop.domain.results`, once more, on the whole
year (no second rule):

* **After Khordad** (:func:`decide`, no summer grades): the Khordad card's result.
  «قبول» (grades 7-11) and primary «ارتقا» → :attr:`Outcome.PROMOTED`; «تجدید», primary
  «برنامۀ جبرانی» and grade 12's «ناتمام» → :attr:`Outcome.RESIT`, naming the courses
  under the mark (not a waived one): they are sat again in Shahrivar; grade 12's
  «دانش‌آموخته» → :attr:`Outcome.GRADUATED`.
* **After Shahrivar** (summer grades of the re-sat courses given): the Khordad rule again
  on the year's rows with each re-sat course's summer grade in place of its Khordad one.
  Passed → promoted (graduated in grade 12: the diploma rule decides again, waivers
  included); still short → :attr:`Outcome.REPEAT` (grades 1-11: the grade is repeated)
  or :attr:`Outcome.UNFINISHED` (grade 12: no diploma; the courses are retaken by exam).
* A student who left the school during the year: :attr:`Outcome.LEFT`.

Assumption (as in :mod:`results`): the carry-over allowances of the regulations (passing
the grade with a course owed) are not modelled.

The next year's classes (:func:`next_class_name`): «دهم ریاضی ۱» → «یازدهم ریاضی ۱» (the
grade's name replaced where the class name has it; put in front where it has not).  A
course "goes on" into the next grade when its subject is the same: its name without the
trailing number («فارسی ۱» → «فارسی ۲»: :func:`subject_of`); the teacher is carried there.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .calendar import SessionKind
from .grading import DEFAULT_POLICY, CourseOutcome, GradingPolicy
from .results import (
    GRADUATED,
    PASSED,
    PROMOTED,
    WAIVED,
    CourseRow,
    card,
)
from .structure import GRADE_LEVEL_NAMES
from .text import normalize, to_ascii_digits


class Outcome(enum.StrEnum):
    PROMOTED = "promoted"
    RESIT = "resit"
    REPEAT = "repeat"
    GRADUATED = "graduated"
    UNFINISHED = "unfinished"
    LEFT = "left"

    @property
    def label_fa(self) -> str:
        return {
            Outcome.PROMOTED: PROMOTED,
            Outcome.RESIT: "شهریور",
            Outcome.REPEAT: "تکرار پایه",
            Outcome.GRADUATED: "دانش‌آموخته",
            Outcome.UNFINISHED: "ناتمام",
            Outcome.LEFT: "رفته از مدرسه",
        }[self]

    @property
    def settled(self) -> bool:
        """Final for the year (a re-sit waits for Shahrivar)."""
        return self is not Outcome.RESIT


class ClosingStage(enum.StrEnum):
    """How far the year is closed: after Khordad (re-sits still to come), or wholly."""

    KHORDAD = "khordad"
    FINAL = "final"

    @property
    def label_fa(self) -> str:
        return {ClosingStage.KHORDAD: "بسته پس از خرداد (شهریور در پیش)",
                ClosingStage.FINAL: "بسته"}[self]

    def locks(self, session: SessionKind) -> bool:
        """Whether a sheet of ``session`` is closed to grades at this stage (Shahrivar's
        stay open for the re-sits until they are settled)."""
        return self is ClosingStage.FINAL or session is not SessionKind.SHAHRIVAR


@dataclass(frozen=True)
class Decision:
    outcome: Outcome | None          # None: a grade the rule needs is not in
    courses: tuple[str, ...] = ()    # RESIT: the courses to sit again; REPEAT/UNFINISHED:
                                     # those still short after Shahrivar
    average: Decimal | None = None
    missing: tuple[str, ...] = ()    # courses without a result (outcome None)


def decide(grade_level: int, rows: Sequence[CourseRow],
           summer: Mapping[str, CourseOutcome] | None = None,
           policy: GradingPolicy = DEFAULT_POLICY) -> Decision:
    """The year's outcome from the Khordad rows (and, after Shahrivar, the summer outcome of
    each course that was re-sat, by course name).  The rules in the module's comment."""
    if summer is not None:
        rows = [replace(r, outcome=summer[r.name]) if r.name in summer else r for r in rows]
    missing = tuple(r.name for r in rows if not r.outcome.complete)
    if missing:
        return Decision(None, missing=missing)
    result = card(grade_level, SessionKind.KHORDAD, rows, policy)
    short = tuple(line.name for line in result.lines
                  if line.passed is False and line.status != WAIVED)
    if result.result in (PASSED, PROMOTED):
        return Decision(Outcome.PROMOTED, average=result.average)
    if result.result == GRADUATED:
        return Decision(Outcome.GRADUATED, average=result.average)
    if summer is None:
        return Decision(Outcome.RESIT, short, result.average)
    return Decision(Outcome.UNFINISHED if grade_level == 12 else Outcome.REPEAT, short,
                    result.average)


def next_grade(grade_level: int) -> int | None:
    """The grade a promoted student goes to (None after the 12th)."""
    return grade_level + 1 if grade_level < 12 else None


def next_class_name(name: str, grade_level: int) -> str:
    """The class a promoted class becomes: the grade's name replaced by the next one's."""
    nxt = next_grade(grade_level)
    if nxt is None:
        raise ValueError("no grade after the 12th")
    clean = normalize(name)
    old, new = GRADE_LEVEL_NAMES[grade_level], GRADE_LEVEL_NAMES[nxt]
    words = clean.split(" ")
    if old in words:
        words[words.index(old)] = new
        return " ".join(words)
    return f"{new} {clean}"


_TRAILING_NUMBER = re.compile(r"\s*[(]?[0-9]+[)]?$")


def subject_of(course_name: str) -> str:
    """«فارسی ۱» → «فارسی»; «ریاضی (۲)» → «ریاضی»; a name without a number is itself."""
    ascii_name = to_ascii_digits(normalize(course_name))
    return _TRAILING_NUMBER.sub("", ascii_name).strip()
