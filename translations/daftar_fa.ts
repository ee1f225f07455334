<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fa_IR">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/views/main_window.py" line="38" />
        <source>Daftar — {school}</source>
        <translation>دفتر — {school}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="48" />
        <source>Search by name or national code</source>
        <translation>جست‌وجو با نام یا کد ملی</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="70" />
        <source>Database: {url}</source>
        <translation>پایگاه داده: {url}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="71" />
        <source>Role: {role}</source>
        <translation>نقش: {role}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="72" />
        <source>Central server: not configured</source>
        <translation>سرور مرکزی: تنظیم نشده</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="83" />
        <source>School year {year}</source>
        <translation>سال تحصیلی {year}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="91" />
        <source>Grade {name}</source>
        <translation>پایه {name}</translation>
    </message>
    <message>
        <location filename="../desktop/views/main_window.py" line="120" />
        <source>{n} students</source>
        <translation>{n} دانش‌آموز</translation>
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
</TS>