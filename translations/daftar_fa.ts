<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fa_IR">
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../desktop/views/sync_page.py" line="95" />
        <source>Connect to the central server</source>
        <translation>اتصال به سرور مرکزی</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="102" />
        <source>Server address</source>
        <translation>نشانی سرور</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="103" />
        <source>Enrolment code</source>
        <translation>کد ثبت مدرسه</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../desktop/views/crash.py" line="21" />
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/crash.py" line="32" />
        <source>Something went wrong that Daftar did not expect. What you saved is safe; the details are in the log {path}. Help → Copy diagnostic report puts what support needs on the clipboard.</source>
        <translation>خطایی پیش آمد که دفتر انتظارش را نداشت. آنچه ذخیره کرده‌اید محفوظ است؛ جزئیات در پرونده گزارش {path} است. «راهنما ← رونوشت گزارش عیب‌یابی» آنچه پشتیبانی لازم دارد را در حافظه می‌گذارد.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="155" />
        <source>Deadline {date} has passed; the session is locked.</source>
        <translation>مهلت {date} گذشته است؛ این نوبت قفل است.</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="158" />
        <source>Deadline {date}: {days} days left; {open} sheets not yet approved, {unsent} not yet sent.</source>
        <translation>مهلت {date}: {days} روز مانده؛ {open} برگه هنوز تأیید نشده و {unsent} برگه هنوز ارسال نشده است.</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="165" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="165" />
        <source>Not approved</source>
        <translation>تأییدنشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="166" />
        <source>Not sent</source>
        <translation>ارسال‌نشده</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="32" />
        <source>Database</source>
        <translation>پایگاه داده</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="33" />
        <source>This PC opens: {url}</source>
        <translation>این رایانه باز می‌کند: {url}</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="37" />
        <source>Move this school there</source>
        <translation>انتقال مدرسه به آنجا</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="38" />
        <source>Use it (the school is there already)</source>
        <translation>به کار بردن آن (مدرسه آنجاست)</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="39" />
        <source>This PC's file</source>
        <translation>پرونده همین رایانه</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="48" />
        <source>Shared PostgreSQL database of the school:</source>
        <translation>پایگاه داده مشترک PostgreSQL مدرسه:</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="63" />
        <source>The school was moved ({rows} rows, {events} events, the chain checked there).</source>
        <translation>مدرسه منتقل شد ({rows} ردیف، {events} رویداد؛ زنجیره آنجا بررسی شد).</translation>
    </message>
    <message>
        <location filename="../desktop/views/database_dialog.py" line="90" />
        <source>Daftar closes now; open it again to work on the chosen database.</source>
        <translation>دفتر اکنون بسته می‌شود؛ برای کار روی پایگاه داده برگزیده دوباره آن را باز کنید.</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../desktop/views/documents.py" line="49" />
        <source>Report cards and certificates</source>
        <translation>کارنامه و گواهی‌نامه</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="51" />
        <source>— choose a class —</source>
        <translation>— کلاس را برگزینید —</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="63" />
        <source>Printer</source>
        <translation>چاپگر</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="64" />
        <source>PDF file</source>
        <translation>پرونده PDF</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="65" />
        <source>Preview (nothing is issued)</source>
        <translation>پیش‌نمایش (سندی صادر نمی‌شود)</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="67" />
        <source>Reason, if they were printed before</source>
        <translation>دلیل، اگر پیش‌تر چاپ شده‌اند</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="69" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="70" />
        <source>Document</source>
        <translation>سند</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="71" />
        <source>Session</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="72" />
        <source>To</source>
        <translation>مقصد</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="73" />
        <source>Reprint reason</source>
        <translation>دلیل چاپ دوباره</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="78" />
        <source>Print</source>
        <translation>چاپ</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="108" />
        <location filename="../desktop/views/documents.py" line="133" />
        <source>Choose the class whose documents to print.</source>
        <translation>کلاسی را که سندهایش چاپ شود برگزینید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="114" />
        <source>Will print: {kind}, {session}, class «{klass}», {n} students.</source>
        <translation>چاپ می‌شود: {kind}، {session}، کلاس «{klass}»، {n} دانش‌آموز.</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="143" />
        <source>Save documents</source>
        <translation>ذخیره سندها</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="161" />
        <source>Printing…</source>
        <translation>در حال چاپ…</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="190" />
        <source>{n} documents ({kind})</source>
        <translation>{n} سند ({kind})</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="192" />
        <source>Left out, without the diploma: {names}</source>
        <translation>بدون گواهی (شرایط دانش‌آموختگی را ندارند): {names}</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="198" />
        <source>{what} went to the printer «{printer}».</source>
        <translation>{what} به چاپگر «{printer}» فرستاده شد.</translation>
    </message>
