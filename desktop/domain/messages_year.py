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
    "transfer.same_school": (
        "کد مدرسهٔ مقصد ({value}) کد همین مدرسه است.",
        "The destination school's code ({value}) is this school's own.",
    ),
    "transfer.arrived": (
        "ورود «{name}» با این برگهٔ انتقال پیش‌تر ثبت شده است.",
        "The arrival of '{name}' with this transfer slip was recorded already.",
    ),
    "transfer.enrolled": (
        "«{name}» هم‌اکنون در کلاس «{klass}» این مدرسه است؛ دانش‌آموز هم‌زمان در دو کلاس "
        "یا دو مدرسه نیست.",
        "'{name}' is in class '{klass}' of this school already; a student is not in two "
        "classes or two schools at once.",
    ),
    "central.transfer_school": (
        "مدرسهٔ مقصد با کد «{value}» در سرور مرکزی نیست (یا همین مدرسه است).",
        "The destination school '{value}' is not on the central server (or is this school).",
    ),
    "central.not_your_student": (
        "دانش‌آموز «{value}» در سرور مرکزی از مدرسهٔ دیگری است؛ انتقال او با این مدرسه نیست.",
        "Student '{value}' belongs to another school at the centre; this school cannot "
        "transfer them.",
    ),
    "central.no_transfer": (
        "برای «{value}» انتقالی به این مدرسه در سرور مرکزی ثبت نشده است (مدرسهٔ مبدأ هنوز "
        "آن را نفرستاده، یا مقصد مدرسهٔ دیگری است).",
        "No transfer of '{value}' to this school is on the central server (the sending "
        "school has not sent it yet, or it names another school).",
    ),
    "central.transfer_not_yours": (
        "انتقال «{value}» به مدرسهٔ دیگری است؛ ورود او در این مدرسه پذیرفته نشد.",
        "The transfer of '{value}' names another school; the arrival was refused.",
    ),
    "sheet.carried": (
        "این نمرهٔ «{name}» در مدرسهٔ پیشین او گرفته شده و همان‌جا شمرده می‌شود؛ دوباره "
        "نوشته نمی‌شود.",
        "This grade of '{name}' was earned at their previous school and counts from there; "
        "it is not written again.",
    ),
    "sheet.summer_early": (
        "برگهٔ شهریور پس از بستن سال (پس از خرداد) دانش‌آموزانی را که باید درس را دوباره "
        "بدهند فهرست می‌کند؛ سال هنوز بسته نشده است.",
        "A Shahrivar sheet lists the students who re-sit the course once the year is closed "
        "after Khordad; the year is not closed yet.",
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
