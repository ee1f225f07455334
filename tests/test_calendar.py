import datetime as dt

import jdatetime
import pytest

from desktop.domain.calendar import (
    DEFAULT_CALENDAR,
    TEHRAN,
    CalendarPolicy,
    SessionKind,
    add_months,
    format_jalali,
    month_length,
    parse_jalali,
    school_year_label,
    school_year_shown,
    today_tehran,
)
from desktop.domain.errors import ValidationError


def test_known_dates_and_leap_years():
    assert jdatetime.date(1404, 7, 1).togregorian() == dt.date(2025, 9, 23)
    assert month_length(1403, 12) == 30  # 1403 was a leap year
    assert month_length(1404, 12) == 29
    assert month_length(1407, 12) == 29  # 1407 is not
    assert month_length(1405, 6) == 31 and month_length(1405, 7) == 30


def test_parse_and_format():
    assert parse_jalali("۱۴۰۴/۰۷/۰۱") == jdatetime.date(1404, 7, 1)
    assert parse_jalali("1404-7-1") == jdatetime.date(1404, 7, 1)
    assert format_jalali(jdatetime.date(1404, 7, 1)) == "۱۴۰۴/۰۷/۰۱"
    assert format_jalali(dt.date(2025, 9, 23), persian=False) == "1404/07/01"
    for bad in ("1404/13/01", "1404/07/31", "1404/12/30", "۱۴۰۴", "", "1404/7/1/2"):
        with pytest.raises(ValidationError):
            parse_jalali(bad)
    assert parse_jalali("1403/12/30") == jdatetime.date(1403, 12, 30)


def test_school_year_bounds():
    c = DEFAULT_CALENDAR
    assert c.opening_date(1404) == jdatetime.date(1404, 7, 1)
    assert c.last_day(1404) == jdatetime.date(1405, 6, 31)
    assert c.school_year_of(jdatetime.date(1405, 6, 31)) == 1404
    assert c.school_year_of(jdatetime.date(1405, 7, 1)) == 1405
    assert school_year_label(1404) == "۱۴۰۴-۱۴۰۵"
    # shown: held right to left, the earlier year on the right alone as after words
    assert school_year_shown(1404) == "۱۴۰۴\u200f-\u200f۱۴۰۵"


def test_friday_opening_moves_to_saturday():
    # 1 Mehr 1402 was a Saturday; find a year whose 1 Mehr is a Friday and check it.
    for year in range(1395, 1420):
        if jdatetime.date(year, 7, 1).weekday() == 6:
            assert DEFAULT_CALENDAR.opening_date(year) == jdatetime.date(year, 7, 2)
            break
    else:
        pytest.fail("no Friday 1 Mehr found")


def test_deadlines_of_the_three_sessions():
    c = DEFAULT_CALENDAR
    assert c.deadline(SessionKind.DEY, 1404) == jdatetime.date(1404, 12, 10)
    assert c.deadline(SessionKind.KHORDAD, 1404) == jdatetime.date(1405, 4, 30)
    assert c.deadline(SessionKind.SHAHRIVAR, 1404) == jdatetime.date(1405, 7, 30)


def test_lock_at_midnight_tehran_after_the_deadline_day():
    c = DEFAULT_CALENDAR
    last_minute = dt.datetime(2026, 3, 1, 23, 59, tzinfo=TEHRAN)  # 10 Esfand 1404
    assert jdatetime.date.fromgregorian(date=last_minute.date()) == jdatetime.date(1404, 12, 10)
    assert not c.is_locked(SessionKind.DEY, 1404, last_minute)
    assert c.is_locked(SessionKind.DEY, 1404, last_minute + dt.timedelta(minutes=1))
    # The same instant in UTC.
    assert c.is_locked(SessionKind.DEY, 1404, dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC))
    assert not c.is_locked(SessionKind.DEY, 1404, dt.datetime(2026, 3, 1, 20, 29, tzinfo=dt.UTC))
    assert c.days_left(SessionKind.DEY, 1404, jdatetime.date(1404, 12, 10)) == 1
    assert c.days_left(SessionKind.DEY, 1404, jdatetime.date(1404, 12, 11)) == 0


def test_today_in_tehran_crosses_midnight_before_utc():
    assert today_tehran(dt.datetime(2025, 9, 22, 20, 31, tzinfo=dt.UTC)) == jdatetime.date(
        1404, 7, 1)
    assert today_tehran(dt.datetime(2025, 9, 22, 20, 29, tzinfo=dt.UTC)) == jdatetime.date(
        1404, 6, 31)


def test_six_month_print_window_clamps_month_ends():
    assert add_months(jdatetime.date(1403, 6, 31), 6) == jdatetime.date(1403, 12, 30)
    assert add_months(jdatetime.date(1404, 6, 31), 6) == jdatetime.date(1404, 12, 29)
    assert add_months(jdatetime.date(1404, 10, 15), 6) == jdatetime.date(1405, 4, 15)
    c = DEFAULT_CALENDAR
    done = jdatetime.date(1404, 5, 1)
    assert c.print_window_end(done) == jdatetime.date(1404, 11, 1)
    assert c.may_print(done, jdatetime.date(1404, 11, 1))
    assert not c.may_print(done, jdatetime.date(1404, 11, 2))


def test_policy_is_data_and_round_trips():
    c = CalendarPolicy.from_dict(DEFAULT_CALENDAR.to_dict())
    assert c == DEFAULT_CALENDAR
    moved = CalendarPolicy.from_dict({"deadlines": {"DEY": [12, 15, 0]}, "opening": [6, 31]})
    assert moved.deadline(SessionKind.DEY, 1404) == jdatetime.date(1404, 12, 15)
    assert moved.deadline(SessionKind.KHORDAD, 1404) == jdatetime.date(1405, 4, 30)
    assert moved.opening_date(1404) == jdatetime.date(1404, 6, 31)
