"""Documents a school can hand out: every number on a card is recomputed from the card's
own text (read back from the PDF), every string lies inside its cell and the page,
every kind prints from a fresh demo, and codes are accepted as people type them."""

import io
import re
import subprocess
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select, update

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import ValidationError
from desktop.domain.text import to_persian_digits
from desktop.domain.verification import DocumentKind, damm, make_code, parse_code
from desktop.domain.workflow import SheetState
from desktop.models.entities import ClassGroup, ExamSession, GradeSheet
from desktop.printing import certificates as P
from desktop.printing.fonts import register
from desktop.printing.layout import Box
from desktop.printing.lists import render as render_list
from desktop.services import auth
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.demo import GRADUATING_CLASS
from desktop.services.lists import graduates_document
from desktop.services.school import find_class, list_classes

PERSIAN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.")


def clerk(db):
    return auth.login(db, "clerk", "daftar")


# --- reading a PDF back ------------------------------------------------------------------

def strings(page):
    """(x centre, baseline, text as drawn, text in logical-ish form) of every string."""
    regular, bold = register()
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        name = bold if "Bold" in str(font.get("/BaseFont", "")) else regular
        x, y = tm[4], tm[5]
        w = stringWidth(text, name, size)
        found.append((x + w / 2, round(y, 1), text, unicodedata.normalize("NFKC", text)))

    page.extract_text(visitor_text=visit)
    return found


def same(extracted, label):
    """pypdf hands back a shaped Persian string reversed as a whole (so a label reads in
    logical order again, and a number's digits come reversed): compare labels so."""
    def norm(t):  # course names are stored with ASCII digits, printed with Persian ones
        return to_persian_digits(unicodedata.normalize("NFKC", t).strip().replace("\u200c", ""))

    unreversed = re.sub("[۰-۹٫]+", lambda m: m.group()[::-1], norm(extracted))
    return norm(label) in (norm(extracted), unreversed)


def number(text):
    t = unicodedata.normalize("NFKC", text).strip()
    if re.search("[۰-۹]", t):
        t = t[::-1]  # see same()
    t = t.translate(PERSIAN)
    return Decimal(t) if re.fullmatch(r"[0-9]+(\.[0-9]+)?", t) else None


def table_under(found, headers, stop=None):
    """Rows of the table whose header row holds ``headers`` (a column's key -> label):
    each row a dict of key -> extracted text, matched by the column centres."""
    marks = {}
    for x, y, _raw, norm in found:
        for key, label in headers.items():
            if same(norm, label) and key not in marks:
                marks[key] = (x, y)
    assert set(marks) == set(headers), (set(headers) - set(marks))
    top = max(y for _, y in marks.values())
    rows = {}
    for x, y, _raw, norm in found:
        if y >= top or (stop is not None and y <= stop):
            continue
        for key, (cx, _) in marks.items():
            if abs(x - cx) < 12:
                rows.setdefault(y, {})[key] = norm
    return [rows[y] for y in sorted(rows, reverse=True)], top


def average_of(rows):
    total, units = Decimal(0), 0
    for r in rows:
        u, g = number(r.get("units", "")), number(r.get("grade", ""))
        if u is not None and g is not None:
            total += g * u
            units += int(u)
    return (total / units).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), units


def summary_values(found, labels, below):
    """The overall line: each label's value is the string under it."""
    table, _ = table_under([f for f in found if f[1] < below], labels)
    return table[0]


