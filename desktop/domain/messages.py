"""The catalogue of what Daftar says at the desk: code -> (Persian, English).

Once, here, so that the GUI, the command line and the tests show the same words.
Parameters are ``str.format`` fields; :class:`~desktop.domain.errors.DaftarError`
puts Persian digits into them.

One thing, and long by nature: a catalogue grows with every refusal the program can
say.  The setup's messages are in :mod:`.messages_setup`, merged below.
"""

from __future__ import annotations

from .messages_setup import SETUP_MESSAGES
from .messages_year import YEAR_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    # identity
    "national_code.empty": ("کد ملی وارد نشده است.", "The national code is empty."),
    "national_code.not_digits": (
        "کد ملی «{value}» باید فقط رقم باشد.",
        "National code '{value}' must contain digits only.",
    ),
    "national_code.length": (
        "کد ملی «{value}» باید ۱۰ رقم باشد (۸ یا ۹ رقم با صفر از چپ کامل می‌شود).",
        "National code '{value}' must have 10 digits (8 or 9 are left-padded with zeros).",
    ),
    "national_code.repeated": (
        "کد ملی «{value}» با ارقام تکراری معتبر نیست.",
        "National code '{value}' made of one repeated digit is not valid.",
    ),
    "national_code.checksum": (
        "کد ملی «{value}» نادرست است (رقم کنترل نمی‌خواند).",
        "National code '{value}' is wrong (the check digit does not match).",
    ),
    "foreign_id.type": (
        "نوع شناسه اتباع «{value}» شناخته نیست.",
        "Unknown foreign-national id type '{value}'.",
    ),
    "foreign_id.value": (
        "شناسه اتباع «{value}» برای نوع «{kind}» معتبر نیست.",
        "Foreign-national id '{value}' is not valid for type '{kind}'.",
    ),
    "digits.length": (
        "{field} باید دقیقاً {length} رقم باشد؛ «{value}» وارد شده است.",
        "{field} must have exactly {length} digits; got '{value}'.",
    ),
    "name.empty": ("{field} خالی است.", "{field} is empty."),
    "text.control": (
        "«{field}» نویسهٔ کنترلی نامرئی (مانند NUL) دارد؛ آن را دوباره تایپ کنید.",
        "'{field}' holds an invisible control character (such as NUL); type it again.",
    ),
    # calendar
    "date.format": (
        "تاریخ «{value}» درست نیست؛ به شکل ۱۴۰۴/۰۷/۰۱ وارد کنید.",
        "Date '{value}' is not valid; use the form 1404/07/01.",
    ),
    # grades
    "grade.not_number": (
        "نمره «{value}» عدد نیست.",
        "Grade '{value}' is not a number.",
    ),
    "grade.range": (
        "نمره «{value}» باید بین {low} و {high} باشد.",
        "Grade '{value}' must be between {low} and {high}.",
    ),
    "grade.step": (
        "نمره «{value}» باید مضربی از {step} باشد.",
        "Grade '{value}' must be a multiple of {step}.",
    ),
    "grade.level": (
        "«{value}» از سطوح ارزشیابی توصیفی نیست ({levels}).",
        "'{value}' is not a descriptive-evaluation level ({levels}).",
    ),
    "grade.stored": ("«{value}» نمرهٔ پذیرفتنی نیست.", "'{value}' is not a valid grade."),
    "grade.component": (
        "ستون «{value}» در این برگه نمره وجود ندارد.",
        "Component '{value}' does not exist on this grade sheet.",
    ),
    "grade.descriptive_average": (
        "ارزشیابی توصیفی دوره ابتدایی میانگین‌گیری نمی‌شود.",
        "Primary descriptive evaluation is never averaged.",
    ),
    "cell.where": ("«{row}»، ستون «{column}»:", "'{row}', column '{column}':"),
    "student.where": ("«{name}»:", "'{name}':"),
    # workflow
    "workflow.action": (
        "اقدام «{action}» برای برگه‌ای در وضعیت «{state}» مجاز نیست.",
        "Action '{action}' is not allowed on a sheet in state '{state}'.",
    ),
    "workflow.role": (
        "نقش «{role}» اجازه «{action}» را ندارد.",
        "Role '{role}' may not '{action}'.",
    ),
    "workflow.reason": (
        "برای برگشت دادن برگه نوشتن دلیل لازم است.",
        "A rejection needs a reason.",
    ),
    "sheet.not_editable": (
        "برگه نمره در وضعیت «{state}» است و نمره‌هایش ویرایش نمی‌شود.",
        "The grade sheet is '{state}'; its grades cannot be edited.",
    ),
    "sheet.deadline": (
        "مهلت ثبت {session} ({date}) گذشته و برگه قفل است؛ تغییر فقط با درخواست اصلاح و "
        "تأیید منطقه و استان ممکن است.",
        "The deadline of {session} ({date}) has passed and the sheet is locked; a change needs "
        "a change request approved by district and province.",
    ),
    "sheet.not_yours": (
        "این درس به شما واگذار نشده است؛ فقط معلم همین درس نمره‌اش را ثبت می‌کند.",
        "This course is not assigned to you; only its teacher enters its grades.",
    ),
    "sheet.incomplete": (
        "برگه «{sheet}» کامل نیست: {count} خانه خالی است.",
        "Sheet '{sheet}' is incomplete: {count} cells are empty.",
    ),
    "sheet.component": (
        "ستون «{component}» در برگه {session} ویرایش نمی‌شود.",
        "Column '{component}' is not editable on the {session} sheet.",
    ),
    "sheet.student": (
        "این دانش‌آموز در کلاس این برگه نمره ثبت‌نام نشده است.",
        "This student is not enrolled in this sheet's class.",
    ),
    # users
    "grade.conflict": (
        "این نمره را در همین میان «{who}» از رایانه دیگری به «{value}» تغییر داده است؛ نمره شما "
        "ثبت نشد. مقدار او اکنون نمایش داده می‌شود؛ اگر لازم است دوباره وارد کنید.",
        "'{who}' changed this grade to '{value}' from another PC meanwhile; yours was not "
        "saved. Their value is shown now; type yours again if needed.",
    ),
    "auth.failed": ("نام کاربری یا گذرواژه نادرست است.", "Wrong username or password."),
    "auth.failed_wait": (
        "نام کاربری یا گذرواژه نادرست است. پس از چند تلاش نادرست، تلاش بعدی تا {seconds} ثانیه "
        "دیگر پذیرفته نمی‌شود.",
        "Wrong username or password. After several wrong tries the next one is accepted in "
        "{seconds} seconds.",
    ),
    "auth.slowed": (
        "پس از {count} تلاش نادرست، ورود با این نام کاربری تا {seconds} ثانیه دیگر ممکن نیست.",
        "After {count} wrong tries, signing in with this username waits {seconds} more "
        "seconds.",
    ),
    "key.locked": (
        "مهر مدرسه (کلید امضای آن) قفل است؛ برای امضای سند یا بسته، گذرواژه مدیر مدرسه لازم است.",
        "The school's seal (its signing key) is locked; the principal's password is needed "
        "to sign a document or a batch.",
    ),
    "audit.edited": (
        "دفتر رویدادها دست‌کاری شده است: رویداد {event} پس از ثبت ویرایش شده است.",
        "The audit trail was tampered with: event {event} was edited after it was recorded.",
    ),
    "audit.unlinked": (
        "دفتر رویدادها دست‌کاری شده است: زنجیره پیش از رویداد {event} گسسته است (رویدادی "
        "حذف یا جابه‌جا شده است).",
        "The audit trail was tampered with: the chain breaks before event {event} (an event "
        "was deleted or moved).",
    ),
    "audit.head": (
        "دفتر رویدادها دست‌کاری شده است: شمار رویدادها یا واپسین آن‌ها با سر زنجیره "
        "نمی‌خواند (رویدادهایی حذف شده‌اند).",
        "The audit trail was tampered with: the number of events or the last of them does "
        "not match the chain's head (events were removed).",
    ),
    "install.no_window": (
        "این نصب، برنامهٔ دفتر مدرسه را ندارد (تنها هستهٔ مشترک با سرور مرکزی را دارد)؛ "
        "«pip install daftar[desktop]» را نصب کنید.",
        "This install has only the core shared with the central server, not the office "
        "program; install \"daftar[desktop]\".",
    ),
    "key.passphrase": (
        "گذرواژه مدیر نادرست است؛ مهر مدرسه باز نشد.",
        "Wrong principal's password; the school's seal stays locked.",
    ),
    "auth.password_short": (
        "گذرواژه باید دست‌کم {length} نویسه باشد.",
        "The password needs at least {length} characters.",
    ),
    "auth.username": (
        "نام کاربری «{value}» پذیرفتنی نیست (بدون فاصله، حداکثر ۵۰ نویسه).",
        "Username '{value}' is not acceptable (no spaces, at most 50 characters).",
    ),
    "auth.username_taken": ("نام کاربری «{value}» پیش‌تر گرفته شده است.",
                            "Username '{value}' is taken."),
    "auth.role": ("نقش «{value}» برای کاربر مدرسه نیست.", "'{value}' is not a school role."),
    "auth.not_first": (
        "حساب نخست فقط برای مدیر و فقط پیش از هر کاربر دیگری ساخته می‌شود.",
        "The first account is the principal's, made before any other.",
    ),
    "auth.no_password": (
        "گذرواژه خوانده نشد؛ آن را در متغیر DAFTAR_PASSWORD بگذارید یا در پایانه وارد کنید.",
        "No password was read; set DAFTAR_PASSWORD or type it in a terminal.",
    ),
    "auth.mismatch": ("دو گذرواژه یکی نیستند.", "The two passwords differ."),
    "auth.not_teacher": ("این کاربر معلم نیست.", "This user is not a teacher."),
    "batch.refused": (
        "{count} برگه حرکت داده نشد و هیچ برگه‌ای تغییر نکرد: {details}",
        "{count} sheets were refused and none was moved: {details}",
    ),
    "change.empty": ("درخواست اصلاح هیچ تغییری ندارد.", "The change request changes nothing."),
    "change.attachment": ("پیوست بزرگ‌تر از ۱۰ مگابایت است.", "The attachment exceeds 10 MB."),
    "change.not_locked": (
        "این برگه هنوز در مدرسه ویرایش‌پذیر است؛ درخواست اصلاح برای برگهٔ قفل‌شده است.",
        "This sheet can still be changed at school; change requests are for locked sheets.",
    ),
    "change.state": (
        "درخواست اصلاح در وضعیت «{state}» است و این تصمیم برای آن نیست.",
        "The change request is '{state}'; this decision does not apply.",
    ),
    "change.stale": (
        "نمره ستون «{component}» پس از ثبت درخواست تغییر کرده است؛ درخواست اعمال نشد.",
        "Column '{component}' changed after the request was filed; nothing was applied.",
    ),
    # sync with the central server (client side)
    "sync.not_configured": (
        "این دفتر هنوز به سرور مرکزی وصل نشده است؛ نشانی سرور و کد ثبت مدرسه را وارد کنید.",
        "This office is not connected to the central server yet; enter its address and "
        "the school's enrolment code.",
    ),
    # Latin runs ending in "/" are isolated (LRI...PDI) so the slashes stay with them in RTL.
    "sync.url": ("نشانی سرور باید با \u2066http://\u2069 یا \u2066https://\u2069 شروع شود: "
                 "«\u2066{value}\u2069»",
                 "The server address must start with http:// or https://: '{value}'"),
    "sync.unreachable": (
        "به سرور مرکزی وصل نشد: در آن نشانی پاسخی نیامد (اینترنت این رایانه قطع است یا سرور "
        "خاموش است). بسته‌ها در صندوق ارسال می‌مانند و بعداً فرستاده می‌شوند. نشانی سرور را "
        "در صفحه «سرور مرکزی» و جزئیات را در پرونده گزارش ({log}) ببینید.",
        "Could not connect to the central server: nothing answered at its address (this PC is "
        "offline or the server is down). The batches stay in the outbox and will be sent "
        "later. See the server's address on the Central server page and details in the log "
        "({log}).",
    ),
    "sync.cut": (
        "اتصال به سرور مرکزی در میانه کار قطع شد؛ آنچه نرسیده بود دوباره فرستاده می‌شود و چیزی "
        "دو بار ثبت نمی‌شود. اگر تکرار شد، صفحه «سرور مرکزی» و پرونده گزارش ({log}) را ببینید.",
        "The connection to the central server was cut in the middle; what did not arrive is "
        "sent again and nothing is recorded twice. If it repeats, see the Central server page "
        "and the log ({log}).",
    ),
    "sync.proxy": (
        "پراکسی شبکه این رایانه اتصال به سرور مرکزی را نپذیرفت؛ با مسئول شبکه تماس بگیرید "
        "(جزئیات در پرونده گزارش {log}).",
        "This PC's network proxy refused the connection to the central server; ask whoever "
        "runs the network (details in the log {log}).",
    ),
    "sync.timeout": (
        "سرور مرکزی در زمان مقرر پاسخ نداد (شبکه کند است یا سرور سرش شلوغ است)؛ دوباره تلاش "
        "می‌شود. جزئیات در پرونده گزارش ({log}).",
        "The central server did not answer in time (a slow network or a busy server); it will "
        "be tried again. Details in the log ({log}).",
    ),
    "sync.server_error": (
        "سرور مرکزی خطای {status} داد (مشکل از سرور است، نه از این رایانه)؛ دوباره تلاش "
        "می‌شود. جزئیات در پرونده گزارش ({log}).",
        "The central server answered with error {status} (a problem at the server, not on "
        "this PC); it will be tried again. Details in the log ({log}).",
    ),
    "sync.refused": ("سرور مرکزی بسته را نپذیرفت: {reason}",
                     "The central server refused the batch: {reason}"),
    "sync.answer": ("پاسخ سرور مرکزی خوانا نیست.", "The central server's answer is unreadable."),
    "sync.in_outbox": (
        "برگهٔ «{sheet}» در بستهٔ ارسال به سرور مرکزی است و تا پاسخ سرور برگردانده نمی‌شود.",
        "Sheet '{sheet}' is in a batch for the central server and cannot be taken back "
        "until the server answers.",
    ),
    "sync.busy": ("ارسال به سرور مرکزی هم‌اکنون در جریان است.",
                  "Sending to the central server is already running."),
    # the central server's answers
    "central.auth": ("شناسهٔ دسترسی به سرور مرکزی معتبر نیست.",
                     "The central server access token is not valid."),
    "central.forbidden": ("این کار برای شما مجاز نیست: {detail}",
                          "You may not do this: {detail}"),
    "central.kind_authority": (
        "«{kind}» را فقط سرور مرکزی صادر می‌کند؛ چاپ آن از مدرسه پذیرفته نشد.",
        "Only the central server issues a '{kind}'; a school's print of one was refused.",
    ),
    "central.signature": ("امضای بسته با کلید ثبت‌شدهٔ مدرسه جور نیست؛ بسته پذیرفته نشد.",
                          "The batch's signature does not match the school's enrolled key; "
                          "it was refused."),
    "central.other_school": ("این بسته از مدرسهٔ دیگری است ({value}) و پذیرفته نشد.",
                             "This batch belongs to another school ({value}); refused."),
    "central.uuid_reused": (
        "شناسهٔ بسته {value} پیش‌تر با محتوای دیگری رسیده است؛ بستهٔ تازه پذیرفته نشد.",
        "Batch id {value} arrived before with other content; the new one was refused.",
    ),
    "central.late": (
        "مهلت ارسال نمره‌های {session} سال {year} ({date}) گذشته است؛ تغییر فقط با درخواست "
        "اصلاح و تأیید منطقه و استان.",
        "The deadline for {session} {year} ({date}) has passed; a change needs a change "
        "request approved by the district and the province.",
    ),
    "central.request": (
        "درخواست با آنچه سرور می‌پذیرد نمی‌خواند ({where}): {detail}",
        "The request does not fit what the server accepts ({where}): {detail}",
    ),
    "central.too_large": (
        "بسته بزرگ‌تر از {limit} مگابایت است و پذیرفته نشد.",
        "The batch is larger than {limit} MB and was refused.",
    ),
    "central.http": (
        "سرور این درخواست را نپذیرفت (کد {status})؛ شکل درخواست درست نیست.",
        "The server refused this request (status {status}); it is not well formed.",
    ),
    "central.payload": ("محتوای بسته درست نیست: {detail}", "The batch is malformed: {detail}"),
    "central.already": (
        "برگهٔ «{value}» پیش‌تر رسیده و در دست بررسی است؛ نسخهٔ دیگری از آن پذیرفته نمی‌شود.",
        "Sheet '{value}' has already arrived and is under review; another version is refused.",
    ),
    "central.enrol": ("کد ثبت مدرسه نادرست یا مصرف‌شده است.",
                      "The school's enrolment code is wrong or already used."),
    "central.unknown_school": ("مدرسه‌ای با کد {value} در سرور مرکزی نیست.",
                               "No school with code {value} on the central server."),
    "central.no_authority": ("کلید سرور مرکزی ساخته نشده است (daftar-central init).",
                             "The central key has not been made (daftar-central init)."),
    "central.said_no": ("سرور مرکزی نپذیرفت: {detail}", "The central server said no: {detail}"),
    "central.rate": ("از این نشانی در یک دقیقه بیش از {limit} استعلام رسیده است؛ "
                     "یک دقیقۀ دیگر دوباره بکوشید.",
                     "More than {limit} inquiries from this address in a minute; "
                     "try again in a minute."),
    "central.upload": ("پرونده‌ای که فرستادید خوانده نشد: {detail}",
                       "The uploaded file could not be read: {detail}"),
    "confirm.identity": (
        "مشخصات واردشده با سابقۀ هیچ دانش‌آموخته‌ای یکی نیست؛ تأییدیه صادر نشد.",
        "The identity given matches no graduate's record; no confirmation was issued."),
    "record.identity": (
        "مشخصات واردشده با سابقۀ هیچ دانش‌آموز یا دانش‌آموخته‌ای یکی نیست؛ کد سابقۀ تحصیلی "
        "داده نشد.",
        "The identity given matches no student's or graduate's record; no record code."),
    "record.none": ("«{name}» هنوز کد سابقۀ تحصیلی ندارد؛ نخست آن را از سرور مرکزی بگیرید.",
                    "'{name}' has no academic-record code yet; ask the central server first."),
    "review.window": ("بازهٔ بررسی سوابق نمره‌ای از {first} تا {last} است؛ اکنون بیرون از آن است.",
                      "The grade-record review window is {first} to {last}; today is outside it."),
    "repair.rule": ("قاعدهٔ ترمیم نمره «{value}» شناخته نیست (higher یا latest).",
                    "Unknown grade-repair rule '{value}' (higher or latest)."),
    "repair.none": ("هیچ درسی برای امتحان برگزیده نشده است.", "No course was chosen."),
    "repair.not_in_record": ("درس «{course}» در سابقهٔ تحصیلی این دانش‌آموخته نیست.",
                             "Course '{course}' is not in this graduate's record."),
    "repair.twice": ("درس «{course}» دو بار برگزیده شده است.",
                     "Course '{course}' was chosen twice."),
    "repair.identity": (
        "مشخصات واردشده با سابقۀ هیچ دانش‌آموخته‌ای یکی نیست؛ سابقۀ او نشان داده نشد.",
        "The details typed match no graduate's record; the record was not shown."),
    "repair.session": ("امتحان ترمیم نمره در نوبت خرداد یا شهریور برگزار می‌شود، نه دی.",
                       "A repair exam is held in the Khordad or Shahrivar session, not Dey."),
    "repair.birth": ("تاریخ تولد «{name}» به سرور مرکزی نرسیده است؛ ثبت‌نام را دوباره انجام دهید.",
                     "The central server sent no birth date for '{name}'; register again."),
    "record.mismatch": ("کد سابقهٔ تحصیلی با این شخص یکی نیست.",
                        "The academic-record code is not this person's."),
    "repair.window": (
        "ثبت‌نام ترمیم نمره و ایجاد سابقه از {first} تا {last} است؛ اکنون بیرون از آن است.",
        "Registration for grade repair is from {first} to {last}; today is outside it."),
    "confirm.not_final": (
        "سابقۀ تحصیلی هنوز نهایی نشده است: {detail}",
        "The record is not final yet: {detail}"),
    "confirm.revoked": (
        "گواهینامۀ پایان تحصیلات این دانش‌آموخته باطل شده است: {detail}",
        "This graduate's diploma has been revoked: {detail}"),
    "legacy.field": ("«{field}» در سابقۀ بایگانی درست نیست: {value}",
                     "'{field}' of the archived diploma is wrong: {value}"),
    "legacy.duplicate": (
        "برای این دانش‌آموخته سابقه‌ای از بایگانی پیش‌تر ثبت شده است ({value}).",
        "An archived diploma of this graduate is already on file ({value})."),
    # verification
    "verify.length": (
        "کد صحت «{value}» باید ۲۰ رقم باشد.",
        "Verification code '{value}' must have 20 digits.",
    ),
    "verify.check": (
        "کد صحت «{value}» نادرست است (رقم کنترل نمی‌خواند)؛ احتمالاً رقمی اشتباه خوانده یا "
        "جابه‌جا نوشته شده است.",
        "Verification code '{value}' is wrong (its check digit does not match): a digit was "
        "probably misread or two were swapped.",
    ),
    "verify.serial": ("شماره سریال «{value}» بیرون از بازه است.",
                      "Serial '{value}' is out of range."),
    "cert.no_grades": ("برای این دانش‌آموز در این نوبت نمره‌ای ثبت نشده است.",
                       "No grades are recorded for this student in this session."),
    "cert.not_approved": (
        "همه برگه‌های نمره این نوبت هنوز به تأیید مدیر نرسیده‌اند؛ چاپ ممکن نیست.",
        "Not every grade sheet of this session is approved by the principal yet.",
    ),
    "cert.not_final": (
        "اصل گواهینامه فقط پس از تأیید نهایی استان چاپ می‌شود.",
        "The original certificate prints only after the province's final approval.",
    ),
    "cert.no_diploma": (
        "دانش‌آموز شرایط دانش‌آموختگی را ندارد (معدل یا درس قبول‌نشده).",
        "The student does not meet the diploma rule (average or a failed course).",
    ),
    "cert.window": (
        "مهلت شش‌ماهه چاپ تا {until} بوده و گذشته است؛ چاپ فقط با مجوز کمیسیون منطقه یا "
        "استان ممکن است.",
        "The six-month printing window ended on {until}; printing needs a permit from the "
        "district or province commission.",
    ),
    "cert.no_key": (
        "کلید امضای مدرسه هنوز از سرور مرکزی گواهی نگرفته است؛ نخست همگام‌سازی کنید.",
        "The school's signing key is not yet certified by the central server; sync first.",
    ),
    "cert.reprint_reason": ("برای چاپ دوباره نوشتن دلیل لازم است.",
                            "A reprint needs a reason."),
    "cert.not_found": ("سندی با کد صحت «{value}» در این دفتر صادر نشده است.",
                       "No document with code '{value}' was issued by this office."),
    "cert.part": ("بخش «{value}» در کارنامه نیست؛ بخش‌های اختیاری: {parts}.",
                  "There is no part '{value}' on report cards; the optional parts: {parts}."),
    "cert.revoked_already": ("این سند پیش‌تر باطل شده است.", "This document was already voided."),
    "print.failed": (
        "چاپ انجام نشد ({detail})؛ چاپگر را بررسی کنید.",
        "Printing failed ({detail}); check the printer.",
    ),
    # records
    "student.duplicate": (
        "دانش‌آموزی با شناسه «{value}» پیش‌تر ثبت شده است.",
        "A student with id '{value}' already exists.",
    ),
    "not_found": ("{what} «{value}» پیدا نشد.", "{what} '{value}' was not found."),
    "enrollment.duplicate": (
        "این دانش‌آموز در سال تحصیلی {year} پیش‌تر در کلاس «{klass}» ثبت‌نام شده است.",
        "This student is already enrolled in class '{klass}' for school year {year}.",
    ),
    "enrollment.level": (
        "پایه کلاس ({klass}) با پایه درس ({course}) یکی نیست.",
        "The class's grade ({klass}) differs from the course's grade ({course}).",
    ),
    "school.exists": (
        "این پایگاه داده پیش‌تر برای مدرسه «{name}» ساخته شده است.",
        "This database already belongs to school '{name}'.",
    ),
    "school.missing": (
        "پایگاه داده هنوز مدرسه‌ای ندارد؛ نخست «daftar init» یا «daftar demo» را اجرا کنید.",
        "The database has no school yet; run 'daftar init' or 'daftar demo' first.",
    ),
    "school.not_demo": (
        "این کار فقط برای مدرسهٔ نمونه است.",
        "This is for the demo school only.",
    ),
    "db.newer": (
        "این پایگاه داده با نسخه تازه‌تری از دفتر ساخته شده است ({revision}).",
        "This database was made by a newer version of Daftar ({revision}).",
    ),
    "disk.full": (
        "دیسک پر است ({path})؛ چیزی نیمه‌کاره ثبت نشد. جا باز کنید (پرونده‌های کهنه را پاک یا "
        "جابه‌جا کنید) و دوباره تلاش کنید.",
        "The disk is full ({path}); nothing was half written. Free some space and try again.",
    ),
    "db.read_only": (
        "پرونده مدرسه «{path}» فقط‌خواندنی است (یا روی حافظه‌ای است که نوشتن نمی‌پذیرد)؛ دفتر آن "
        "را باز نکرد و دست نزد. پرونده را به پوشه‌ای با اجازه نوشتن ببرید.",
        "The school file '{path}' is read-only (or on a medium that takes no writes); Daftar "
        "did not open or touch it. Move it to a folder where it can be written.",
    ),
    "db.other_school": (
        "پایگاه داده «{path}» اکنون مدرسه «{found}» (کد {found_code}) را دارد، نه «{expected}» "
        "(کد {expected_code}) را که این رایانه پیش‌تر در آن باز می‌کرد؛ دفتر آن را باز نکرد و "
        "دست نزد. اگر درست است، «daftar database --accept» را اجرا کنید.",
        "The database '{path}' now holds school '{found}' ({found_code}), not '{expected}' "
        "({expected_code}) that this PC opened there before; Daftar did not open or touch it. "
        "If this is intended, run 'daftar database --accept'.",
    ),
    "db.migration": (
        "به‌روزرسانی ساختار پایگاه داده انجام نشد ({detail})؛ پرونده همان‌طور که بود ماند.",
        "Updating the database's structure failed ({detail}); the file stayed as it was.",
    ),
    "db.damaged": (
        "پرونده مدرسه «{path}» آسیب دیده است (ناقص یا خراب)؛ دفتر آن را باز نکرد و دست نزد. "
        "آخرین پشتیبان را بازگردانید («daftar restore» یا «پرونده ← بازگردانی از پشتیبان»).",
        "The school file '{path}' is damaged (cut short or corrupt); Daftar did not open or "
        "touch it. Restore the last backup ('daftar restore').",
    ),
    "print.write": (
        "پرونده «{path}» نوشته نشد ({detail})؛ هیچ سندی صادر یا ثبت نشد.",
        "'{path}' could not be written ({detail}); no document was issued or logged.",
    ),
    "db.not_daftar": (
        "پرونده «{path}» پایگاه داده دفتر نیست.",
        "'{path}' is not a Daftar database.",
    ),
    "course.units": (
        "تعداد واحد «{value}» باید بین ۰ و ۲۰ باشد.",
        "Units '{value}' must be between 0 and 20.",
    ),
    "student.gender": (
        "جنسیت باید «پسر» یا «دختر» باشد؛ «{value}» وارد شده است.",
        "Gender must be boy or girl; got '{value}'.",
    ),
    "student.birth_date": (
        "تاریخ تولد «{value}» پذیرفتنی نیست (در آینده است یا بیش از ۱۰۰ سال پیش).",
        "Birth date '{value}' is not acceptable (in the future or over 100 years ago).",
    ),
    "student.identity": (
        "برای دانش‌آموز ایرانی کد ملی و برای اتباع نوع و شماره شناسه لازم است، نه هر دو.",
        "An Iranian student needs a national code, a foreign student an id type and value;"
        " not both.",
    ),
    "workbook.broken": (
        "پرونده «{path}» کارپوشه اکسل (xlsx) سالم نیست: {detail}",
        "'{path}' is not a readable Excel workbook (xlsx): {detail}",
    ),
    "workbook.header": (
        "ستون‌های لازم در کارپوشه نیست: {missing}. از الگوی خالی دفتر استفاده کنید.",
        "The workbook lacks required columns: {missing}. Use Daftar's blank template.",
    ),
    "workbook.empty": ("کارپوشه هیچ ردیفی ندارد.", "The workbook has no rows."),
    "workbook.date_cell": (
        "تاریخ تولد در ردیف {row} به شکل تاریخ میلادی اکسل است؛ آن را شمسی و متنی بنویسید "
        "(مثل ۱۳۹۰/۰۱/۱۵).",
        "Row {row}: the birth date is an Excel (Gregorian) date; type it as Jalali text "
        "(like 1390/01/15).",
    ),
    "workbook.other_sheet": (
        "این کارپوشه برای برگه نمره دیگری است ({found})، نه «{expected}».",
        "This workbook belongs to another grade sheet ({found}), not '{expected}'.",
    ),
    "import.refused_rows": (
        "{count} ردیف پذیرفته نشد؛ تا درست نشوند چیزی ثبت نمی‌شود.",
        "{count} rows were refused; nothing is written until they are fixed.",
    ),
    "import.stale": (
        "پایگاه داده از زمان بررسی آزمایشی تغییر کرده است؛ دوباره بررسی کنید. چیزی ثبت نشد.",
        "The database changed since the dry run; run it again. Nothing was written.",
    ),
    "cancelled": ("کار لغو شد؛ چیزی تغییر نکرد.", "Cancelled; nothing was changed."),
    "csv.header": (
        "سرستون‌های پرونده درست نیست: {value}",
        "The file's header is wrong: {value}",
    ),
    # backups
    "backup.server_db": (
        "این مدرسه روی سرور PostgreSQL است؛ پشتیبان آن را با ابزار خود سرور (pg_dump) بگیرید.",
        "This school is on a PostgreSQL server; back it up with the server's own tools "
        "(pg_dump).",
    ),
    "backup.folder": (
        "در پوشه «{path}» نمی‌توان نوشت ({detail}). پوشه یا حافظه دیگری برگزینید.",
        "Cannot write in the folder '{path}' ({detail}). Choose another folder or drive.",
    ),
    "backup.write": (
        "پشتیبان در «{path}» نوشته نشد ({detail})؛ پرونده مدرسه دست نخورد.",
        "The backup could not be written in '{path}' ({detail}); the school file is untouched.",
    ),
    "backup.missing": (
        "پرونده «{path}» پیدا نشد؛ نشانی را بازبینی کنید.",
        "'{path}' was not found; check the path.",
    ),
    "backup.not_daftar": (
        "پرونده «{path}» پشتیبان دفتر نیست.",
        "'{path}' is not a Daftar backup.",
    ),
    "backup.damaged": (
        "پرونده «{path}» آسیب دیده است ({detail}) و به کار نمی‌رود.",
        "'{path}' is damaged ({detail}) and is not used.",
    ),
    "backup.newer": (
        "پرونده «{path}» را نسخه تازه‌تری از دفتر نوشته است ({revision})؛ نخست دفتر را به‌روز کنید.",
        "'{path}' was written by a newer Daftar ({revision}); update Daftar first.",
    ),
    "backup.other_school": (
        "پرونده «{path}» پشتیبان مدرسه دیگری است: «{school}» با کد {school_code}.",
        "'{path}' is a backup of another school: '{school}' ({school_code}).",
    ),
    "backup.audit": (
        "دفتر رویدادهای پرونده «{path}» از رویداد {event} سالم نیست؛ این پشتیبان به کار نمی‌رود.",
        "The audit trail of '{path}' is broken at event {event}; this backup is not used.",
    ),
    "backup.same_file": (
        "«{path}» خود پرونده مدرسه است، نه پشتیبان آن.",
        "'{path}' is the school file itself, not a backup of it.",
    ),
    "backup.restore_write": (
        "بازگردانی در «{path}» انجام نشد ({detail})؛ "
        "پرونده پیشین کنار گذاشته شده و دست نخورده است.",
        "Restoring into '{path}' failed ({detail}); the previous file was kept aside untouched.",
    ),
    # one school on several PCs
    "move.not_server": (
        "نشانی پایگاه داده مشترک باید نشانی یک سرور PostgreSQL باشد "
        "(postgresql+psycopg://کاربر:گذرواژه@رایانه/نام).",
        "The shared database must be a PostgreSQL server address "
        "(postgresql+psycopg://user:password@host/name).",
    ),
    "move.connect": (
        "به پایگاه داده مشترک وصل نشد ({detail}). نشانی، نام کاربری و گذرواژه را بررسی کنید.",
        "Could not connect to the shared database ({detail}). Check the address, user and "
        "password.",
    ),
    "move.target_not_empty": (
        "پایگاه داده «{url}» پیش‌تر مدرسه‌ای دارد؛ مدرسه فقط به پایگاه داده خالی منتقل می‌شود.",
        "The database '{url}' already holds a school; a school moves only into an empty one.",
    ),
    "move.mismatch": (
        "انتقال ناقص ماند: جدول {table} اینجا {here} ردیف و آنجا {there} ردیف دارد.",
        "The move is incomplete: table {table} has {here} rows here and {there} there.",
    ),
    "move.audit": (
        "دفتر رویدادها از رویداد {event} سالم نیست؛ مدرسه منتقل نشد.",
        "The audit trail is broken at event {event}; the school was not moved.",
    ),
}
MESSAGES.update(SETUP_MESSAGES)
MESSAGES.update(YEAR_MESSAGES)
