<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fa_IR">
<context>
    <name>GradePage</name>
    <message>
        <location filename="../desktop/views/grade_page.py" line="60" />
        <location filename="../desktop/views/grade_page.py" line="90" />
        <source>Undo</source>
        <translation>برگرداندن</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="61" />
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="62" />
        <source>Import from Excel</source>
        <translation>ورود از اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="64" />
        <source>Session:</source>
        <translation>نوبت:</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="66" />
        <source>Course:</source>
        <translation>درس:</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="93" />
        <source>Redo</source>
        <translation>دوباره انجام دادن</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="127" />
        <source>Choose a class in the list and a course.</source>
        <translation>یک کلاس از فهرست و یک درس انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="151" />
        <source>Read only. {reason}</source>
        <translation>فقط خواندنی. {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="153" />
        <source>Last reason: {reason}</source>
        <translation>دلیل آخرین برگشت: {reason}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="169" />
        <source>{n} students</source>
        <translation>{n} دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="172" />
        <source>class average {avg}</source>
        <translation>میانگین کلاس {avg}</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="175" />
        <source>{n} cells still empty</source>
        <translation>{n} خانه هنوز خالی است</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="194" />
        <source>Export grade sheet</source>
        <translation>خروجی برگه نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_page.py" line="202" />
        <source>Saved {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
</context>
<context>
    <name>GradeSheetModel</name>
    <message>
        <location filename="../desktop/views/grade_model.py" line="48" />
        <source>Grade edit</source>
        <translation>ویرایش نمره</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="82" />
        <source>Level</source>
        <translation>سطح</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="84" />
        <source>Term grade</source>
        <translation>نمره نوبت</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="85" />
        <source>Annual grade</source>
        <translation>نمره سالانه</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="86" />
        <source>Summer grade</source>
        <translation>نمره شهریور</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="87" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="87" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="88" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="145" />
        <source>Pass</source>
        <translation>قبول</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="145" />
        <source>Fail</source>
        <translation>مردود</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="165" />
        <source>The national exam paper is below 7</source>
        <translation>نمره برگه امتحان نهایی کمتر از ۷ است</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="237" />
        <source>The pasted block has more rows than the sheet.</source>
        <translation>ردیف‌های متن چسبانده‌شده از ردیف‌های برگه بیشتر است؛ چیزی چسبانده نشد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/grade_model.py" line="241" />
        <source>Column «{column}» cannot be edited; nothing was pasted.</source>
        <translation>ستون «{column}» ویرایش‌پذیر نیست؛ چیزی چسبانده نشد.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="51" />
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="88" />
        <source>Import: dry run</source>
        <translation>ورود از اکسل: بررسی آزمایشی</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="97" />
        <source>{add} to add, {change} to change, {same} unchanged, {refuse} refused</source>
        <translation>{add} افزودنی، {change} تغییری، {same} بدون تغییر، {refuse} ردشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="108" />
        <source>Apply all</source>
        <translation>ثبت همه</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="125" />
        <source>Writing…</source>
        <translation>در حال ثبت…</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="149" />
        <source>Imported.</source>
        <translation>ثبت شد.</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="157" />
        <source>Reading the workbook…</source>
        <translation>در حال خواندن کارپوشه…</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="164" />
        <source>Import students</source>
        <translation>ورود دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="173" />
        <source>Import grades</source>
        <translation>ورود نمره‌ها</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/views/main_window.py" line="47" />
        <source>Daftar — {school}</source>
        <translation>دفتر — {school}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="58" />
        <source>Search by name or national code</source>
        <translation>جست‌وجو با نام یا کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="69" />
        <source>New student</source>
        <translation>دانش‌آموز جدید</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="70" />
        <source>Edit student</source>
        <translation>ویرایش دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="71" />
        <source>Import students from Excel</source>
        <translation>ورود دانش‌آموزان از اکسل</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="72" />
        <location filename="../desktop/views/main_window.py" line="191" />
        <source>Blank students workbook</source>
        <translation>الگوی خالی دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="86" />
        <source>Students</source>
        <translation>دانش‌آموزان</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="87" />
        <source>Grades</source>
        <translation>نمره‌ها</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="97" />
        <source>Database: {url}</source>
        <translation>پایگاه داده: {url}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="98" />
        <source>Role: {role}</source>
        <translation>نقش: {role}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="99" />
        <source>Central server: not configured</source>
        <translation>سرور مرکزی: تنظیم نشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="118" />
        <source>School year {year}</source>
        <translation>سال تحصیلی {year}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="126" />
        <source>Grade {name}</source>
        <translation>پایه {name}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="154" />
        <source>{n} students</source>
        <translation>{n} دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="194" />
        <source>Saved {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="58" />
        <source>Row</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="58" />
        <source>Action</source>
        <translation>اقدام</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="58" />
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/import_dialog.py" line="58" />
        <source>Details</source>
        <translation>توضیح</translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="39" />
        <source>Edit student</source>
        <translation>ویرایش دانش‌آموز</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="39" />
        <source>New student</source>
        <translation>دانش‌آموز جدید</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="42" />
        <source>Iranian (national code)</source>
        <translation>ایرانی (کد ملی)</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="49" />
        <source>Girl</source>
        <translation>دختر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="50" />
        <source>Boy</source>
        <translation>پسر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="56" />
        <source>19 digits, once issued</source>
        <translation>۱۹ رقم، پس از صدور</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="64" />
        <source>Identity</source>
        <translation>شناسه</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="65" />
        <source>Code</source>
        <translation>کد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="67" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="68" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="69" />
        <source>Father's name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="70" />
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="71" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="72" />
        <source>Birth place</source>
        <translation>محل تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="73" />
        <source>Birth certificate serial</source>
        <translation>سریال شناسنامه</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="74" />
        <source>Educational record code</source>
        <translation>کد سابقه تحصیلی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="75" />
        <source>Class</source>
        <translation>کلاس</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_dialog.py" line="120" />
        <source>National code is valid.</source>
        <translation>کد ملی درست است.</translation>
    </message>
</context>
<context>
    <name>StudentTableModel</name>
    <message>
        <location filename="../desktop/views/student_model.py" line="29" />
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="30" />
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="31" />
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="32" />
        <source>Father's name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="33" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../desktop/views/student_model.py" line="34" />
        <source>Class</source>
        <translation>کلاس</translation>
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
</TS>