def check_secondary_card(found, session):
    grade_label = "نمرۀ نوبت اول" if session is SessionKind.DEY else "نمره"
    headers = {"row": "ردیف", "units": "واحد", "grade": grade_label}
    if session is not SessionKind.DEY:
        headers["status"] = "نتیجه"
    summary = {"units": "جمع واحدهای معدل"}
    summary_top = next(y for _, y, _, n in found if same(n, summary["units"]))
    rows, _ = table_under(found, headers, stop=summary_top)
    rows = [r for r in rows if "row" in r]
    assert rows and [number(r["row"]) for r in rows] == list(range(1, len(rows) + 1))
    average, units = average_of(rows)
    if session is SessionKind.DEY:
        labels = {"units": "جمع واحدهای معدل", "average": "معدل نوبت اول",
                  "under": "درس‌های کمتر از ۱۰"}
    else:
        labels = {"units": "جمع واحدهای معدل", "average": "معدل", "failed": "درس‌های مردود",
                  "result": "نتیجه"}
    values = summary_values(found, labels, summary_top + 1)
    assert number(values["units"]) == units
    assert number(values["average"]) == average
    grades = [number(r["grade"]) for r in rows if number(r.get("grade", "")) is not None]
    if session is SessionKind.DEY:
        assert number(values["under"]) == sum(1 for g in grades if g < 10)
        return average, None
    for r in rows:
        g, status = number(r["grade"]), r["status"]
        if g is not None and g < 10:
            assert not same(status, "قبول")
        if same(status, "قبول"):
            assert g is not None and g >= 10
    failed = sum(1 for r in rows if same(r["status"], "مردود") or same(r["status"], "تجدید")
                 or "(" in r["status"] or ")" in r["status"])
    assert number(values["failed"]) == failed
    return average, values["result"]


def test_every_report_card_of_the_demo_adds_up(demo_db, tmp_path):
    """Dey cards of every secondary class, Khordad cards of the graduating class: the
    average, the units, the count of failed courses and the result, from the page."""
    classes = [k for k in list_classes(demo_db, 1405) if k.grade_level >= 7]
    out = tmp_path / "dey.pdf"
    C.issue(demo_db, [k.id for k in classes], DocumentKind.REPORT_CARD, SessionKind.DEY,
            clerk(demo_db), out)
    reader = PdfReader(out)
    assert len(reader.pages) == sum(k.students for k in classes)
    for page in reader.pages:
        check_secondary_card(strings(page), SessionKind.DEY)
    klass = find_class(demo_db, GRADUATING_CLASS, 1405)
    out = tmp_path / "khordad.pdf"
    C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.KHORDAD,
                  clerk(demo_db), out)
    results = set()
    for page in PdfReader(out).pages:
        average, result = check_secondary_card(strings(page), SessionKind.KHORDAD)
        if same(result, "دانش‌آموخته"):
            assert average >= 10
        results.add(result.strip())
    assert len(results) == 2  # the demo's graduating class has both outcomes


def test_discipline_units_follow_the_stage(demo_db, tmp_path):
    """Upper secondary: «انضباط» printed with 2 units and counted; lower: «—», not counted."""
    for name, shown in (("دهم ریاضی", "2"), ("هشتم الف", "—")):
        klass = find_class(demo_db, name, 1405)
        keep = []
        C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                      clerk(demo_db), tmp_path / f"{shown}.pdf", keep=keep)
        row = next(r for r in keep[0].rows if r["course"] == "انضباط")
        assert row["units"] == shown


def test_primary_cards_are_descriptive_all_the_way(demo_db, tmp_path):
    klass = find_class(demo_db, "سوم الف", 1405)
    with demo_db.unit() as s:  # the Khordad evaluations approved by the school
        s.execute(update(GradeSheet).where(GradeSheet.class_id == klass.id).values(
            state=SheetState.APPROVED))
    keep = []
    out = tmp_path / "primary.pdf"
    C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.KHORDAD,
                  clerk(demo_db), out, keep=keep)
    levels = {"خیلی خوب", "خوب", "قابل قبول", "نیاز به تلاش بیشتر"}
    for doc, page in zip(keep, PdfReader(out).pages, strict=True):
        text = " ".join(n for _, _, _, n in strings(page)).replace("\u200c", "")
        assert "مردود" not in text and "واحد" not in text
        assert all(r["grade"] in levels for r in doc.rows)
        assert all(r["status"] in ("کسب شد", "برنامۀ جبرانی") for r in doc.rows)
        counts = dict(p.split(": ") for p in dict(doc.summary)["levels"].split("، "))
        assert {k: int(v) for k, v in counts.items()} == {
            lv: sum(1 for r in doc.rows if r["grade"] == lv) for lv in levels}
        short = sum(1 for r in doc.rows if r["status"] == "برنامۀ جبرانی")
        assert dict(doc.summary)["result"] == ("ارتقا به پایۀ بالاتر" if short == 0
                                               else "برنامۀ جبرانی")
        assert "توصیف آموزگار" in text


