"""Printed lists: Persian shaping, PDFs parsed and rendered back, print events."""

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desktop.domain.calendar import SessionKind
from desktop.models.entities import AuditEvent
from desktop.printing.shaping import shape
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.grades import open_sheet, read_sheet
from desktop.services.lists import grade_sheet_pdf, graduates, graduates_pdf
from desktop.services.school import find_class, find_course


@pytest.mark.parametrize("logical,visual", [
    ("نمره (از ۲۰)", "(۲۰ ﺯﺍ) ﻩﺮﻤﻧ"),            # brackets mirrored, numbers left to right
    ("«علی‌پور»", "«ﺭﻮﭘ\u200cﯽﻠﻋ»"),            # guillemets mirrored, ZWNJ kept
    ("رمزینه (QR) بسنجید", "ﺪﯿﺠﻨﺴﺑ (QR) ﻪﻨﯾﺰﻣﺭ"),  # brackets around Latin take the line's RTL
    ("نام (Ali Reza) است", "ﺖﺳﺍ (Ali Reza) ﻡﺎﻧ"),
    ("کد (۱۲۳) و [الف]", "[ﻒﻟﺍ] ﻭ (۱۲۳) ﺪﮐ"),
    # the Unicode algorithm's own result for a bracketed number after Latin in RTL text
    ("گذرنامه: ID(12)", "(۱۲)ID :ﻪﻣﺎﻧﺭﺬﮔ"),
    ("نمره ۱۸.۷۵", "۱۸٫۷۵ ﻩﺮﻤﻧ"),              # Persian decimal separator
    ("کلاس [دهم]", "[ﻢﻫﺩ] ﺱﻼﮐ"),
    ("صفحه ۱ از ۲", "۲ ﺯﺍ ۱ ﻪﺤﻔﺻ"),
    ("18.75", "۱۸٫۷۵"),                         # a number alone: Persian digits
    ("Daftar 1.0", "Daftar 1.0"),               # Latin alone: untouched
])
def test_shaping(logical, visual):
    assert shape(logical) == visual


@pytest.mark.parametrize("written", ["خانۀ ما", "خانه\u0654 ما"])  # ۀ, or ه + HAMZA ABOVE
def test_heh_with_hamza_survives_shaping(written):
    assert "ۀ" in unicodedata.normalize("NFKC", shape(written))


def plain(extracted: str) -> str:
    """pypdf puts right-to-left lines back in logical order but keeps the presentation
    forms (and reverses digit runs); NFKC maps the forms back to plain letters."""
    return unicodedata.normalize("NFKC", extracted)


def has_number(extracted: str, digits: str) -> bool:
    persian = shape(digits)
    return persian in extracted or persian[::-1] in extracted


@pytest.fixture
def sheet(demo_db):
    klass = find_class(demo_db, "دهم ریاضی")
    return open_sheet(demo_db, klass.id, find_course(demo_db, "فیزیک ۱", klass.id).id,
                      SessionKind.KHORDAD)


def test_grade_sheet_pdf_holds_every_student_and_renders(demo_db, sheet, tmp_path):
    out = tmp_path / "sheet.pdf"
    pages = grade_sheet_pdf(demo_db, sheet, out, PRINCIPAL_ACTOR)
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    back = plain(text)
    data = read_sheet(demo_db, sheet)
    for row in data.rows:
        assert row.last_name in back and row.first_name in back, row.last_name
        assert has_number(text, row.national_code), row.national_code
    assert "لیست نمرات" in back and "مدیر مدرسه" in back and "فیزیک" in back
    # The page shows «(۴ واحد)» (see the rendered PNG).  pypdf turns the visual line
    # back to logical order without mirroring, so a correctly mirrored print reads back
    # as ")۴ واحد(", and an unmirrored one would read back as "(۴ واحد)".
    assert ")۴ واحد(" in back and "(۴ واحد)" not in back
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out),
                        str(tmp_path / "page")], check=True)
        png = tmp_path / "page-1.png"
        from PySide6.QtGui import QImage

        image = QImage(str(png))
        assert image.width() > 600
        dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                   if image.pixelColor(x, y).lightness() < 128)
        assert dark > 500  # text and rules were drawn
    with demo_db.unit() as s:
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert ev.action == "print.grade_sheet" and ev.entity_id == str(sheet)


def test_graduates_apply_the_diploma_rule(demo_db, tmp_path):
    grads = graduates(demo_db, 1405)
    assert len(grads) == 120  # the three grade-12 classes
    assert any(g.granted for g in grads) and any(not g.granted for g in grads)
    for g in grads:
        assert g.granted == (not g.reasons)
        if g.average is not None and g.average < 10:
            assert not g.granted
    out = tmp_path / "graduates.pdf"
    pages = graduates_pdf(demo_db, 1405, out, PRINCIPAL_ACTOR)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert len(PdfReader(out).pages) == pages
    back = plain(text)
    assert "دانش‌آموخته" in back and "ناتمام" in back
    refused = next(g for g in grads if not g.granted)
    assert has_number(text, refused.national_code)
    assert refused.reasons[0].split("«")[0].strip() in back


def test_daftar_lists_command(demo_path, tmp_path):
    db_copy = tmp_path / "school.sqlite"
    shutil.copy(demo_path, db_copy)
    out = tmp_path / "list.pdf"
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_copy), "lists",
                          "grades", "--class", "دهم ریاضی", "--course", "فیزیک ۱", "--out",
                          str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_copy), "lists",
                          "grades", "--class", "دهم ریاضی", "--course", "نجوم", "--out",
                          str(tmp_path / "x.pdf")], capture_output=True, text=True)
    assert bad.returncode == 1 and "پیدا نشد" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_window_writes_both_lists_on_the_worker(qtbot, demo_db, tmp_path, monkeypatch):
    from desktop.views import import_dialog, main_window
    from desktop.views.main_window import MainWindow

    told: list[str] = []
    monkeypatch.setattr(main_window, "announce", lambda _p, what, path: told.append(path))
    monkeypatch.setattr(import_dialog, "inform", lambda _p, t: told.append(t))
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    klass = find_class(demo_db, "دهم ریاضی")
    w.select_class(klass.id)
    w.grades.select(SessionKind.KHORDAD, find_course(demo_db, "فیزیک ۱", klass.id).id)
    saved: list[str] = []
    w.grades.status.connect(saved.append)
    w.grades.print_list(str(tmp_path / "a.pdf"))
    qtbot.waitUntil(lambda: bool(saved), timeout=15000)
    assert Path(tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    w.print_graduates(str(tmp_path / "b.pdf"))
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert told == [str(tmp_path / "b.pdf")]   # announced, with where it went
    assert PdfReader(tmp_path / "b.pdf").pages
