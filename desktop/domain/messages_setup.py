"""What Daftar says while a school is set up: its grades and tracks, classes, courses,
teachers, and students moved or leaving.  Part of the one catalogue
(:data:`desktop.domain.messages.MESSAGES` takes these in): code -> (Persian, English)."""

from __future__ import annotations

SETUP_MESSAGES: dict[str, tuple[str, str]] = {
    "setup.grade": ("پایهٔ «{value}» در دوره‌های ۶-۳-۳ نیست (۱ تا ۱۲).",
                    "Grade '{value}' is not one of 1 to 12."),
    "setup.no_tracks": (
        "پایهٔ {grade} رشته ندارد؛ رشتهٔ «{track}» برای آن پذیرفته نیست.",
        "Grade {grade} has no tracks; track '{track}' does not apply to it.",
    ),
    "setup.track_needed": (
        "پایهٔ {grade} در رشته‌ها تدریس می‌شود؛ یکی را برگزینید: {tracks}.",
        "Grade {grade} is taught in tracks; choose one of: {tracks}.",
    ),
    "setup.track": (
        "پایهٔ {grade} رشتهٔ «{track}» را ندارد؛ رشته‌های آن: {tracks}.",
        "Grade {grade} has no track '{track}'; its tracks: {tracks}.",
    ),
    "setup.no_table": (
        "جدول دروس پایهٔ {grade} رشتهٔ «{track}» در برنامهٔ درسی نسخهٔ {version} نیست.",
        "The curriculum version {version} has no course table for grade {grade}, "
        "track '{track}'.",
    ),
    "setup.stage": (
        "دورهٔ «{stage}» از دوره‌های این مدرسه نیست؛ دوره‌ها در شناسنامهٔ مدرسه آمده‌اند.",
        "Stage '{stage}' is not one this school teaches.",
    ),
    "setup.not_open": (
        "پایهٔ {grade}{track} هنوز در این مدرسه گشوده نشده است؛ نخست آن را بگشایید.",
        "Grade {grade}{track} is not opened at this school yet; open it first.",
    ),
    "setup.class_exists": (
        "کلاسی به نام «{name}» در سال تحصیلی {year} پیش‌تر هست.",
        "A class named '{name}' already exists in school year {year}.",
    ),
    "setup.class_count": (
        "تعداد کلاس‌ها باید بین ۱ و {most} باشد؛ «{value}» وارد شده است.",
        "The number of classes must be between 1 and {most}; got '{value}'.",
    ),
    "setup.class_not_empty": (
        "کلاس «{name}» {students} دانش‌آموز و {grades} نمره دارد؛ کلاس خالی برداشته می‌شود.",
        "Class '{name}' has {students} students and {grades} grades; only an empty class is "
        "removed.",
    ),
    "setup.course_has_grades": (
        "درس «{name}» {grades} نمره در {sheets} برگهٔ نمره دارد؛ برداشته نشد.",
        "Course '{name}' has {grades} grades on {sheets} sheets; it was not removed.",
    ),
    "setup.course_official": (
        "درس «{name}» از برنامهٔ درسی رسمی است؛ فقط درس محلی برداشته می‌شود.",
        "Course '{name}' is from the official curriculum; only a local course is removed.",
    ),
    "setup.course_exists": (
        "درسی به نام «{name}» در پایهٔ {grade}{track} پیش‌تر هست.",
        "A course named '{name}' already exists in grade {grade}{track}.",
    ),
    "setup.local_primary": (
        "ارزشیابی دورهٔ ابتدایی فهرست دروس وزارت است؛ درس محلی در آن افزوده نمی‌شود.",
        "Primary evaluation follows the ministry's course list; no local course is added.",
    ),
    "setup.local_units": (
        "واحد درس محلی «{value}» باید بین ۰ (بیرون از معدل) و {most} باشد.",
        "A local course's units '{value}' must be between 0 (out of the average) and {most}.",
    ),
    "setup.teaching_course": (
        "کلاس «{klass}» درس «{course}» را ندارد؛ این درس به آن واگذار نمی‌شود.",
        "Class '{klass}' does not take course '{course}'; it cannot be assigned there.",
    ),
    "setup.move_year": (
        "انتقال فقط میان کلاس‌های یک سال تحصیلی است؛ «{klass}» از سال {year} است.",
        "A move is between classes of one school year; '{klass}' is of year {year}.",
    ),
    "setup.not_enrolled": (
        "این دانش‌آموز در سال تحصیلی {year} در کلاسی ثبت‌نام نشده است.",
        "This student is not enrolled in a class in school year {year}.",
    ),
    "setup.same_class": ("دانش‌آموز هم‌اکنون در کلاس «{klass}» است.",
                         "The student is in class '{klass}' already."),
    "setup.left": (
        "این دانش‌آموز در {date} از مدرسه رفته است؛ نخست بازگشت او را ثبت کنید.",
        "This student left the school on {date}; record their return first.",
    ),
    "setup.left_date": (
        "تاریخ رفتن «{value}» باید در سال تحصیلی {year} باشد، نه پس از امروز و نه پیش از "
        "ورود دانش‌آموز به این کلاس ({since}).",
        "The leaving date '{value}' must be within school year {year}, not after today and "
        "not before the student entered this class ({since}).",
    ),
    "setup.move_track": (
        "انتقال فقط میان کلاس‌های یک پایه و رشته است؛ «{klass}» از «{here}» نیست "
        "(تغییر رشته راه خود را دارد).",
        "A move is between classes of one grade and track; '{klass}' is not of '{here}' "
        "(a change of track has its own procedure).",
    ),
    "setup.move_exam_class": (
        "«{klass}» کلاس یک درس (آزمون جبرانی) است؛ دانش‌آموز به آن منتقل نمی‌شود.",
        "'{klass}' is a one-course (repair exam) class; a student is not moved into it.",
    ),
    "sheet.student_left": (
        "«{name}» در {date} از این کلاس رفته است؛ نمره‌های پیش از رفتنش نگه داشته شده و "
        "نمرهٔ تازه‌ای برای او در این کلاس ثبت نمی‌شود.",
        "'{name}' left this class on {date}; their grades from before are kept and no new "
        "grade is written for them in this class.",
    ),
}
