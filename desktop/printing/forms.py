"""Each kind of document as data: its columns, overall line, optional parts and signers.

A new kind of document is a new :class:`Form` here, not new drawing code: the page
(:mod:`.certificates`) lays out whatever a form names.  Keys of ``columns`` are keys
of a document's rows; keys of ``summary`` are keys of its overall values
(:data:`SUMMARY_LABELS`).  ``parts`` are the optional parts the form has room for;
a school switches them on or off in its settings (``documents.options``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Column

ROW = Column("row", "ردیف", 0.6)
COURSE = Column("course", "نام درس", 4.2, "right")
UNITS = Column("units", "واحد", 0.9)
GRADE = Column("grade", "نمره", 1.4)
TERM_GRADE = Column("grade", "نمرۀ نوبت اول", 1.6)
LEVEL = Column("grade", "ارزشیابی", 2.0)
STATUS = Column("status", "نتیجه", 2.2)

SUMMARY_LABELS = {
    "units": "جمع واحدهای معدل",
    "average": "معدل",
    "term_average": "معدل نوبت اول",
    "failed": "درس‌های مردود",
    "under": "درس‌های کمتر از ۱۰",
    "result": "نتیجه",
    "rank": "رتبه در کلاس",
    "levels": "شمار درس‌ها در هر سطح",
    "short": "درس‌های نیازمند جبران",
}

PARENT = "ولی دانش‌آموز"
CLASS_TEACHER = "معلم راهنما"
PRIMARY_TEACHER = "آموزگار"
DEPUTY, PRINCIPAL = "معاون آموزشی", "مدیر مدرسه"
DISTRICT_HEAD = "رئیس ادارۀ آموزش و پرورش"
CENTRAL = "سامانۀ مرکزی (امضای الکترونیکی)"


@dataclass(frozen=True)
class Form:
    key: str
    columns: tuple[Column, ...]
    summary: tuple[str, ...]
    signatures: tuple[str, ...]
    parts: frozenset[str] = frozenset()      # optional: "rank", "remark", "attendance"
    remark_title: str = "توصیف و پیشنهاد معلم"


REPORT_PARTS = frozenset({"rank", "remark", "attendance"})

FORMS = {f.key: f for f in (
    Form("report_primary_dey", (ROW, COURSE, LEVEL), ("levels",),
         (PRIMARY_TEACHER, DEPUTY, PRINCIPAL, PARENT), frozenset({"remark", "attendance"}),
         "توصیف آموزگار"),
    Form("report_primary", (ROW, COURSE, LEVEL, STATUS), ("levels", "short", "result"),
         (PRIMARY_TEACHER, DEPUTY, PRINCIPAL, PARENT), frozenset({"remark", "attendance"}),
         "توصیف آموزگار"),
    Form("report_secondary_dey", (ROW, COURSE, UNITS, TERM_GRADE),
         ("units", "term_average", "under", "rank"),
         (CLASS_TEACHER, DEPUTY, PRINCIPAL, PARENT), REPORT_PARTS),
    Form("report_secondary", (ROW, COURSE, UNITS, GRADE, STATUS),
         ("units", "average", "failed", "result", "rank"),
         (CLASS_TEACHER, DEPUTY, PRINCIPAL, PARENT), REPORT_PARTS),
    Form("temporary", (ROW, COURSE, UNITS, GRADE, STATUS), ("units", "average", "result"),
         (DEPUTY, PRINCIPAL)),
    Form("original", (ROW, COURSE, UNITS, GRADE, STATUS), ("units", "average", "result"),
         (PRINCIPAL, DISTRICT_HEAD)),
    # issued by the central server: the lines as the province approved them
    Form("confirmation", (ROW, COURSE, UNITS, Column("grades", "نمره‌ها", 3.8, "right"),
                          Column("state", "وضعیت", 2.0)), (), (CENTRAL,)),
    Form("legacy", (ROW, Column("course", "عنوان", 4.2, "right"), Column("grades", "معدل", 2.0),
                    Column("state", "وضعیت", 2.0)),
         (), (CENTRAL,)),
)}


def report_form(primary: bool, dey: bool) -> Form:
    return FORMS[f"report_{'primary' if primary else 'secondary'}{'_dey' if dey else ''}"]