</context>
<context>
    <name>EnrollmentDialog</name>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="41" />
        <source>Move or leave: {name}</source>
        <translation>انتقال یا رفتن: {name}</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="45" />
        <source>Move to another class of the year</source>
        <translation>انتقال به کلاس دیگری از همین سال</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="46" />
        <source>Left the school</source>
        <translation>از مدرسه رفته است</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="47" />
        <source>Transferred to another school</source>
        <translation>انتقال به مدرسهٔ دیگر</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="49" />
        <source>the 8-digit code of the school</source>
        <translation>کد ۸ رقمی مدرسهٔ مقصد</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="60" />
        <source>e.g. moved to another city</source>
        <translation>مثلاً به شهر دیگری رفته است</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="61" />
        <source>{year}: {klass}, from {since} to {until}</source>
        <translation>{year}: {klass}، از {since} تا {until}</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="64" />
        <source>now</source>
        <translation>اکنون</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="66" />
        <source>Not in any class yet.</source>
        <translation>هنوز در هیچ کلاسی نیست.</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="70" />
        <source>Now in</source>
        <translation>کلاس کنونی</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="72" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="75" />
        <source>School code</source>
        <translation>کد مدرسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="76" />
        <source>Reason</source>
        <translation>علت</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="77" />
        <source>On</source>
        <translation>در تاریخ</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="78" />
        <source>Classes so far</source>
        <translation>کلاس‌ها تاکنون</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="122" />
        <source>Save the transfer slip</source>
        <translation>ذخیرهٔ برگهٔ انتقال</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="126" />
        <source>The transfer was recorded. Its slip number, for the family to take to the new school: {slip}</source>
        <translation>انتقال ثبت شد. شمارهٔ برگهٔ انتقال، که خانواده به مدرسهٔ تازه می‌برد: {slip}</translation>
    </message>
    <message>
        <location filename="../desktop/views/enrollment_dialog.py" line="129" />
        <source>The slip was written to {path}.</source>
        <translation>برگهٔ انتقال در {path} نوشته شد.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../desktop/views/files.py" line="56" />
        <source>Look in:</source>
        <translation>در پوشهٔ:</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="57" />
        <source>Folder:</source>
        <translation>پوشه:</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="58" />
        <source>File name:</source>
        <translation>نام پرونده:</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="59" />
        <source>Files of type:</source>
        <translation>گونهٔ پرونده‌ها:</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="61" />
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="60" />
        <source>Choose</source>
        <translation>انتخاب</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="60" />
        <source>Open</source>
        <translation>باز کردن</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="63" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="112" />
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="124" />
        <source>Saved</source>
        <translation>ذخیره شد</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="125" />
        <source>{what} was saved in:
{path}</source>
        <translation>{what} در این پرونده ذخیره شد:
{path}</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="129" />
        <source>Open the file</source>
        <translation>باز کردن پرونده</translation>
    </message>
    <message>
        <location filename="../desktop/views/files.py" line="130" />
        <source>Open its folder</source>
        <translation>باز کردن پوشهٔ آن</translation>
    </message>
