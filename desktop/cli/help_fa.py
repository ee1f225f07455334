"""``daftar --help`` in Persian (issue 25): argparse's own words and the commands' one-line
helps; ``--lang en`` keeps them English.  The options of each command keep their English
help (``daftar print --help``); their Persian is the README's table of commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

ARGPARSE_FA = {
    "usage: ": "کاربرد: ",
    "positional arguments": "فرمان‌ها",
    "options": "گزینه‌ها",
    "optional arguments": "گزینه‌ها",
    "show this help message and exit": "همین راهنما را نشان بده و بیرون برو",
    "show program's version number and exit": "نگارش برنامه را نشان بده و بیرون برو",
    "the following arguments are required: %s": "این‌ها لازم است: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "گزینهٔ نادرست: %(value)r (یکی از %(choices)s)",
    "unrecognized arguments: %s": "این‌ها شناخته نیست: %s",
    "expected one argument": "یک مقدار لازم است",
    "%(prog)s: error: %(message)s\n": "%(prog)s: خطا: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "مقدار نادرست: %(value)r",
}

COMMANDS_FA = {
    "SQLite file or database URL (default: the user's data folder)":
        "پروندهٔ SQLite یا نشانی پایگاه داده (پیش‌فرض: پوشهٔ داده‌های کاربر)",
    "output language": "زبان خروجی",
    "open the window (the default)": "پنجرهٔ برنامه را باز کن (پیش‌فرض)",
    "create the school in a new database": "ساختن مدرسه در پایگاه دادهٔ تازه",
    "verify the audit trail (exit 1 if tampered with)":
        "وارسی زنجیرهٔ رویدادها (اگر دست خورده باشد، خروج با ۱)",
    "list users; --add a user (signed in as principal)":
        "فهرست کاربران؛ ‎--add‎ برای افزودن کاربر (با ورود مدیر)",
    "print a grade sheet or the graduates' list to PDF":
        "چاپ برگهٔ نمره یا فهرست دانش‌آموختگان در PDF",
    "issue and print report cards or certificates to PDF":
        "صدور و چاپ کارنامه یا گواهینامه در PDF",
    "the optional parts of report cards: rank, remark, attendance (show; --set as principal)":
        "بخش‌های اختیاری کارنامه: رتبه، توصیه، حضور (نمایش؛ ‎--set‎ با ورود مدیر)",
    "check a QR text, a PDF Daftar wrote, or a 20-digit code":
        "استعلام متن رمزینه، PDF ساختهٔ دفتر یا کد صحت ۲۰ رقمی",
    "void a printed document (principal)": "باطل کردن سند چاپ‌شده (مدیر)",
    "fill an empty database with the demo school": "پر کردن پایگاه دادهٔ خالی با مدرسهٔ نمونه",
    "list classes": "فهرست کلاس‌ها",
    "list or search students": "فهرست یا جست‌وجوی دانش‌آموزان",
    "list or export a class's grades": "فهرست یا خروجی نمره‌های یک کلاس",
    "the official course tables per grade and track, with their sources":
        "جدول‌های رسمی درس‌ها برای هر پایه و رشته، با منبعشان",
    "set up the school year: open grades and tracks, make classes, local courses":
        "راه‌اندازی سال تحصیلی: گشودن پایه‌ها و رشته‌ها، ساخت کلاس، درس محلی",
    "who teaches what in a class; --course and --teacher to assign":
        "چه کسی چه درسی را در کلاس درس می‌دهد؛ ‎--course‎ و ‎--teacher‎ برای تعیین",
    "move a student to another class of the year, record that they left the school, or "
    "show their classes":
        "بردن دانش‌آموز به کلاس دیگری از همان سال، ثبت رفتن او از مدرسه یا نمایش کلاس‌هایش",
    "grade repair at an adult school: register a past graduate, the course-selection slip":
        "ترمیم نمره در مدرسهٔ بزرگسالان: ثبت‌نام دانش‌آموختهٔ پیشین، برگهٔ انتخاب درس",
    "the review window: a student's grade record, objections":
        "بازهٔ بررسی: سوابق نمرهٔ دانش‌آموز، اعتراض‌ها",
    "a student's 19-digit academic-record code from the central server (and its slip)":
        "کد سابقهٔ تحصیلی ۱۹ رقمی دانش‌آموز از سرور مرکزی (و برگهٔ آن)",
    "ask the central server for a graduate's academic confirmation (PDF)":
        "درخواست تأییدیهٔ تحصیلی دانش‌آموخته از سرور مرکزی (PDF)",
    "diplomas from the archive: add, list, print their code":
        "گواهینامه‌های بایگانی: افزودن، فهرست، چاپ کد صحت",
    "move this school into an empty shared PostgreSQL database (the audit chain checked "
    "there) and open it from now on":
        "بردن مدرسه به پایگاه دادهٔ خالی و مشترک PostgreSQL (با وارسی زنجیرهٔ رویدادها در "
        "آن‌جا) و باز کردن آن از این پس",
    "the database this PC opens; --use URL or --default":
        "پایگاه داده‌ای که این رایانه باز می‌کند؛ ‎--use‎ نشانی یا ‎--default‎",
    "a checked backup of the school file (rotated); --folder chooses where automatic "
    "backups go; --list shows them":
        "پشتیبان وارسی‌شده از پروندهٔ مدرسه (چرخشی)؛ ‎--folder‎ جای پشتیبان‌های خودکار؛ "
        "‎--list‎ فهرست آن‌ها",
    "put a backup in place of the school file (the current one is kept aside first)":
        "گذاشتن پشتیبان به جای پروندهٔ مدرسه (پروندهٔ کنونی نخست کنار گذاشته می‌شود)",
    "send the outbox to the central server and pull its updates (exit 0 sent, 3 nothing "
    "to send, 1 failure)":
        "فرستادن صندوق ارسال به سرور مرکزی و گرفتن تازه‌های آن (خروج ۰ فرستاده شد، ۳ چیزی "
        "برای فرستادن نبود، ۱ ناکامی)",
    "statistics of a class, a course, a grade level or the school for a session, beside "
    "the session before":
        "آمار کلاس، درس، پایه یا مدرسه در یک نوبت، در کنار نوبت پیشین",
    "close the school year (outcomes, Shahrivar re-sits), undo it, and open the next one":
        "بستن سال تحصیلی (نتیجه‌ها، تجدیدی شهریور)، برگرداندن آن و گشودن سال بعد",
    "a student to or from another school, through the central server: out, find, in, list":
        "انتقال دانش‌آموز به مدرسهٔ دیگر یا از آن، از راه سرور مرکزی: out، find، in، list",
}


def wants_english(argv: list[str]) -> bool:
    """``--lang en`` (or ``--lang=en``) anywhere on the command line."""
    return "--lang=en" in argv or any(a == "--lang" and b == "en"
                                      for a, b in zip(argv, argv[1:], strict=False))


@contextmanager
def argparse_in_persian() -> Iterator[None]:
    """argparse's own words in Persian while a parser is built and reads the command line
    (its module's ``_``, put back after)."""
    before = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_FA.get(text, text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = before  # type: ignore[attr-defined]


def persian(parser: argparse.ArgumentParser) -> None:
    """The top-level options' and the commands' one-line helps in Persian."""
    for action in parser._actions:  # noqa: SLF001  (argparse keeps its actions there)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for choice in action._choices_actions:  # noqa: SLF001
                choice.help = COMMANDS_FA.get(choice.help or "", choice.help)
        elif action.help:
            action.help = COMMANDS_FA.get(action.help, action.help)