def central_pages(db):
    """The two pages the central server signs, from the demo: its archived diploma, and a
    confirmation of its first original certificate with the graduation lines."""
    from desktop.domain.calendar import format_jalali, today_tehran
    from desktop.printing.central_documents import legacy_body, page
    from desktop.services import legacy
    from desktop.services.school import get_school

    school = get_school(db)
    [entry] = legacy.entries(db)
    with db.unit() as s:
        from desktop.models.entities import LegacyDiploma

        row = s.get(LegacyDiploma, entry.id)
        fields = {"first": row.first_name, "last": row.last_name, "father": row.father_name,
                  "birth": row.birth_date.isoformat(), "serial": row.birth_serial,
                  "field": row.field, "graduated": str(row.graduated), "average": row.average,
                  "ledger": row.ledger}
        seal_text = row.seal
    archived = page(DocumentKind.LEGACY, entry.code,
                    legacy_body(fields, school.name, school.code, today_tehran()), seal_text)
    lines = [{"course": f"درس {i}", "units": "3", "state": "تأیید نهایی استان",
              "grades": "مستمر نوبت دوم: 18.5، پایانی نوبت دوم: 17.25"} for i in range(15)]
    body = {"name": "مینا صادقی", "father": "محمود", "birth": "1388/02/08",
            "identity": "0084575948", "school": school.name, "school_code": school.code,
            "district": "منطقه ۶ تهران", "province": "تهران", "field": GRADUATING_CLASS,
            "diploma": {"kind": "گواهینامه پایان تحصیلات", "code": entry.code,
                        "issued": format_jalali(today_tehran())},
            "issued": format_jalali(today_tehran()), "lines": lines}
    return [archived, page(DocumentKind.CONFIRMATION, entry.code, body, seal_text)]


def test_every_string_lies_inside_its_cell_and_the_page(demo_db, tmp_path):
    """All kinds, all optional parts on, and a long course name: nothing is cut or off."""
    principal = auth.login(demo_db, "principal", "daftar")
    C.set_document_parts(demo_db, ["rank", "remark", "attendance"], principal)
    keep = []
    grad = find_class(demo_db, GRADUATING_CLASS, 1405)
    for kind, session, name in ((DocumentKind.REPORT_CARD, SessionKind.DEY, "دهم ریاضی"),
                                (DocumentKind.REPORT_CARD, SessionKind.DEY, "اول الف"),
                                (DocumentKind.REPORT_CARD, SessionKind.KHORDAD, GRADUATING_CLASS),
                                (DocumentKind.TEMPORARY, SessionKind.KHORDAD, GRADUATING_CLASS),
                                (DocumentKind.ORIGINAL, SessionKind.KHORDAD, GRADUATING_CLASS)):
        klass = find_class(demo_db, name, 1405)
        C.issue_class(demo_db, klass.id, kind, session, clerk(demo_db),
                      tmp_path / f"{kind.name}{session.name}.pdf", keep=keep,
                      reason="آزمون")
    keep += central_pages(demo_db)
    assert grad and {d.form for d in keep} == set(P.FORMS) - {"report_primary"}
    long_name = ("مطالعات اجتماعی و آشنایی با مبانی اقتصاد، جامعه‌شناسی، سبک زندگی ایرانی "
                 "اسلامی و مهارت‌های زندگی در جامعهٔ امروز با نگاهی به تاریخ فرهنگ")
    doc = keep[0]
    keep.append(P.CertificateData(**{**doc.__dict__, "rows": doc.rows + (
        {"course": long_name, "units": "3", "grade": "17.25", "status": ""},)}))
    page = Box(0, 0, *A4)
    inside = Box(P.MARGIN, P.MARGIN, A4[0] - P.MARGIN, A4[1] - P.MARGIN)
    for d in keep:
        pen = P.draw(Canvas(io.BytesIO(), pagesize=A4), d, record=True)
        assert pen.placed
        for placed in pen.placed:
            assert placed.cell.contains(placed.ink), (d.form, placed.text)
            assert page.contains(placed.ink), (d.form, placed.text)
        assert not pen.overlaps(), (d.form, pen.overlaps())
        assert all(inside.contains(box) for _, box in pen.regions), d.form
    wrapped = [p for p in pen.placed if p.text in long_name and p.text != long_name]
    assert len(wrapped) >= 2 and " ".join(p.text for p in wrapped) == long_name
    rank = dict(keep[0].summary)["rank"]
    assert re.fullmatch(r"[0-9]+ از [0-9]+", rank)