</context>
<context>
    <name>GradePage</name>
    <message>
        <location filename="../desktop/views/grade_page.py" line="51" />
        <location filename="../desktop/views/grade_page.py" line="82" />
        <source>Undo</source>
        <translation>برگرداندن</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="52" />
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="53" />
        <source>Import from Excel</source>
        <translation>ورود از اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="54" />
        <location filename="../desktop/views/grade_page.py" line="257" />
        <location filename="../desktop/views/grade_page.py" line="267" />
        <source>Grade list (PDF)</source>
        <translation>لیست نمرات (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="56" />
        <source>Session:</source>
        <translation>نوبت:</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="58" />
        <source>Course:</source>
        <translation>درس:</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="85" />
        <source>Redo</source>
        <translation>دوباره انجام دادن</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="89" />
        <source>History of this grade</source>
        <translation>تاریخچه این نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="146" />
        <source>Choose a class in the list and a course.</source>
        <translation>یک کلاس از فهرست و یک درس انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="166" />
        <source>Read only. {reason}</source>
        <translation>فقط خواندنی. {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="168" />
        <source>Last reason: {reason}</source>
        <translation>دلیل آخرین برگشت: {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="188" />
        <source>{n} students</source>
        <translation>{n} دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="191" />
        <source>{n} no longer in the class (at the foot, read-only)</source>
        <translation>{n} نفر دیگر در کلاس نیستند (پایین فهرست، فقط‌خواندنی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="195" />
        <source>class average {avg}</source>
        <translation>میانگین کلاس {avg}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="198" />
        <source>{n} cells still empty</source>
        <translation>{n} خانه هنوز خالی است</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="236" />
        <location filename="../desktop/views/grade_page.py" line="246" />
        <source>Export grade sheet</source>
        <translation>خروجی برگه نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="243" />
        <location filename="../desktop/views/grade_page.py" line="264" />
        <source>Saved {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
</context>
<context>
    <name>GradeSheetModel</name>
    <message>
        <location filename="../desktop/views/grade_model.py" line="46" />
        <source>Grade edit</source>
        <translation>ویرایش نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="81" />
        <source>Level</source>
        <translation>سطح</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="83" />
        <source>Term grade</source>
        <translation>نمره نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="84" />
        <source>Annual grade</source>
        <translation>نمره سالانه</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="85" />
        <source>Summer grade</source>
        <translation>نمره شهریور</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="86" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="86" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="87" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="132" />
        <source>Pass</source>
        <translation>قبول</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="132" />
        <source>Fail</source>
        <translation>مردود</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="152" />
        <source>The national exam paper is below 7</source>
        <translation>نمره برگه امتحان نهایی کمتر از ۷ است</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="159" />
        <source>Moved to {klass} on {date}</source>
        <translation>منتقل به {klass} در {date}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="161" />
        <source>Left the school on {date}</source>
        <translation>رفته از مدرسه در {date}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="244" />
        <source>The pasted text is not grades; nothing was pasted. {reason}</source>
        <translation>متن چسبانده‌شده نمره نیست؛ چیزی چسبانده نشد. {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="251" />
        <source>The pasted block has more rows than the sheet.</source>
        <translation>ردیف‌های متن چسبانده‌شده از ردیف‌های برگه بیشتر است؛ چیزی چسبانده نشد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="255" />
        <source>Column «{column}» cannot be edited; nothing was pasted.</source>
        <translation>ستون «{column}» ویرایش‌پذیر نیست؛ چیزی چسبانده نشد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="259" />
        <source>{name} is no longer in this class ({note}); nothing was pasted.</source>
        <translation>{name} دیگر در این کلاس نیست ({note})؛ چیزی چسبانده نشد.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="239" />
        <source>History: {what}</source>
        <translation>تاریخچه: {what}</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="243" />
        <source>When</source>
        <translation>زمان</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="243" />
        <source>Who</source>
        <translation>کاربر</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="243" />
        <source>Old</source>
        <translation>پیشین</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="244" />
        <source>New</source>
        <translation>جدید</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="244" />
        <source>Why</source>
        <translation>دلیل</translation>
    </message>
</context>
<context>
    <name>IdentityInputs</name>
    <message>
        <location filename="../desktop/views/widgets.py" line="74" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/widgets.py" line="78" />
        <source>birth certificate serial, or birth date for a foreign graduate</source>
        <translation>سریال شناسنامه، یا تاریخ تولد برای دانش‌آموختهٔ اتباع</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="45" />
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="71" />
        <source>Import: dry run</source>
        <translation>ورود از اکسل: بررسی آزمایشی</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="80" />
        <source>{add} to add, {change} to change, {same} unchanged, {refuse} refused</source>
        <translation>{add} افزودنی، {change} تغییری، {same} بدون تغییر، {refuse} ردشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="89" />
        <source>Apply all</source>
        <translation>ثبت همه</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="106" />
        <source>Writing…</source>
        <translation>در حال ثبت…</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="130" />
        <source>Imported.</source>
        <translation>ثبت شد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="138" />
        <source>Reading the workbook…</source>
        <translation>در حال خواندن کارپوشه…</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="145" />
        <source>Import students</source>
        <translation>ورود دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="154" />
        <source>Import grades</source>
        <translation>ورود نمره‌ها</translation>
    </message>
</context>
<context>
    <name>LegacyModel</name>
    <message>
        <location filename="../desktop/views/records_page.py" line="48" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="48" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="49" />
        <source>Graduated</source>
        <translation>سال دانش‌آموختگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="49" />
        <source>Field</source>
        <translation>رشته</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="49" />
        <source>Average</source>
        <translation>معدل</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="50" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="48" />
        <source>Verification code</source>
        <translation>کد صحت</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../desktop/views/login.py" line="86" />
        <source>Locked</source>
        <translation>قفل</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="86" />
        <source>Sign in to Daftar</source>
        <translation>ورود به دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="92" />
        <source>Username</source>
        <translation>نام کاربری</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="93" />
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="121" />
        <source>Demo school: principal, deputy, clerk, teacher1 or teacher2; password «{pw}»</source>
        <translation>مدرسه نمونه: principal، deputy، clerk، teacher1 یا teacher2؛ گذرواژه «{pw}»</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="102" />
        <source>The window was locked after a time without use.</source>
        <translation>پنجره پس از مدتی بی‌کاری قفل شد.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/views/main_window.py" line="84" />
        <source>Daftar — {school}</source>
        <translation>دفتر — {school}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="98" />
        <source>Search by name or national code</source>
        <translation>جست‌وجو با نام یا کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="109" />
        <source>New student</source>
        <translation>دانش‌آموز جدید</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="110" />
        <source>Edit student</source>
        <translation>ویرایش دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="111" />
        <source>Import students from Excel</source>
        <translation>ورود دانش‌آموزان از اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="112" />
        <location filename="../desktop/views/main_window.py" line="462" />
        <source>Blank students workbook</source>
        <translation>الگوی خالی دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="113" />
        <location filename="../desktop/views/main_window.py" line="434" />
        <location filename="../desktop/views/main_window.py" line="444" />
        <source>Graduates' list (PDF)</source>
        <translation>فهرست دانش‌آموختگان (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="114" />
        <source>Report cards and certificates…</source>
        <translation>کارنامه و گواهی‌نامه…</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="115" />
        <source>Verify a document…</source>
        <translation>استعلام سند…</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="131" />
        <source>Students</source>
        <translation>دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="133" />
        <source>Grades</source>
        <translation>نمره‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="134" />
        <source>Approvals</source>
        <translation>صف تأیید</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="135" />
        <source>Deadlines</source>
        <translation>مهلت‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="136" />
        <source>Central server</source>
        <translation>سرور مرکزی</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="137" />
        <source>Archive and confirmations</source>
        <translation>بایگانی و تأییدیه</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="138" />
        <source>Grade repair</source>
        <translation>ترمیم نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="141" />
        <source>Statistics</source>
        <translation>آمار</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="146" />
        <source>Setup</source>
        <translation>راه‌اندازی</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="148" />
        <source>Users</source>
        <translation>کاربران</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="161" />
        <source>Database: {url}</source>
        <translation>پایگاه داده: {url}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="163" />
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="321" />
        <source>The computer's clock was set back; deadlines use the latest time seen.</source>
        <translation>ساعت رایانه به عقب برگردانده شده است؛ مهلت‌ها با آخرین زمان دیده‌شده سنجیده می‌شوند.</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="328" />
        <source>School year {year}</source>
        <translation>سال تحصیلی {year}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="336" />
        <source>Grade {name}</source>
        <translation>پایه {name}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="389" />
        <source>{n} students</source>
        <translation>{n} دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="440" />
        <source>The graduates' list</source>
        <translation>فهرست دانش‌آموختگان</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="465" />
        <source>The blank students workbook</source>
        <translation>الگوی خالی دانش‌آموزان</translation>
    </message>
</context>
<context>
    <name>OfficeMenu</name>
    <message>
        <location filename="../desktop/views/office_menu.py" line="42" />
        <location filename="../desktop/views/office_menu.py" line="48" />
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="53" />
        <location filename="../desktop/views/office_menu.py" line="74" />
        <source>Restore from a backup…</source>
        <translation>بازگردانی از پشتیبان…</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="59" />
        <location filename="../desktop/views/office_menu.py" line="75" />
        <source>Backup folder…</source>
        <translation>پوشه پشتیبان‌ها…</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="72" />
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="73" />
        <source>Back up now</source>
        <translation>پشتیبان‌گیری اکنون</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="77" />
        <source>Database…</source>
        <translation>پایگاه داده…</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="79" />
        <source>Exit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="82" />
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="83" />
        <source>Copy diagnostic report</source>
        <translation>رونوشت گزارش عیب‌یابی</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="84" />
        <source>About Daftar</source>
        <translation>درباره دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="122" />
        <source>Audit trail intact: {n} events</source>
        <translation>دفتر رویدادها سالم است: {n} رویداد</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="148" />
        <source>Backup saved: {path}</source>
        <translation>پشتیبان ذخیره شد: {path}</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="156" />
        <source>No backup was made: {reason}</source>
        <translation>پشتیبان گرفته نشد: {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="170" />
        <source>Backups are kept in {path}</source>
        <translation>پشتیبان‌ها در {path} نگه داشته می‌شوند</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="186" />
        <source>Restore this backup of {school}?
Last event: {when}; {students} students, {grades} grades, {events} events.
The current file is kept aside first; Daftar then closes.</source>
        <translation>این پشتیبان «{school}» بازگردانده شود؟
آخرین رویداد: {when}؛ {students} دانش‌آموز، {grades} نمره، {events} رویداد.
پرونده کنونی نخست کنار گذاشته می‌شود و سپس دفتر بسته می‌شود.</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="202" />
        <source>The backup was restored. The previous file was kept as {aside}.
Daftar closes now; open it again.</source>
        <translation>پشتیبان بازگردانده شد. پرونده پیشین با نام {aside} نگه داشته شد.
دفتر اکنون بسته می‌شود؛ دوباره آن را باز کنید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="225" />
        <source>The diagnostic report is on the clipboard.</source>
        <translation>گزارش عیب‌یابی در حافظه (کلیپ‌بورد) است.</translation>
    </message>
    <message>
        <location filename="../desktop/views/office_menu.py" line="229" />
        <source>Daftar {version}
Qt {qt} (PySide6)
Database: {url}</source>
        <translation>دفتر {version}
Qt {qt} (PySide6)
پایگاه داده: {url}</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../desktop/views/sync_page.py" line="51" />
        <source>Made</source>
        <translation>ساخته‌شده</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="51" />
        <source>Contents</source>
        <translation>محتوا</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="51" />
        <source>Items</source>
        <translation>اقلام</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="52" />
        <source>Grade rows</source>
        <translation>ردیف نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="52" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="52" />
        <source>Attempts</source>
        <translation>تلاش</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="53" />
        <source>Server's answer or error</source>
        <translation>پاسخ سرور یا خطا</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="60" />
        <source>Receipt {when}</source>
        <translation>رسید {when}</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="63" />
        <source>next try {when}</source>
        <translation>تلاش بعدی {when}</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="53" />
        <source>Row</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="53" />
        <source>Action</source>
        <translation>اقدام</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="53" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="53" />
        <source>Details</source>
        <translation>توضیح</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="42" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="42" />
        <source>Course</source>
        <translation>درس</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="42" />
        <source>Session</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="43" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="43" />
        <source>Empty cells</source>
        <translation>خانه‌های خالی</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="43" />
        <source>Last reason</source>
        <translation>آخرین دلیل برگشت</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="77" />
        <source>Reason (needed to send back)</source>
        <translation>دلیل (برای برگشت دادن لازم است)</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="88" />
        <source>Select all</source>
        <translation>انتخاب همه</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="106" />
        <source>Waiting for you: {n}</source>
        <translation>در انتظار شما: {n}</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="117" />
        <source>Select one or more sheets first.</source>
        <translation>نخست یک یا چند برگه را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../desktop/views/records_page.py" line="72" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="72" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="72" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="73" />
        <source>Father's name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="73" />
        <source>Birth date (Jalali)</source>
        <translation>تاریخ تولد (خورشیدی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="74" />
        <source>Birth certificate serial</source>
        <translation>سریال شناسنامه</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="74" />
        <source>Field</source>
        <translation>رشته</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="75" />
        <source>Year graduated (Jalali)</source>
        <translation>سال دانش‌آموختگی (خورشیدی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="75" />
        <source>Diploma average</source>
        <translation>معدل دیپلم</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="76" />
        <source>Place in the archive ledger</source>
        <translation>جای آن در دفتر بایگانی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="81" />
        <source>volume 2, page 45</source>
        <translation>دفتر ۲، صفحهٔ ۴۵</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="82" />
        <source>File for district and province approval</source>
        <translation>ثبت و فرستادن برای تأیید منطقه و استان</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="83" />
        <source>Print the selected diploma's code page…</source>
        <translation>چاپ برگهٔ کد صحت گواهینامهٔ برگزیده…</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="95" />
        <source>Diplomas from the archive</source>
        <translation>گواهینامه‌های بایگانی (بی‌کد صحت)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="111" />
        <source>Ask the central server for a confirmation (PDF)…</source>
        <translation>درخواست تأییدیه از سرور مرکزی (PDF)…</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="117" />
        <source>Identity</source>
        <translation>شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="118" />
        <source>National code or id</source>
        <translation>کد ملی یا شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="119" />
        <source>Second proof</source>
        <translation>نشانهٔ دوم</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="120" />
        <source>Academic confirmation</source>
        <translation>تأییدیهٔ تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="129" />
        <location filename="../desktop/views/records_page.py" line="144" />
        <source>the student's national code or id</source>
        <translation>کد ملی یا شناسهٔ دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="130" />
        <source>Get the 19-digit record code and print its slip…</source>
        <translation>گرفتن کد سابقهٔ تحصیلی ۱۹ رقمی و چاپ برگهٔ آن…</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="135" />
        <source>Academic-record code</source>
        <translation>کد سابقهٔ تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="150" />
        <source>Print the grade record to check…</source>
        <translation>چاپ سوابق نمره‌ای برای بررسی…</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="151" />
        <source>File the objection</source>
        <translation>ثبت اعتراض</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="156" />
        <source>Student</source>
        <translation>دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="157" />
        <source>Course</source>
        <translation>درس</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="158" />
        <source>Session</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="159" />
        <source>Objection</source>
        <translation>اعتراض</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="160" />
        <source>Review window (10 Khordad to 10 Tir)</source>
        <translation>بازهٔ بررسی سوابق نمره‌ای (۱۰ خرداد تا ۱۰ تیر)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="202" />
        <source>Filed as entry {n}; the next sync sends it.</source>
        <translation>با شمارهٔ {n} ثبت شد؛ همگام‌سازی بعدی آن را می‌فرستد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="212" />
        <source>Choose a diploma in the table first.</source>
        <translation>نخست گواهینامه‌ای را در جدول برگزینید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="214" />
        <source>Code page (PDF)</source>
        <translation>برگهٔ کد صحت (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="224" />
        <source>Saved {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="227" />
        <source>Academic confirmation (PDF)</source>
        <translation>تأییدیهٔ تحصیلی (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="232" />
        <location filename="../desktop/views/records_page.py" line="261" />
        <source>Asking the central server…</source>
        <translation>در حال پرسش از سرور مرکزی…</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="243" />
        <source> (the one issued before)</source>
        <translation> (همان تأییدیهٔ پیشین)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="244" />
        <source>Confirmation {code} saved to {path}{again}</source>
        <translation>تأییدیهٔ {code} در {path} ذخیره شد{again}</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="256" />
        <source>Record code slip (PDF)</source>
        <translation>برگهٔ کد سابقهٔ تحصیلی (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="277" />
        <source> (had it already)</source>
        <translation> (پیش‌تر گرفته شده بود)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="278" />
        <source>Record code {code}{again}; slip saved to {path}</source>
        <translation>کد سابقهٔ تحصیلی {code}{again}؛ برگه در {path} ذخیره شد</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="291" />
        <source>Grade record (PDF)</source>
        <translation>سوابق نمره‌ای (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="302" />
        <source>{n} lines saved to {path}</source>
        <translation>{n} ردیف در {path} ذخیره شد</translation>
    </message>
    <message>
        <location filename="../desktop/views/records_page.py" line="316" />
        <source>Objection {n} filed; the next sync sends it to the district.</source>
        <translation>اعتراض {n} ثبت شد؛ همگام‌سازی بعدی آن را به منطقه می‌فرستد.</translation>
    </message>
</context>
<context>
    <name>RegistrationModel</name>
    <message>
        <location filename="../desktop/views/repair_page.py" line="52" />
        <source>No.</source>
        <translation>شماره</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="52" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="52" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="53" />
        <source>Record code</source>
        <translation>کد سابقۀ تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="53" />
        <source>Courses</source>
        <translation>دروس</translation>
    </message>
</context>
<context>
    <name>RepairPage</name>
    <message>
        <location filename="../desktop/views/repair_page.py" line="77" />
        <source>Woman</source>
        <translation>زن</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="78" />
        <source>Man</source>
        <translation>مرد</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="80" />
        <source>Academic-record code</source>
        <translation>کد سابقهٔ تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="81" />
        <source>Identity</source>
        <translation>شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="82" />
        <source>National code or id</source>
        <translation>کد ملی یا شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="83" />
        <source>Second proof</source>
        <translation>نشانهٔ دوم</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="84" />
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="85" />
        <source>Show the graduate's record</source>
        <translation>نمایش سابقۀ دانش‌آموخته</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="87" />
        <source>Register for the checked courses</source>
        <translation>ثبت‌نام در درس‌های علامت‌خورده</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="92" />
        <source>Register a past graduate (20 to 30 Farvardin)</source>
        <translation>ثبت‌نام دانش‌آموختۀ پیشین (۲۰ تا ۳۰ فروردین)</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="96" />
        <source>Final-exam courses of the record (check those to retake):</source>
        <translation>درس‌های امتحان نهایی در سابقه (درس‌هایی را که دوباره امتحان می‌دهد علامت بزنید):</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="111" />
        <source>Print the selected course-selection slip…</source>
        <translation>چاپ نمونه برگ انتخاب واحدِ ردیف برگزیده…</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="115" />
        <source>Make the exam's grade sheets</source>
        <translation>ساختن برگه‌های نمرۀ امتحان</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="119" />
        <source>Session</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="122" />
        <source>Registered graduates</source>
        <translation>دانش‌آموختگان ثبت‌نام‌شده</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="154" />
        <source>Asking the central server…</source>
        <translation>در حال پرسش از سرور مرکزی…</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="169" />
        <source>{course} (grade {level}, {year}): {grade}</source>
        <translation>{course} (پایۀ {level}، {year}): {grade}</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="177" />
        <source>{name}, father {father}: {n} courses in the record.</source>
        <translation>{name}، نام پدر {father}: {n} درس در سابقه.</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="200" />
        <source>Registration {n} with {k} courses; print its slip.</source>
        <translation>ثبت‌نام {n} با {k} درس انجام شد؛ نمونه برگ آن را چاپ کنید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="206" />
        <source>Choose a registration in the table first.</source>
        <translation>نخست یک ثبت‌نام را در جدول برگزینید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="209" />
        <source>Course-selection slip (PDF)</source>
        <translation>نمونه برگ انتخاب واحد (PDF)</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="218" />
        <source>The slip ({n} courses) saved to {path}</source>
        <translation>نمونه برگ ({n} درس) در {path} ذخیره شد</translation>
    </message>
    <message>
        <location filename="../desktop/views/repair_page.py" line="229" />
        <source>{n} grade sheets ready on the Grades tab: {names}</source>
        <translation>{n} برگۀ نمره در زبانۀ نمره‌ها آماده است: {names}</translation>
    </message>
</context>
<context>
    <name>Seal</name>
    <message>
        <location filename="../desktop/views/seal.py" line="16" />
        <source>The school's seal is locked. The principal's password opens it until you sign out.</source>
        <translation>مهر مدرسه قفل است. گذرواژه مدیر آن را تا پایان این ورود باز می‌کند.</translation>
    </message>
    <message>
        <location filename="../desktop/views/seal.py" line="20" />
        <source>The school's seal</source>
        <translation>مهر مدرسه</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../desktop/views/login.py" line="146" />
        <source>A new school</source>
        <translation>مدرسه تازه</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="159" />
        <source>School code (8 digits)</source>
        <translation>کد مدرسه (۸ رقم)</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="160" />
        <source>School name</source>
        <translation>نام مدرسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="161" />
        <source>District</source>
        <translation>منطقه</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="162" />
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="165" />
        <source>Principal's username</source>
        <translation>نام کاربری مدیر</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="166" />
        <source>Principal's name</source>
        <translation>نام مدیر</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="167" />
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../desktop/views/login.py" line="168" />
        <source>Password again</source>
        <translation>تکرار گذرواژه</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../desktop/views/setup_page.py" line="61" />
        <source>Setting up the school year: 1. choose a grade (and track) and make its classes; its courses come from the official curriculum. 2. add teachers on the Users page. 3. choose who teaches each course of each class below. 4. add students on the Students page, one by one or from a workbook.</source>
        <translation>راه‌اندازی سال تحصیلی: ۱. پایه (و رشته) را برگزینید و کلاس‌هایش را بسازید؛ دروس آن از برنامهٔ درسی رسمی می‌آید. ۲. معلمان را در زبانهٔ «کاربران» بیفزایید. ۳. در جدول پایین، معلم هر درس هر کلاس را برگزینید. ۴. دانش‌آموزان را در زبانهٔ «دانش‌آموزان» یکی‌یکی یا از کاربرگ اکسل وارد کنید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="70" />
        <location filename="../desktop/views/setup_page.py" line="91" />
        <source>Grade and track</source>
        <translation>پایه و رشته</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="70" />
        <source>Courses</source>
        <translation>دروس</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="70" />
        <source>Classes</source>
        <translation>کلاس‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="81" />
        <source>or the names, separated by commas</source>
        <translation>یا نام کلاس‌ها، جدا با ویرگول</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="82" />
        <source>Make classes</source>
        <translation>ساخت کلاس‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="88" />
        <source>Add a local course</source>
        <translation>افزودن درس محلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="96" />
        <source>How many classes</source>
        <translation>تعداد کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="99" />
        <source>Units (0: out of the average)</source>
        <translation>واحد (۰: بیرون از معدل)</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="102" />
        <source>Local course</source>
        <translation>درس محلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="103" />
        <source>Grades, tracks and classes</source>
        <translation>پایه‌ها، رشته‌ها و کلاس‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="113" />
        <source>Course</source>
        <translation>درس</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="113" />
        <source>Units</source>
        <translation>واحد</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="113" />
        <source>Teacher</source>
        <translation>معلم</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="122" />
        <source>Who teaches what</source>
        <translation>چه کسی چه درسی</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="125" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="134" />
        <source>The year's end and the next year…</source>
        <translation>پایان سال و سال بعد…</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="199" />
        <source>Classes made: {names}</source>
        <translation>کلاس‌ها ساخته شد: {names}</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="214" />
        <source>Local course added: {name}</source>
        <translation>درس محلی افزوده شد: {name}</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="229" />
        <source>(nobody yet)</source>
        <translation>(هنوز کسی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/setup_page.py" line="250" />
        <source>Saved.</source>
        <translation>ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>SheetSyncModel</name>
    <message>
        <location filename="../desktop/views/sync_page.py" line="77" />
        <source>Sheet</source>
        <translation>برگه</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="77" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="77" />
        <source>Where it is</source>
        <translation>کجاست</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="63" />
        <source>The whole school</source>
        <translation>کل مدرسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="63" />
        <source>A grade level</source>
        <translation>یک پایه</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="64" />
        <source>A class</source>
        <translation>یک کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="64" />
        <source>A course of a class</source>
        <translation>یک درسِ کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="72" />
        <source>PDF report…</source>
        <translation>گزارش PDF…</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="72" />
        <source>Excel…</source>
        <translation>اکسل…</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="86" />
        <source>Compare with the district</source>
        <translation>مقایسه با ناحیه</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="89" />
        <source>Figure</source>
        <translation>شاخص</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="89" />
        <location filename="../desktop/views/statistics_page.py" line="252" />
        <location filename="../desktop/views/statistics_page.py" line="258" />
        <source>This session</source>
        <translation>این نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="90" />
        <location filename="../desktop/views/statistics_page.py" line="257" />
        <source>Session before</source>
        <translation>نوبت پیشین</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="90" />
        <source>Change</source>
        <translation>تغییر</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="96" />
        <location filename="../desktop/views/statistics_page.py" line="249" />
        <source>Distribution</source>
        <translation>توزیع نتیجه‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="97" />
        <source>Pass rate of each part</source>
        <translation>درصد قبولی هر بخش</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="98" />
        <source>Beside the session before</source>
        <translation>در کنار نوبت پیشین</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="215" />
        <source>Not compared with the district yet (the central server answers when the office is online).</source>
        <translation>هنوز با ناحیه مقایسه نشده است (سرور مرکزی هنگامی پاسخ می‌دهد که دفتر به اینترنت وصل باشد).</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="251" />
        <source>Pass rate (%)</source>
        <translation>درصد قبولی</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="259" />
        <source>This session beside the one before</source>
        <translation>این نوبت در کنار نوبت پیشین</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="266" />
        <location filename="../desktop/views/statistics_page.py" line="268" />
        <source>Students</source>
        <translation>دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="334" />
        <source>{part}: under the pass mark</source>
        <translation>{part}: زیر نمرهٔ قبولی</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="350" />
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <location filename="../desktop/views/statistics_page.py" line="367" />
        <source>Saved: {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="46" />
        <source>Edit student</source>
        <translation>ویرایش دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="46" />
        <source>New student</source>
        <translation>دانش‌آموز جدید</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="49" />
        <source>Iranian (national code)</source>
        <translation>ایرانی (کد ملی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="56" />
        <source>Girl</source>
        <translation>دختر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="57" />
        <source>Boy</source>
        <translation>پسر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="63" />
        <source>19 digits, once issued</source>
        <translation>۱۹ رقم، پس از صدور</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="71" />
        <source>Identity</source>
        <translation>شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="72" />
        <source>Code</source>
        <translation>کد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="74" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="75" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="76" />
        <source>Father's name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="77" />
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="78" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="79" />
        <source>Birth place</source>
        <translation>محل تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="80" />
        <source>Birth certificate serial</source>
        <translation>سریال شناسنامه</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="81" />
        <source>Educational record code</source>
        <translation>کد سابقه تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="82" />
        <source>Move or leave…</source>
        <translation>انتقال یا رفتن…</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="88" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="89" />
        <source>From another school (a transfer)…</source>
        <translation>آمده از مدرسهٔ دیگر (انتقالی)…</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="118" />
        <source>To change the class, use «Move or leave…».</source>
        <translation>برای تغییر کلاس، «انتقال یا رفتن…» را به کار ببرید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="152" />
        <source>National code is valid.</source>
        <translation>کد ملی درست است.</translation>
    </message>
</context>
<context>
    <name>StudentTableModel</name>
    <message>
        <location filename="../desktop/views/student_model.py" line="22" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="23" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="24" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="25" />
        <source>Father's name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="26" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="27" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../desktop/views/sync_page.py" line="146" />
        <source>Send now</source>
        <translation>ارسال همین حالا</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="147" />
        <source>Connect to the central server…</source>
        <translation>اتصال به سرور مرکزی…</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="200" />
        <source>Server: {server} — last success: {ok} — in the outbox: {queued}, refused: {refused}, ready to pack: {ready}</source>
        <translation>سرور: {server} — آخرین ارسال موفق: {ok} — در صندوق ارسال: {queued}، ردشده: {refused}، آماده بسته‌بندی: {ready}</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="125" />
        <location filename="../desktop/views/sync_page.py" line="202" />
        <source>never</source>
        <translation>هرگز</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="119" />
        <source>Central server: not configured</source>
        <translation>سرور مرکزی: تنظیم نشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="121" />
        <source>Central server: not sent ({queued} waiting)</source>
        <translation>سرور مرکزی: ارسال نشد ({queued} در انتظار)</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="124" />
        <source>Central server: last sent {when}</source>
        <translation>سرور مرکزی: آخرین ارسال {when}</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="210" />
        <source>{session}: deadline {date} has passed; records are locked.</source>
        <translation>{session}: مهلت {date} گذشته است؛ نمره‌ها قفل است.</translation>
    </message>
    <message>
        <location filename="../desktop/views/sync_page.py" line="214" />
        <source>{session}: {days} days left until {date}; not sent: {unsent} sheets.</source>
        <translation>{session}: {days} روز مانده تا {date}؛ ارسال‌نشده: {unsent} برگه.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../desktop/views/tasks.py" line="70" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>TransferInDialog</name>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="47" />
        <source>A student from another school</source>
        <translation>دانش‌آموز انتقالی از مدرسهٔ دیگر</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="49" />
        <source>national code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="50" />
        <source>Find on the central server</source>
        <translation>جست‌وجو در سرور مرکزی</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="57" />
        <source>School year</source>
        <translation>سال تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="57" />
        <source>Session</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="57" />
        <source>Course</source>
        <translation>درس</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="57" />
        <source>Column</source>
        <translation>ستون</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="58" />
        <source>Grade</source>
        <translation>نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="72" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="74" />
        <source>Grades at the centre</source>
        <translation>نمره‌ها در سرور مرکزی</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="75" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="76" />
        <source>Enrolled on</source>
        <translation>تاریخ ورود</translation>
    </message>
    <message>
        <location filename="../desktop/views/transfer_dialog.py" line="101" />
        <source>{name}, child of {father}, born {birth}; left {school} (code {code}) on {day}, class {klass}; slip {slip}.</source>
        <translation>{name}، فرزند {father}، زادهٔ {birth}؛ رفته از {school} (کد {code}) در {day}، کلاس {klass}؛ برگهٔ انتقال {slip}.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="189" />
        <location filename="../desktop/views/approval_pages.py" line="200" />
        <source>Username</source>
        <translation>نام کاربری</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="189" />
        <location filename="../desktop/views/approval_pages.py" line="201" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="190" />
        <location filename="../desktop/views/approval_pages.py" line="202" />
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="197" />
        <source>Add user</source>
        <translation>افزودن کاربر</translation>
    </message>
    <message>
        <location filename="../desktop/views/approval_pages.py" line="203" />
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../desktop/views/documents.py" line="217" />
        <source>Verify a document</source>
        <translation>استعلام سند</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="220" />
        <source>20-digit code, or scan the QR here</source>
        <translation>کد صحت ۲۰ رقمی، یا رمزینه (QR) را اینجا بخوانید</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="221" />
        <location filename="../desktop/views/documents.py" line="248" />
        <source>Open a PDF…</source>
        <translation>باز کردن PDF…</translation>
    </message>
    <message>
        <location filename="../desktop/views/documents.py" line="222" />
        <source>Check</source>
        <translation>بررسی</translation>
    </message>
</context>
<context>
    <name>YearEndDialog</name>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="63" />
        <source>The year's end</source>
        <translation>پایان سال تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="70" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="70" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="70" />
        <location filename="../desktop/views/year_end_dialog.py" line="74" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="70" />
        <source>Outcome</source>
        <translation>نتیجهٔ سال</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="71" />
        <source>Shahrivar courses</source>
        <translation>درس‌های شهریور</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="71" />
        <source>Average</source>
        <translation>معدل</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="74" />
        <source>Promoted</source>
        <translation>ارتقا</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="74" />
        <source>Next year's class</source>
        <translation>کلاس سال بعد</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="75" />
        <source>Repeating</source>
        <translation>تکرار پایه</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="75" />
        <source>Repeating in</source>
        <translation>کلاس تکرار پایه</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="75" />
        <source>Note</source>
        <translation>توضیح</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="84" />
        <source>Outcomes</source>
        <translation>نتیجه‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="85" />
        <source>The next year's classes</source>
        <translation>کلاس‌های سال بعد</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="87" />
        <source>Edit a name to rename the class; give two classes one name to merge them. A class is split after opening, by moving students.</source>
        <translation>برای تغییر نام، نام را ویرایش کنید؛ دو کلاس با یک نام یکی می‌شوند. تقسیم یک کلاس پس از گشودن سال است، با انتقال دانش‌آموزان.</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="91" />
        <source>Close the year</source>
        <translation>بستن سال</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="92" />
        <source>Settle the Shahrivar results</source>
        <translation>ثبت نتیجهٔ شهریور</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="93" />
        <source>Open the next year</source>
        <translation>گشودن سال بعد</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="94" />
        <source>Undo the closing…</source>
        <translation>برگرداندن بستن سال…</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="110" />
        <source>School year</source>
        <translation>سال تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="145" />
        <source>open</source>
        <translation>باز</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="174" />
        <source>The principal's</source>
        <translation>کار مدیر است</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="188" />
        <source>The year was closed: {stage}.</source>
        <translation>سال بسته شد: {stage}.</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="194" />
        <source>The Shahrivar results were settled; the year is closed.</source>
        <translation>نتیجهٔ شهریور ثبت شد؛ سال بسته است.</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="209" />
        <source>School year {year} was opened: {classes} classes, {promoted} promoted, {repeating} repeating, {teaching} courses with their teacher.</source>
        <translation>سال تحصیلی {year} گشوده شد: {classes} کلاس، {promoted} ارتقا، {repeating} تکرار پایه، {teaching} درس با معلمش.</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="217" />
        <source>Not placed: {who}</source>
        <translation>جای داده نشد: {who}</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="226" />
        <source>Undo the closing</source>
        <translation>برگرداندن بستن سال</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="227" />
        <source>Undo the closing of {year}? Every outcome is removed, and school year {next}, if it was opened, is removed with its classes and enrolments (it has no grade).</source>
        <translation>بستن سال {year} برگردانده شود؟ همهٔ نتیجه‌ها برداشته می‌شود، و سال تحصیلی {next}، اگر گشوده شده باشد، با کلاس‌ها و ثبت‌نام‌هایش برداشته می‌شود (نمره‌ای ندارد).</translation>
    </message>
    <message>
        <location filename="../desktop/views/year_end_dialog.py" line="234" />
        <source>The closing of {year} was undone.</source>
        <translation>بستن سال {year} برگردانده شد.</translation>
    </message>
</context>
</TS>