"""A grade as a value: the stages, a number 0-20 as :class:`~decimal.Decimal`, the four
descriptive levels of primary school, the marks (absent, exempt), rounding, and the forms
a value is stored in (whole hundredths), travels in ("18.75", "absent") and is shown in
(«۱۸٫۷۵»).  The rules that weigh them are in :mod:`.schemes` and :mod:`.grading`.
"""

from __future__ import annotations

import enum
import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import lru_cache

from .errors import ValidationError
from .text import to_persian_digits


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
    text = plain(value)
    return to_persian_digits(text) if persian else text


def stored_text(entry: Decimal | Descriptive | Mark | None) -> str | None:
    """The plain text a value travels and is filed as: "18.75", "absent", "very_good"."""
    if entry is None:
        return None
    if isinstance(entry, Descriptive):
        return entry.name.lower()
    if isinstance(entry, Mark):
        return entry.value
    return plain(entry)


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


def plain(value: Decimal) -> str:
    """18.50 -> '18.5', 18.00 -> '18'."""
    text = format(value.normalize(), "f")
    return text
