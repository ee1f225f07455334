"""What Daftar says at the year's end: closing a school year, the Shahrivar re-sits,
undoing a closing, and opening the next year.  Part of the one catalogue
(:data:`desktop.domain.messages.MESSAGES` takes these in): code -> (Persian, English)."""

from __future__ import annotations

YEAR_MESSAGES: dict[str, tuple[str, str]] = {
    "year.closed_already": (
        "سال تحصیلی {year} پیش‌تر بسته شده است ({stage}).",
        "School year {year} is closed already ({stage}).",
    ),
    "year.not_latest": (
        "سال تحصیلی {year} آخرین سال نیست؛ فقط آخرین سال بسته می‌شود.",
        "School year {year} is not the latest; only the latest year is closed.",
    ),
    "year.not_closed": (
        "سال تحصیلی {year} هنوز بسته نشده است؛ نخست آن را ببندید.",
        "School year {year} is not closed yet; close it first.",
    ),
    "year.sheets_missing": (
        "سال تحصیلی {year} بسته نمی‌شود: {count} برگهٔ خرداد هنوز تأیید مدیر را ندارد: "
        "{sheets}.",
        "School year {year} cannot be closed: {count} Khordad sheets are not approved by "
        "the principal yet: {sheets}.",
    ),
    "year.grades_missing": (
        "نمره‌های {count} دانش‌آموز کامل نیست: {names}.",
        "The grades of {count} students are not complete: {names}.",
    ),
    "year.no_resits": (
        "در سال تحصیلی {year} کسی در انتظار نتیجهٔ شهریور نیست.",
        "Nobody in school year {year} is waiting for a Shahrivar result.",
    ),
    "year.summer_missing": (
        "نتیجهٔ شهریور سال {year} ثبت نمی‌شود: {count} برگهٔ شهریور هنوز تأیید مدیر را "
        "ندارد: {sheets}.",
        "The Shahrivar results of {year} cannot be settled: {count} Shahrivar sheets are "
        "not approved by the principal yet: {sheets}.",
    ),
    "year.next_has_grades": (
        "بستن سال {year} برگردانده نمی‌شود: سال {next} {count} نمره دارد.",
        "The closing of {year} cannot be undone: school year {next} has {count} grades.",
    ),
    "year.next_exists": (
        "سال تحصیلی {next} پیش‌تر گشوده شده است.",
        "School year {next} is open already.",
    ),
    "year.resits_pending": (
        "سال تحصیلی بعد گشوده نمی‌شود: نتیجهٔ شهریور {count} دانش‌آموز هنوز ثبت نشده است "
        "(«ثبت نتیجهٔ شهریور»).",
        "The next school year cannot be opened: the Shahrivar results of {count} students "
        "are not settled yet.",
    ),
    "year.plan_mixed": (
        "«{a}» و «{b}» از یک پایه و رشته نیستند و در یک کلاس «{name}» کنار هم نمی‌نشینند.",
        "'{a}' and '{b}' are not of one grade and track and cannot share the class "
        "'{name}'.",
    ),
    "year.plan_class": (
        "کلاس «{value}» در این سال نیست.",
        "Class '{value}' is not one of this year's.",
    ),
    "sheet.not_resit": (
        "«{name}» درس «{course}» را در شهریور نمی‌دهد (بستن سال او را برای این درس به "
        "شهریور نفرستاده است).",
        "'{name}' does not re-sit '{course}' in Shahrivar (the year's closing did not send "
        "them to it).",
    ),
    "sheet.year_closed": (
        "سال تحصیلی {year} بسته شده است؛ نمره‌های {session} آن دیگر تغییر نمی‌کند "
        "(تغییر پس از بستن سال: درخواست تغییر به منطقه و استان، یا برگرداندن بستن سال).",
        "School year {year} is closed; the grades of its {session} no longer change (a "
        "change after closing: a change request to the district and the province, or the "
        "closing undone).",
    ),
}
