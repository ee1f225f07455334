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
    "School year {year}": "سال تحصیلی {year}",
    "Grade {name}": "پایه {name}",
    "{n} students": "{n} دانش‌آموز",
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
