"""Jalali (Solar Hijri) calendar, the school year, exam sessions and their deadlines.

Facts (DOMAIN.md, seed 002, form no. 4 of instruction 189984/460):

* Farvardin..Shahrivar have 31 days, Mehr..Bahman 30, Esfand 29 (30 in a leap
  year).  jdatetime is pinned and tested against known dates (1403 leap, 1407
  not, 1 Mehr 1404 = 2025-09-23).
* The school year *Y* opens on 1 Mehr *Y* (the next day if that is a Friday;
  official holidays beyond Friday are not computed, so the opening day is
  configurable) and ends on the last day of Shahrivar *Y+1*.
* Three exam sessions a year.  Records reach the central server by the end of:

  ========== ============================== =====================
  session    Persian                        deadline
  ========== ============================== =====================
  DEY        نوبت اول (دی)                  10 Esfand *Y*
  KHORDAD    نوبت دوم (خرداد)               30 Tir *Y+1*
  SHAHRIVAR  نوبت شهریور (تابستان)          30 Mehr *Y+1* (next school year)
  ========== ============================== =====================

  The deadline day itself is still open; the records lock at 00:00 Tehran time
  on the day after.  The central server's clock decides; the client only shows.
* The original certificate may be printed for 6 months after graduation is
  finalised; then printing from the school stops until a permit reopens it.

All of it is a :class:`CalendarPolicy` built from plain data, so that an update
of the rules (a regional opening day, a moved deadline) is data, not code.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import jdatetime

from .errors import ValidationError
from .text import to_ascii_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
WEEKDAYS_FA = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
MEHR, ESFAND, TIR = 7, 12, 4
FARVARDIN, KHORDAD = 1, 3

_DATE_RE = re.compile(r"([0-9]{4})[/\-.]([0-9]{1,2})[/\-.]([0-9]{1,2})")


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def parse_jalali(text: str) -> jdatetime.date:
    """«۱۴۰۴/۰۷/۰۱», «1404-7-1» -> a Jalali date, or :class:`ValidationError`."""
    typed = (text or "").strip()
    m = _DATE_RE.fullmatch(to_ascii_digits(typed))
    if not m:
        raise ValidationError("date.format", value=typed)
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12) or not (1 <= day <= month_length(year, month)):
        raise ValidationError("date.format", value=typed)
    return jdatetime.date(year, month, day)


def format_jalali(date: jdatetime.date | _dt.date, persian: bool = True) -> str:
    """``1404/07/01``, in Persian digits by default."""
    if isinstance(date, _dt.date) and not isinstance(date, jdatetime.date):
        date = jdatetime.date.fromgregorian(date=date)
    text = f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return to_persian_digits(text) if persian else text


def format_instant(instant: _dt.datetime) -> str:
    """An instant as Tehran's Jalali date and time: «۱۴۰۵/۰۹/۰۱ ۱۲:۳۰»."""
    local = instant.astimezone(TEHRAN)
    return to_persian_digits(f"{format_jalali(to_jalali(local.date()), False)} {local:%H:%M}")


def format_jalali_long(date: jdatetime.date) -> str:
    """«۱ مهر ۱۴۰۴»."""
    return to_persian_digits(f"{date.day} {MONTHS_FA[date.month - 1]} {date.year}")


def to_jalali(date: _dt.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=date)


def to_gregorian(date: jdatetime.date) -> _dt.date:
    return date.togregorian()


def today_tehran(now: _dt.datetime | None = None) -> jdatetime.date:
    """Today's Jalali date in Tehran (the day that deadlines are counted in)."""
    now = now or _dt.datetime.now(tz=_dt.UTC)
    if now.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return to_jalali(now.astimezone(TEHRAN).date())


def lock_instant(deadline: jdatetime.date) -> _dt.datetime:
    """Records of a session whose last day is ``deadline`` lock at 00:00 Tehran the day after.

    The one rule for every deadline, whether from the national calendar or moved by
    the central server."""
    day_after = to_gregorian(deadline) + _dt.timedelta(days=1)
    return _dt.datetime.combine(day_after, _dt.time(0, 0), tzinfo=TEHRAN)


