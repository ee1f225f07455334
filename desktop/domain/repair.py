"""Grade repair and creating an academic record at an adult school (ترمیم نمره و ایجاد
سابقۀ تحصیلی, seed 000).

A past graduate registers at an adult school in the repair window (20-30 Farvardin;
``CalendarPolicy.windows["repair"]``) with their 19-digit record code, and chooses
courses of their record to retake in the final exams.  The rules here:

* A course may be chosen only if it is in the graduate's record (a final-exam course of
  a sheet the province approved); each at most once.
* The exam is a sheet like any other, of an ``exam_only`` course (the grading policy's
  ``exam_only`` scheme: the final paper alone), entered in the grid and approved by the
  school, the district and the province.
* The repaired grade replaces the stored one only as the policy says
  (:class:`RepairPolicy`, data in the grading policy's ``"repair"``): by default only
  when it is higher, so a repair never lowers a record.  Source of the default: the
  regulation's practice that a candidate's best final-exam grade counts (our reading;
  the rule is data so a province can set another).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import ValidationError
from .text import normalize

RULES = ("higher", "latest")


@dataclass(frozen=True)
class RepairPolicy:
    rule: str = "higher"        # "higher": only a higher grade replaces; "latest": always
    source: str = "آیین‌نامۀ امتحانات نهایی: بهترین نمرۀ امتحان نهایی داوطلب ملاک است"

    def replaces(self, stored: Decimal | None, repaired: Decimal) -> bool:
        """Whether the repaired grade takes the place of the stored one."""
        if stored is None or self.rule == "latest":
            return True
        return repaired > stored

    def replaces_cell(self, stored: object, repaired: object) -> bool:
        """:meth:`replaces` on stored cells: an absence at the repair exam (no number)
        never replaces; an absence in the record counts 0, as it did in the average."""
        if not isinstance(repaired, Decimal):
            return False
        if stored is not None and not isinstance(stored, Decimal):
            stored = Decimal(0)
        return self.replaces(stored, repaired)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> RepairPolicy:
        data = data or {}
        rule = str(data.get("rule", "higher"))
        if rule not in RULES:
            raise ValidationError("repair.rule", value=rule)
        return cls(rule, str(data.get("source", cls.source)))


@dataclass(frozen=True)
class RecordCourse:
    """A final-exam course of the graduate's record, as the central server holds it."""

    code: str
    name: str
    units: int
    grade_level: int
    year: int
    grade: str          # the stored final-exam grade, as text ("12.5")


def choose(record: list[RecordCourse], wanted: list[str]) -> list[RecordCourse]:
    """The courses chosen, by code or name, each in the record and once; else refused."""
    if not wanted:
        raise ValidationError("repair.none")
    chosen: list[RecordCourse] = []
    for typed in wanted:
        key = normalize(typed)
        found = [c for c in record if c.code == typed.strip() or normalize(c.name) == key]
        if not found:
            raise ValidationError("repair.not_in_record", course=typed)
        if found[0] in chosen:
            raise ValidationError("repair.twice", course=found[0].name)
        chosen.append(found[0])
    return chosen