def test_graduates_list_wraps_long_remarks_inside_the_page(demo_db):
    doc = graduates_document(demo_db, 1405)
    long_rows = [r for r in doc.rows if len(r[-1]) > 60]
    assert long_rows, "the demo has graduates' remarks longer than their column"
    pen = render_list(doc, io.BytesIO(), record=True)
    width, height = 842, 595
    remark_lines = 0
    for p in pen.placed:
        assert p.cell.contains(p.ink), p.text
        assert 0 <= p.ink.x0 and p.ink.x1 <= width and 0 <= p.ink.y0 and p.ink.y1 <= height
        remark_lines += any(p.text in r[-1] and p.text != r[-1] for r in long_rows)
    assert remark_lines > len(long_rows)
    assert pen.pages >= 1


# --- every kind from a fresh demo ------------------------------------------------------------

def test_fresh_demo_prints_every_kind_and_verifies_each(tmp_path):
    env = {"DAFTAR_PASSWORD": "daftar", "DAFTAR_KEY_PASSPHRASE": "daftar", "PATH": "/usr/bin:/bin"}
    db = str(tmp_path / "fresh.sqlite")

    def daftar(*args):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "--db", db, *args],
                              capture_output=True, text=True, env=env, timeout=300)

    assert daftar("demo").returncode == 0
    for kind, session in (("report_card", "DEY"), ("report_card", "KHORDAD"),
                          ("temporary", "KHORDAD"), ("original", "KHORDAD")):
        out = tmp_path / f"{kind}-{session}.pdf"
        done = daftar("print", "--user", "clerk", "--kind", kind, "--class", GRADUATING_CLASS,
                      "--session", session, "--out", str(out))
        assert done.returncode == 0, done.stderr
        if kind != "report_card":
            assert "بدون گواهی" in done.stdout   # those without the diploma, by name
        verified = daftar("verify", str(out))
        assert verified.returncode == 0, verified.stdout
        assert len(PdfReader(out).pages) >= 30
    # the archived diploma the demo sent for its code, coded by the demo's central office
    listed = daftar("--lang", "en", "legacy", "list")
    assert "province_approved" in listed.stdout
    archived = tmp_path / "legacy.pdf"
    assert daftar("legacy", "print", "1", "--out", str(archived)).returncode == 0
    assert daftar("verify", str(archived)).returncode == 0
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode == 0:
        for pdf in tmp_path.glob("*.pdf"):
            subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf),
                            str(pdf.with_suffix(""))], check=True)
        assert len(list(tmp_path.glob("*.png"))) == 5


