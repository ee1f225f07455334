"""The school structure as data: grade levels (پایه), branches (شاخه) and fields (رشته)."""

from __future__ import annotations

import jdatetime

from .calendar import DEFAULT_CALENDAR, format_jalali, school_year_label
from .errors import ValidationError
from .grading import Stage, stage_of

GRADE_LEVEL_NAMES = {
    1: "اول", 2: "دوم", 3: "سوم", 4: "چهارم", 5: "پنجم", 6: "ششم",
    7: "هفتم", 8: "هشتم", 9: "نهم", 10: "دهم", 11: "یازدهم", 12: "دوازدهم",
}

# code -> Persian name
BRANCHES = {
    "theoretical": "نظری",
    "technical": "فنی و حرفه‌ای",
    "vocational": "کاردانش",
}

# code -> (branch code, Persian name)
FIELDS = {
    "math": ("theoretical", "ریاضی و فیزیک"),
    "science": ("theoretical", "علوم تجربی"),
    "humanities": ("theoretical", "ادبیات و علوم انسانی"),
    "islamic": ("theoretical", "علوم و معارف اسلامی"),
    "computer": ("technical", "شبکه و نرم‌افزار رایانه"),
    "electronics": ("technical", "الکترونیک"),
    "accounting": ("vocational", "حسابداری"),
    "graphics": ("vocational", "گرافیک"),
}

# code -> the short name a class takes after its grade: «دهم ریاضی ۱»
TRACK_SHORT = {
    "math": "ریاضی",
    "science": "تجربی",
    "humanities": "انسانی",
    "islamic": "معارف",
}


def grade_levels() -> list[tuple[int, str, Stage]]:
    return [(n, name, stage_of(n)) for n, name in GRADE_LEVEL_NAMES.items()]


def check_leaving_date(day: jdatetime.date, school_year: int, today: jdatetime.date,
                       since: jdatetime.date) -> None:
    """A student leaves a class (to another class or out of the school) on a day of the
    class's school year, not after today and not before they entered the class."""
    first = DEFAULT_CALENDAR.opening_date(school_year)
    last = min(DEFAULT_CALENDAR.last_day(school_year), today)
    if not (max(first, since) <= day <= last):
        raise ValidationError("setup.left_date", value=format_jalali(day),
                              year=school_year_label(school_year),
                              since=format_jalali(since))
