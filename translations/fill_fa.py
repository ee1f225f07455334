"""Fill translations/daftar_fa.ts from this table after `pyside6-lupdate` (kept for reviewers).

Usage: python translations/fill_fa.py   (fails listing any source string without Persian)
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FA = {
    "National code": "کد ملی",
    "Last name": "نام خانوادگی",
    "First name": "نام",
    "Father's name": "نام پدر",
    "Birth date": "تاریخ تولد",
    "Class": "کلاس",
    "Daftar — {school}": "دفتر — {school}",
    "Search by name or national code": "جست‌وجو با نام یا کد ملی",
    "Database: {url}": "پایگاه داده: {url}",
    "Role: {role}": "نقش: {role}",
    "Central server: not configured": "سرور مرکزی: تنظیم نشده",
    "Central server": "سرور مرکزی",
    "Made": "ساخته‌شده",
    "Contents": "محتوا",
    "Items": "اقلام",
    "Grade rows": "ردیف نمره",
    "Attempts": "تلاش",
    "Server's answer or error": "پاسخ سرور یا خطا",
    "Receipt {when}": "رسید {when}",
    "next try {when}": "تلاش بعدی {when}",
    "Sheet": "برگه",
    "Where it is": "کجاست",
    "Connect to the central server": "اتصال به سرور مرکزی",
    "Server address": "نشانی سرور",
    "Enrolment code": "کد ثبت مدرسه",
    "Send now": "ارسال همین حالا",
    "Connect to the central server…": "اتصال به سرور مرکزی…",
    "Server: {server} — last success: {ok} — in the outbox: {queued}, refused: {refused}, "
    "ready to pack: {ready}":
        "سرور: {server} — آخرین ارسال موفق: {ok} — در صندوق ارسال: {queued}، ردشده: {refused}، "
        "آماده بسته‌بندی: {ready}",
    "never": "هرگز",
    "{session}: deadline {date} has passed; records are locked.":
        "{session}: مهلت {date} گذشته است؛ نمره‌ها قفل است.",
    "{session}: {days} days left until {date}; not sent: {unsent} sheets.":
        "{session}: {days} روز مانده تا {date}؛ ارسال‌نشده: {unsent} برگه.",
    "Central server: not sent ({queued} waiting)": "سرور مرکزی: ارسال نشد ({queued} در انتظار)",
    "Central server: last sent {when}": "سرور مرکزی: آخرین ارسال {when}",
    "School year {year}": "سال تحصیلی {year}",
    "Grade {name}": "پایه {name}",
    "{n} students": "{n} دانش‌آموز",
    "Undo": "برگرداندن",
    "Redo": "دوباره انجام دادن",
    "Export to Excel": "خروجی اکسل",
    "Import from Excel": "ورود از اکسل",
    "Session:": "نوبت:",
    "Course:": "درس:",
    "Choose a class in the list and a course.": "یک کلاس از فهرست و یک درس انتخاب کنید.",
    "Read only. {reason}": "فقط خواندنی. {reason}",
    "Last reason: {reason}": "دلیل آخرین برگشت: {reason}",
    "class average {avg}": "میانگین کلاس {avg}",
    "{n} cells still empty": "{n} خانه هنوز خالی است",
    "Export grade sheet": "خروجی برگه نمره",
    "Saved {path}": "ذخیره شد: {path}",
    "Grade edit": "ویرایش نمره",
    "Level": "سطح",
    "Term grade": "نمره نوبت",
    "Annual grade": "نمره سالانه",
    "Summer grade": "نمره شهریور",
    "Status": "وضعیت",
    "Pass": "قبول",
    "Fail": "مردود",
    "The national exam paper is below 7": "نمره برگه امتحان نهایی کمتر از ۷ است",
    "The pasted block has more rows than the sheet.":
        "ردیف‌های متن چسبانده‌شده از ردیف‌های برگه بیشتر است؛ چیزی چسبانده نشد.",
    "Column «{column}» cannot be edited; nothing was pasted.":
        "ستون «{column}» ویرایش‌پذیر نیست؛ چیزی چسبانده نشد.",
    "Import: dry run": "ورود از اکسل: بررسی آزمایشی",
    "{add} to add, {change} to change, {same} unchanged, {refuse} refused":
        "{add} افزودنی، {change} تغییری، {same} بدون تغییر، {refuse} ردشده",
    "Apply all": "ثبت همه",
    "Writing…": "در حال ثبت…",
    "New student": "دانش‌آموز جدید",
    "Edit student": "ویرایش دانش‌آموز",
    "Import students from Excel": "ورود دانش‌آموزان از اکسل",
    "Blank students workbook": "الگوی خالی دانش‌آموزان",
    "Students": "دانش‌آموزان",
    "Grades": "نمره‌ها",
    "Row": "ردیف",
    "Action": "اقدام",
    "Name": "نام",
    "Details": "توضیح",
    "Iranian (national code)": "ایرانی (کد ملی)",
    "Girl": "دختر",
    "Boy": "پسر",
    "19 digits, once issued": "۱۹ رقم، پس از صدور",
    "Identity": "شناسه",
    "Code": "کد",
    "Gender": "جنسیت",
    "Birth place": "محل تولد",
    "Birth certificate serial": "سریال شناسنامه",
    "Educational record code": "کد سابقه تحصیلی",
    "National code is valid.": "کد ملی درست است.",
    "Daftar": "دفتر",
    "Imported.": "ثبت شد.",
    "Reading the workbook…": "در حال خواندن کارپوشه…",
    "Import students": "ورود دانش‌آموزان",
    "Import grades": "ورود نمره‌ها",
    "Cancel": "لغو",
    "Not approved": "تأییدنشده",
    "Not sent": "ارسال‌نشده",
    "Deadline {date} has passed; the session is locked.":
        "مهلت {date} گذشته است؛ این نوبت قفل است.",
    "Deadline {date}: {days} days left; {open} sheets not yet approved, {unsent} not yet sent.":
        "مهلت {date}: {days} روز مانده؛ {open} برگه هنوز تأیید نشده و {unsent} برگه "
        "هنوز ارسال نشده است.",
    "History of this grade": "تاریخچه این نمره",
    "History: {what}": "تاریخچه: {what}",
    "New": "جدید",
    "Old": "پیشین",
    "When": "زمان",
    "Who": "کاربر",
    "Why": "دلیل",
    "Demo school: principal, deputy, clerk, teacher1 or teacher2; password «{pw}»":
        "مدرسه نمونه: principal، deputy، clerk، teacher1 یا teacher2؛ گذرواژه «{pw}»",
    "Locked": "قفل",
    "Password": "گذرواژه",
    "Sign in to Daftar": "ورود به دفتر",
    "The window was locked after a time without use.":
        "پنجره پس از مدتی بی‌کاری قفل شد.",
    "Username": "نام کاربری",
    "Approvals": "صف تأیید",
    "Deadlines": "مهلت‌ها",
    "The computer's clock was set back; deadlines use the latest time seen.":
        "ساعت رایانه به عقب برگردانده شده است؛ مهلت‌ها با آخرین زمان دیده‌شده سنجیده می‌شوند.",
    "Users": "کاربران",
    "{name} ({role})": "{name} ({role})",
    "Course": "درس",
    "Empty cells": "خانه‌های خالی",
    "Last reason": "آخرین دلیل برگشت",
    "Session": "نوبت",
    "State": "وضعیت",
    "Reason (needed to send back)": "دلیل (برای برگشت دادن لازم است)",
    "Select all": "انتخاب همه",
    "Select one or more sheets first.": "نخست یک یا چند برگه را انتخاب کنید.",
    "Waiting for you: {n}": "در انتظار شما: {n}",
    "A new school": "مدرسه تازه",
    "District": "منطقه",
    "Password again": "تکرار گذرواژه",
    "Principal's name": "نام مدیر",
    "Principal's username": "نام کاربری مدیر",
    "Province": "استان",
    "School code (8 digits)": "کد مدرسه (۸ رقم)",
    "School name": "نام مدرسه",
    "Add user": "افزودن کاربر",
    "Role": "نقش",
    "Grade list (PDF)": "لیست نمرات (PDF)",
    "Graduates' list (PDF)": "فهرست دانش‌آموختگان (PDF)",
    "Report cards and certificates": "کارنامه و گواهی‌نامه",
    "— choose a class —": "— کلاس را برگزینید —",
    "Choose the class whose documents to print.": "کلاسی را که سندهایش چاپ شود برگزینید.",
    "Will print: {kind}, {session}, class «{klass}», {n} students.":
        "چاپ می‌شود: {kind}، {session}، کلاس «{klass}»، {n} دانش‌آموز.",
    "Left out, without the diploma: {names}": "بدون گواهی (شرایط دانش‌آموختگی را ندارند): {names}",
    "Printer": "چاپگر",
    "PDF file": "پرونده PDF",
    "Reason, if they were printed before": "دلیل، اگر پیش‌تر چاپ شده‌اند",
    "Document": "سند",
    "To": "مقصد",
    "Reprint reason": "دلیل چاپ دوباره",
    "Print": "چاپ",
    "Save documents": "ذخیره سندها",
    "Printing…": "در حال چاپ…",
    "Verify a document": "استعلام سند",
    "20-digit code, or scan the QR here": "کد صحت ۲۰ رقمی، یا رمزینه (QR) را اینجا بخوانید",
    "Open a PDF…": "باز کردن PDF…",
    "Check": "بررسی",
    "Report cards and certificates…": "کارنامه و گواهی‌نامه…",
    "Verify a document…": "استعلام سند…",
    "Preview (nothing is issued)": "پیش‌نمایش (سندی صادر نمی‌شود)",
    "Graduated": "سال دانش‌آموختگی",
    "Field": "رشته",
    "Average": "معدل",
    "Verification code": "کد صحت",
    "Archive and confirmations": "بایگانی و تأییدیه",
    "Birth date (Jalali)": "تاریخ تولد (خورشیدی)",
    "Year graduated (Jalali)": "سال دانش‌آموختگی (خورشیدی)",
    "Diploma average": "معدل دیپلم",
    "Place in the archive ledger": "جای آن در دفتر بایگانی",
    "volume 2, page 45": "دفتر ۲، صفحهٔ ۴۵",
    "File for district and province approval": "ثبت و فرستادن برای تأیید منطقه و استان",
    "Print the selected diploma's code page…": "چاپ برگهٔ کد صحت گواهینامهٔ برگزیده…",
    "Diplomas from the archive": "گواهینامه‌های بایگانی (بی‌کد صحت)",
    "birth certificate serial, or birth date for a foreign graduate":
        "سریال شناسنامه، یا تاریخ تولد برای دانش‌آموختهٔ اتباع",
    "Ask the central server for a confirmation (PDF)…": "درخواست تأییدیه از سرور مرکزی (PDF)…",
    "National code or id": "کد ملی یا شناسه",
    "Second proof": "نشانهٔ دوم",
    "Academic confirmation": "تأییدیهٔ تحصیلی",
    "Filed as entry {n}; the next sync sends it.":
        "با شمارهٔ {n} ثبت شد؛ همگام‌سازی بعدی آن را می‌فرستد.",
    "Choose a diploma in the table first.": "نخست گواهینامه‌ای را در جدول برگزینید.",
    "Code page (PDF)": "برگهٔ کد صحت (PDF)",
    "Academic confirmation (PDF)": "تأییدیهٔ تحصیلی (PDF)",
    "Asking the central server…": "در حال پرسش از سرور مرکزی…",
    " (the one issued before)": " (همان تأییدیهٔ پیشین)",
    "Confirmation {code} saved to {path}{again}": "تأییدیهٔ {code} در {path} ذخیره شد{again}",
    "the student's national code or id": "کد ملی یا شناسهٔ دانش‌آموز",
    "Get the 19-digit record code and print its slip…":
        "گرفتن کد سابقهٔ تحصیلی ۱۹ رقمی و چاپ برگهٔ آن…",
    "Academic-record code": "کد سابقهٔ تحصیلی",
    "Record code slip (PDF)": "برگهٔ کد سابقهٔ تحصیلی (PDF)",
    " (had it already)": " (پیش‌تر گرفته شده بود)",
    "Record code {code}{again}; slip saved to {path}":
        "کد سابقهٔ تحصیلی {code}{again}؛ برگه در {path} ذخیره شد",
    "Print the grade record to check…": "چاپ سوابق نمره‌ای برای بررسی…",
    "File the objection": "ثبت اعتراض",
    "Student": "دانش‌آموز",
    "Objection": "اعتراض",
    "Review window (10 Khordad to 10 Tir)": "بازهٔ بررسی سوابق نمره‌ای (۱۰ خرداد تا ۱۰ تیر)",
    "Grade record (PDF)": "سوابق نمره‌ای (PDF)",
    "{n} lines saved to {path}": "{n} ردیف در {path} ذخیره شد",
    "Objection {n} filed; the next sync sends it to the district.":
        "اعتراض {n} ثبت شد؛ همگام‌سازی بعدی آن را به منطقه می‌فرستد.",
    "Grade repair": "ترمیم نمره",
    "No.": "شماره",
    "Record code": "کد سابقۀ تحصیلی",
    "Courses": "درس‌ها",
    "Woman": "زن",
    "Man": "مرد",
    "Show the graduate's record": "نمایش سابقۀ دانش‌آموخته",
    "Register for the checked courses": "ثبت‌نام در درس‌های علامت‌خورده",
    "Register a past graduate (20 to 30 Farvardin)":
        "ثبت‌نام دانش‌آموختۀ پیشین (۲۰ تا ۳۰ فروردین)",
    "Final-exam courses of the record (check those to retake):":
        "درس‌های امتحان نهایی در سابقه (درس‌هایی را که دوباره امتحان می‌دهد علامت بزنید):",
    "Print the selected course-selection slip…": "چاپ نمونه برگ انتخاب واحدِ ردیف برگزیده…",
    "Make the exam's grade sheets": "ساختن برگه‌های نمرۀ امتحان",
    "Registered graduates": "دانش‌آموختگان ثبت‌نام‌شده",
    "{course} (grade {level}, {year}): {grade}": "{course} (پایۀ {level}، {year}): {grade}",
    "{name}, father {father}: {n} courses in the record.":
        "{name}، نام پدر {father}: {n} درس در سابقه.",
    "Registration {n} with {k} courses; print its slip.":
        "ثبت‌نام {n} با {k} درس انجام شد؛ نمونه برگ آن را چاپ کنید.",
    "Choose a registration in the table first.": "نخست یک ثبت‌نام را در جدول برگزینید.",
    "Course-selection slip (PDF)": "نمونه برگ انتخاب واحد (PDF)",
    "The slip ({n} courses) saved to {path}": "نمونه برگ ({n} درس) در {path} ذخیره شد",
    "{n} grade sheets ready on the Grades tab: {names}":
        "{n} برگۀ نمره در زبانۀ نمره‌ها آماده است: {names}",
    # office menu: backups, restore, about
    "Restore from a backup…": "بازگردانی از پشتیبان…",
    "Backup folder…": "پوشه پشتیبان‌ها…",
    "&File": "&پرونده",
    "Back up now": "پشتیبان‌گیری اکنون",
    "&Help": "&راهنما",
    "About Daftar": "درباره دفتر",
    "Backup saved: {path}": "پشتیبان ذخیره شد: {path}",
    "No backup was made: {reason}": "پشتیبان گرفته نشد: {reason}",
    "Backups are kept in {path}": "پشتیبان‌ها در {path} نگه داشته می‌شوند",
    "Restore this backup of {school}?\nLast event: {when}; {students} students, {grades} grades, {events} events.\nThe current file is kept aside first; Daftar then closes.":
        "این پشتیبان «{school}» بازگردانده شود؟\nآخرین رویداد: {when}؛ {students} دانش‌آموز، {grades} نمره، {events} رویداد.\nپرونده کنونی نخست کنار گذاشته می‌شود و سپس دفتر بسته می‌شود.",
    "The backup was restored. The previous file was kept as {aside}.\nDaftar closes now; open it again.":
        "پشتیبان بازگردانده شد. پرونده پیشین با نام {aside} نگه داشته شد.\nدفتر اکنون بسته می‌شود؛ دوباره آن را باز کنید.",
    "Daftar {version}\nQt {qt} (PySide6)\nDatabase: {url}": "دفتر {version}\nQt {qt} (PySide6)\nپایگاه داده: {url}",
    # the school's seal
    "The school's seal is locked. The principal's password opens it until you sign out.":
        "مهر مدرسه قفل است. گذرواژه مدیر آن را تا پایان این ورود باز می‌کند.",
    "The school's seal": "مهر مدرسه",
    # the database of this PC
    "Database": "پایگاه داده",
    "Database…": "پایگاه داده…",
    "This PC opens: {url}": "این رایانه باز می‌کند: {url}",
    "Move this school there": "انتقال مدرسه به آنجا",
    "Use it (the school is there already)": "به کار بردن آن (مدرسه آنجاست)",
    "This PC's file": "پرونده همین رایانه",
    "Shared PostgreSQL database of the school:": "پایگاه داده مشترک PostgreSQL مدرسه:",
    "The school was moved ({rows} rows, {events} events, the chain checked there).":
        "مدرسه منتقل شد ({rows} ردیف، {events} رویداد؛ زنجیره آنجا بررسی شد).",
    "Daftar closes now; open it again to work on the chosen database.":
        "دفتر اکنون بسته می‌شود؛ برای کار روی پایگاه داده برگزیده دوباره آن را باز کنید.",
    # the log and the diagnostic report
    "Something went wrong that Daftar did not expect. What you saved is safe; the details are in the log {path}. Help → Copy diagnostic report puts what support needs on the clipboard.":
        "خطایی پیش آمد که دفتر انتظارش را نداشت. آنچه ذخیره کرده‌اید محفوظ است؛ جزئیات در پرونده گزارش {path} است. «راهنما ← رونوشت گزارش عیب‌یابی» آنچه پشتیبانی لازم دارد را در حافظه می‌گذارد.",
    "Copy diagnostic report": "رونوشت گزارش عیب‌یابی",
    "The diagnostic report is on the clipboard.": "گزارش عیب‌یابی در حافظه (کلیپ‌بورد) است.",
    "Audit trail intact: {n} events": "دفتر رویدادها سالم است: {n} رویداد",
    'Statistics': 'آمار',
    'The whole school': 'کل مدرسه',
    'A grade level': 'یک پایه',
    'A class': 'یک کلاس',
    'A course of a class': 'یک درسِ کلاس',
    'PDF report…': 'گزارش PDF…',
    'Excel…': 'اکسل…',
    'Figure': 'شاخص',
    'This session': 'این نوبت',
    'Session before': 'نوبت پیشین',
    'Change': 'تغییر',
    'Distribution': 'توزیع نتیجه\u200cها',
    'Pass rate of each part': 'درصد قبولی هر بخش',
    'Beside the session before': 'در کنار نوبت پیشین',
    'Pass rate (%)': 'درصد قبولی',
    'This session beside the one before': 'این نوبت در کنار نوبت پیشین',
    '{part}: under the pass mark': '{part}: زیر نمرهٔ قبولی',
    'Save': 'ذخیره',
    'Saved: {path}': 'ذخیره شد: {path}',
    'Compare with the district': 'مقایسه با ناحیه',
    'Not compared with the district yet (the central server answers when the office is online).': 'هنوز با ناحیه مقایسه نشده است (سرور مرکزی هنگامی پاسخ می\u200cدهد که دفتر به اینترنت وصل باشد).',
    # the Setup page
    "Setup": "راه‌اندازی",
    "Setting up the school year: 1. choose a grade (and track) and make its classes; "
    "its courses come from the official curriculum. 2. add teachers on the Users page. "
    "3. choose who teaches each course of each class below. 4. add students on the "
    "Students page, one by one or from a workbook.":
        "راه‌اندازی سال تحصیلی: ۱. پایه (و رشته) را برگزینید و کلاس‌هایش را بسازید؛ دروس آن "
        "از برنامهٔ درسی رسمی می‌آید. ۲. معلمان را در زبانهٔ «کاربران» بیفزایید. ۳. در جدول "
        "پایین، معلم هر درس هر کلاس را برگزینید. ۴. دانش‌آموزان را در زبانهٔ «دانش‌آموزان» "
        "یکی‌یکی یا از کاربرگ اکسل وارد کنید.",
    "Grade and track": "پایه و رشته",
    "Courses": "دروس",
    "Classes": "کلاس‌ها",
    "or the names, separated by commas": "یا نام کلاس‌ها، جدا با ویرگول",
    "Make classes": "ساخت کلاس‌ها",
    "Add a local course": "افزودن درس محلی",
    "How many classes": "تعداد کلاس",
    "Units (0: out of the average)": "واحد (۰: بیرون از معدل)",
    "Local course": "درس محلی",
    "Grades, tracks and classes": "پایه‌ها، رشته‌ها و کلاس‌ها",
    "Units": "واحد",
    "Teacher": "معلم",
    "Who teaches what": "چه کسی چه درسی",
    "Classes made: {names}": "کلاس‌ها ساخته شد: {names}",
    "Local course added: {name}": "درس محلی افزوده شد: {name}",
    "(nobody yet)": "(هنوز کسی)",
    "Saved.": "ذخیره شد.",
    # moving a student, leaving the school
    "Moved to {klass} on {date}": "منتقل به {klass} در {date}",
    "Left the school on {date}": "رفته از مدرسه در {date}",
    "{name} is no longer in this class ({note}); nothing was pasted.":
        "{name} دیگر در این کلاس نیست ({note})؛ چیزی چسبانده نشد.",
    "Move or leave…": "انتقال یا رفتن…",
    "To change the class, use «Move or leave…».":
        "برای تغییر کلاس، «انتقال یا رفتن…» را به کار ببرید.",
    "Move or leave: {name}": "انتقال یا رفتن: {name}",
    "Move to another class of the year": "انتقال به کلاس دیگری از همین سال",
    "Left the school": "از مدرسه رفته است",
    "e.g. moved to another city": "مثلاً به شهر دیگری رفته است",
    "{year}: {klass}, from {since} to {until}": "{year}: {klass}، از {since} تا {until}",
    "now": "اکنون",
    "Not in any class yet.": "هنوز در هیچ کلاسی نیست.",
    "Now in": "کلاس کنونی",
    "On": "در تاریخ",
    "Classes so far": "کلاس‌ها تاکنون",
    "{n} no longer in the class (at the foot, read-only)":
        "{n} نفر دیگر در کلاس نیستند (پایین فهرست، فقط‌خواندنی)",
    "Reason": "علت",
    "The year's end and the next year…": "پایان سال و سال بعد…",
    "The year's end": "پایان سال تحصیلی",
    "Outcome": "نتیجهٔ سال",
    "Shahrivar courses": "درس‌های شهریور",
    "Promoted": "ارتقا",
    "Next year's class": "کلاس سال بعد",
    "Repeating": "تکرار پایه",
    "Repeating in": "کلاس تکرار پایه",
    "Note": "توضیح",
    "Outcomes": "نتیجه‌ها",
    "The next year's classes": "کلاس‌های سال بعد",
    "Edit a name to rename the class; give two classes one name to merge them. A "
    "class is split after opening, by moving students.":
        "برای تغییر نام، نام را ویرایش کنید؛ دو کلاس با یک نام یکی می‌شوند. تقسیم یک کلاس "
        "پس از گشودن سال است، با انتقال دانش‌آموزان.",
    "Close the year": "بستن سال",
    "Settle the Shahrivar results": "ثبت نتیجهٔ شهریور",
    "Open the next year": "گشودن سال بعد",
    "Undo the closing…": "برگرداندن بستن سال…",
    "School year": "سال تحصیلی",
    "open": "باز",
    "The principal's": "کار مدیر است",
    "The year was closed: {stage}.": "سال بسته شد: {stage}.",
    "The Shahrivar results were settled; the year is closed.":
        "نتیجهٔ شهریور ثبت شد؛ سال بسته است.",
    "School year {year} was opened: {classes} classes, {promoted} promoted, {repeating} "
    "repeating, {teaching} courses with their teacher.":
        "سال تحصیلی {year} گشوده شد: {classes} کلاس، {promoted} ارتقا، {repeating} تکرار "
        "پایه، {teaching} درس با معلمش.",
    "Not placed: {who}": "جای داده نشد: {who}",
    "Undo the closing": "برگرداندن بستن سال",
    "Undo the closing of {year}? Every outcome is removed, and school year {next}, if it "
    "was opened, is removed with its classes and enrolments (it has no grade).":
        "بستن سال {year} برگردانده شود؟ همهٔ نتیجه‌ها برداشته می‌شود، و سال تحصیلی {next}، "
        "اگر گشوده شده باشد، با کلاس‌ها و ثبت‌نام‌هایش برداشته می‌شود (نمره‌ای ندارد).",
    "The closing of {year} was undone.": "بستن سال {year} برگردانده شد.",
    "Transferred to another school": "انتقال به مدرسهٔ دیگر",
    "the 8-digit code of the school": "کد ۸ رقمی مدرسهٔ مقصد",
    "School code": "کد مدرسه",
    "The transfer was recorded. Its slip number, for the family to take to the new school: "
    "{slip}": "انتقال ثبت شد. شمارهٔ برگهٔ انتقال، که خانواده به مدرسهٔ تازه می‌برد: {slip}",
    "From another school (a transfer)…": "آمده از مدرسهٔ دیگر (انتقالی)…",
    "A student from another school": "دانش‌آموز انتقالی از مدرسهٔ دیگر",
    "national code": "کد ملی",
    "Find on the central server": "جست‌وجو در سرور مرکزی",
    "Column": "ستون",
    "Grade": "نمره",
    "Grades at the centre": "نمره‌ها در سرور مرکزی",
    "Enrolled on": "تاریخ ورود",
    "{name}, child of {father}, born {birth}; left {school} (code {code}) on {day}, class "
    "{klass}; slip {slip}.": "{name}، فرزند {father}، زادهٔ {birth}؛ رفته از {school} (کد {code}) "
    "در {day}، کلاس {klass}؛ برگهٔ انتقال {slip}.",
    "Save the transfer slip": "ذخیرهٔ برگهٔ انتقال",
    "The slip was written to {path}.": "برگهٔ انتقال در {path} نوشته شد.",
    "Exit": "خروج",
    "Look in:": "در پوشهٔ:",
    "File name:": "نام پرونده:",
    "Folder:": "پوشه:",
    "Files of type:": "گونهٔ پرونده‌ها:",
    "Save": "ذخیره",
    "Open": "باز کردن",
    "Choose": "انتخاب",
    "Saved": "ذخیره شد",
    "{what} was saved in:\n{path}": "{what} در این پرونده ذخیره شد:\n{path}",
    "Open the file": "باز کردن پرونده",
    "Open its folder": "باز کردن پوشهٔ آن",
    "{n} documents ({kind})": "{n} سند ({kind})",
    "{what} went to the printer «{printer}».": "{what} به چاپگر «{printer}» فرستاده شد.",
    "The graduates' list": "فهرست دانش‌آموختگان",
    "The blank students workbook": "الگوی خالی دانش‌آموزان",
    "The pasted text is not grades; nothing was pasted. {reason}":
        "متن چسبانده‌شده نمره نیست؛ چیزی چسبانده نشد. {reason}",
}

path = Path(__file__).with_name("daftar_fa.ts")
tree = ET.parse(path)
root = tree.getroot()
root.set("language", "fa_IR")
missing = []
for msg in root.iter("message"):
    src = msg.findtext("source")
    tr = msg.find("translation")
    if src in FA:
        tr.text = FA[src]
        tr.attrib.pop("type", None)
    else:
        missing.append(src)
tree.write(path, encoding="utf-8", xml_declaration=True)
if missing:
    sys.exit(f"no Persian for: {missing}")