def test_demo_is_a_girls_school_with_its_graduating_class_final(demo_db):
    from desktop.services.demo import GIRL_NAMES

    assert not {"طاها", "علی", "محمد", "حسین", "رضا"} & set(GIRL_NAMES)
    with demo_db.unit() as s:
        states = set(s.scalars(select(GradeSheet.state).join(ClassGroup).join(
            ExamSession, GradeSheet.session_id == ExamSession.id).where(
            ClassGroup.name == GRADUATING_CLASS, ExamSession.kind == SessionKind.KHORDAD)))
    assert states == {SheetState.PROVINCE_APPROVED}


# --- codes people type ---------------------------------------------------------------------

def test_codes_typed_in_any_grouping_and_the_visual_group_order():
    code = make_code("12345678", 1405, DocumentKind.REPORT_CARD, 18)
    text = code.text
    groups = [text[i:i + 5] for i in range(0, 20, 5)]
    persian = text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for typed in (text, " ".join(groups), "-".join(groups), persian,
                  f" {text[:7]} - {text[7:]} "):
        assert parse_code(typed) == code, typed
    # as the groups stand on a page: the reverse reading, for a document that exists only
    for typed in (" ".join(reversed(groups)), "".join(reversed(groups))):
        assert parse_code(typed, known={text}.__contains__) == code, typed
        with pytest.raises(ValidationError):
            parse_code(typed, known=set().__contains__)
    # the one format: grouped, Persian digits, isolated left to right
    assert code.display() == "\u2066۱۲۳۴۵ ۶۷۸۰۵ ۱۰۰۰۰ ۰۰۱۸۶\u2069"


def test_a_mistyped_digit_is_misread_not_forged(demo_db, tmp_path):
    klass = find_class(demo_db, "نهم الف", 1405)
    issued = C.issue_class(demo_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                           clerk(demo_db), tmp_path / "c.pdf")
    code = issued[0].code
    for i in (0, 9, 15, 19):
        wrong = code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1:]
        if damm(wrong) == 0:
            continue
        v = V.verify_code(demo_db, wrong)
        assert v.status == V.MISREAD and v.label == "کد نادرست خوانده شده"
        assert "\u2066" in v.reasons[0]  # the code shown in the one format
    grouped = " ".join(reversed([code[i:i + 5] for i in range(0, 20, 5)]))
    assert V.verify_code(demo_db, grouped).status == V.GENUINE
    assert V.verify_code(demo_db, "123").status == V.MISREAD


@pytest.mark.parametrize("path", ["/tmp/fresh/graduates.pdf", "C:\\Users\\office\\a.pdf"])
def test_paths_in_persian_sentences_are_isolated(path):
    from desktop.domain.text import isolate, normalize

    said = f"ذخیره شد: {isolate(path)}"
    assert said.endswith("\u2066" + path + "\u2069")
    assert normalize(said) == f"ذخیره شد: {path}"


def test_a_demo_built_after_the_khordad_deadline_still_prints_originals(tmp_path):
    """Built in Mordad (the Khordad sheets locked since 30 Tir): the graduating class was
    decided on the deadline's morning, no clock is taken for set back, originals print."""
    import datetime as dt

    from desktop.models.db import open_database
    from desktop.services.clock import clock_status
    from desktop.services.demo import build_demo

    db = open_database(tmp_path / "mordad.sqlite")
    db.clock = lambda: dt.datetime(2027, 8, 10, 6, 0, tzinfo=dt.UTC)  # 19 Mordad 1406
    try:
        build_demo(db, students=300, year=1405)
        assert not clock_status(db).suspicious
        klass = find_class(db, GRADUATING_CLASS, 1405)
        issued = C.issue_class(db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                               clerk(db), tmp_path / "o.pdf")
        assert issued and V.verify_pdf(db, tmp_path / "o.pdf")[0].status == V.GENUINE
    finally:
        db.dispose()