def days_left(deadline: jdatetime.date, today: jdatetime.date) -> int:
    """Days to the deadline counting the deadline day itself; 0 once it has passed."""
    return max((deadline - today).days + 1, 0)


def add_months(date: jdatetime.date, months: int) -> jdatetime.date:
    """Calendar months later; a day past the month's end is clamped to its last day."""
    index = date.year * 12 + (date.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return jdatetime.date(year, month, min(date.day, month_length(year, month)))


class SessionKind(enum.StrEnum):
    """The three exam sessions (نوبت) of a school year."""

    DEY = "DEY"
    KHORDAD = "KHORDAD"
    SHAHRIVAR = "SHAHRIVAR"

    @property
    def label_fa(self) -> str:
        return {
            SessionKind.DEY: "نوبت اول (دی)",
            SessionKind.KHORDAD: "نوبت دوم (خرداد)",
            SessionKind.SHAHRIVAR: "نوبت شهریور",
        }[self]

    @property
    def number(self) -> int:
        """The session's place in its year, 1 to 3: the order the sessions come in, a
        seal's session field and the centre's partition key (``14052``: 1405 Khordad)."""
        return _SESSION_NUMBERS[self]

    @classmethod
    def of_number(cls, number: int) -> SessionKind | None:
        """The session numbered so (None for 0: a document of no session)."""
        return next((k for k, n in _SESSION_NUMBERS.items() if n == number), None)


_SESSION_NUMBERS = {SessionKind.DEY: 1, SessionKind.KHORDAD: 2, SessionKind.SHAHRIVAR: 3}


@dataclass(frozen=True)
class DayOfYear:
    """A day named by month and day, ``year_offset`` school years after the opening year."""

    month: int
    day: int
    year_offset: int = 0

    def in_school_year(self, school_year: int) -> jdatetime.date:
        year = school_year + self.year_offset
        return jdatetime.date(year, self.month, min(self.day, month_length(year, self.month)))


@dataclass(frozen=True)
class CalendarPolicy:
    """The calendar rules as data.  ``DEFAULT_CALENDAR`` is the national one."""

    opening: DayOfYear = DayOfYear(MEHR, 1)
    skip_friday_opening: bool = True
    deadlines: dict[SessionKind, DayOfYear] = field(default_factory=lambda: {
        SessionKind.DEY: DayOfYear(ESFAND, 10, 0),
        SessionKind.KHORDAD: DayOfYear(TIR, 30, 1),
        SessionKind.SHAHRIVAR: DayOfYear(MEHR, 30, 1),
    })
    print_window_months: int = 6
    # Seed 000: a grade record is checked by the student from 10 Khordad to 10 Tir, and a
    # past graduate registers at an adult school for a record or a repair from 20 to 30
    # Farvardin (both in the second calendar year of the school year).
    windows: dict[str, tuple[DayOfYear, DayOfYear]] = field(default_factory=lambda: {
        "review": (DayOfYear(KHORDAD, 10, 1), DayOfYear(TIR, 10, 1)),
        "repair": (DayOfYear(FARVARDIN, 20, 1), DayOfYear(FARVARDIN, 30, 1)),
    })

    # --- the school year --------------------------------------------------
    def opening_date(self, school_year: int) -> jdatetime.date:
        day = self.opening.in_school_year(school_year)
        if self.skip_friday_opening and day.weekday() == 6:  # jdatetime: Saturday = 0
            day = day + jdatetime.timedelta(days=1)
        return day

    def last_day(self, school_year: int) -> jdatetime.date:
        return self.opening_date(school_year + 1) - jdatetime.timedelta(days=1)

    def school_year_of(self, date: jdatetime.date) -> int:
        """The school year that ``date`` falls in (named by its opening Jalali year)."""
        year = date.year
        return year if date >= self.opening_date(year) else year - 1

    # --- deadlines --------------------------------------------------------
    def deadline(self, kind: SessionKind, school_year: int) -> jdatetime.date:
        """The last day on which the session's records may reach the central server."""
        return self.deadlines[kind].in_school_year(school_year)

    def locks_at(self, kind: SessionKind, school_year: int) -> _dt.datetime:
        """The instant the session's records lock: 00:00 Tehran on the day after the deadline."""
        return lock_instant(self.deadline(kind, school_year))

    def is_locked(self, kind: SessionKind, school_year: int, now: _dt.datetime) -> bool:
        return now >= self.locks_at(kind, school_year)

    def days_left(self, kind: SessionKind, school_year: int, today: jdatetime.date) -> int:
        """Days until the deadline, counting the deadline day (0 = the deadline has passed)."""
        return days_left(self.deadline(kind, school_year), today)

    # --- printing ---------------------------------------------------------
    def print_window_end(self, finalised_on: jdatetime.date) -> jdatetime.date:
        """The last day on which an original certificate may be printed."""
        return add_months(finalised_on, self.print_window_months)

    def may_print(self, finalised_on: jdatetime.date, today: jdatetime.date) -> bool:
        return finalised_on <= today <= self.print_window_end(finalised_on)

    # --- windows (seed 000) ---------------------------------------------------
    def window(self, name: str, school_year: int) -> tuple[jdatetime.date, jdatetime.date]:
        """The first and last day of a named window ("review", "repair") of a school year."""
        first, last = self.windows[name]
        return first.in_school_year(school_year), last.in_school_year(school_year)

    def open_window(self, name: str, today: jdatetime.date) -> tuple[jdatetime.date,
                                                                     jdatetime.date] | None:
        """The window of that name ``today`` falls in, or None."""
        year = self.school_year_of(today)
        for school_year in (year, year - 1):
            first, last = self.window(name, school_year)
            if first <= today <= last:
                return first, last
        return None

    # --- as data ----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "opening": [self.opening.month, self.opening.day],
            "skip_friday_opening": self.skip_friday_opening,
            "deadlines": {
                k.value: [d.month, d.day, d.year_offset] for k, d in self.deadlines.items()
            },
            "print_window_months": self.print_window_months,
            "windows": {name: [[d.month, d.day, d.year_offset] for d in pair]
                        for name, pair in self.windows.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CalendarPolicy:
        month, day = data.get("opening", [MEHR, 1])
        deadlines = {
            SessionKind(k): DayOfYear(int(v[0]), int(v[1]), int(v[2]))
            for k, v in data.get("deadlines", {}).items()
        }
        base = cls()
        return cls(
            opening=DayOfYear(int(month), int(day)),
            skip_friday_opening=bool(data.get("skip_friday_opening", True)),
            deadlines={**base.deadlines, **deadlines},
            print_window_months=int(data.get("print_window_months", 6)),
            windows={**base.windows, **{
                name: (DayOfYear(*map(int, a)), DayOfYear(*map(int, b)))
                for name, (a, b) in data.get("windows", {}).items()}},
        )


DEFAULT_CALENDAR = CalendarPolicy()


def school_year_label(school_year: int, persian: bool = True) -> str:
    """«۱۴۰۴-۱۴۰۵» as plain text (a terminal, a log, a message sentence)."""
    text = f"{school_year}-{school_year + 1}"
    return to_persian_digits(text) if persian else text


def school_year_shown(school_year: int) -> str:
    """A school year as the window, the sheets, the cards, the statistics and the public
    page show it (issue 25): «۱۴۰۵-۱۴۰۶» with the earlier year on the right, read first,
    in a table cell alone as after Persian words.  Without the right-to-left marks
    Unicode's rules lay the span out one way after Persian letters (the digits become
    Arabic numbers) and the other way alone (one left-to-right number)."""
    return (f"{to_persian_digits(school_year)}\u200f-\u200f"
            f"{to_persian_digits(school_year + 1)}")
