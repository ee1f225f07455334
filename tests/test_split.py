"""Cutting a reportlab PDF into one file per page (the "one file per student" batches)."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import register
from desktop.printing.shaping import shape
from desktop.printing.split import SplitError, split


def _pdf(pages: int) -> bytes:
    regular, bold = register()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    for i in range(pages):
        c.setFont(regular if i % 2 else bold, 14)
        c.drawString(100, 700, shape(f"کارنامۀ شمارۀ {i + 1}"))
        c.rect(90, 690, 200, 30)
        c.showPage()
    c.save()
    return out.getvalue()


def test_each_page_becomes_a_file_with_its_own_information(tmp_path):
    data = _pdf(5)
    infos = [{"Title": f"کارنامه {i}", "Subject": f"DF1:ABC{i}", "Creator": "Daftar"}
             for i in range(5)]
    files = list(split(data, infos))
    assert len(files) == 5
    source = PdfReader(io.BytesIO(data))
    for i, blob in enumerate(files):
        reader = PdfReader(io.BytesIO(blob))
        assert len(reader.pages) == 1
        assert reader.metadata["/Subject"] == f"DF1:ABC{i}"
        assert reader.metadata["/Title"] == f"کارنامه {i}"
        assert reader.pages[0].extract_text() == source.pages[i].extract_text()
        (tmp_path / f"{i}.pdf").write_bytes(blob)
    if shutil.which("pdftoppm"):
        done = subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "3.pdf"),
                               str(tmp_path / "p")], capture_output=True, text=True)
        assert done.returncode == 0 and done.stderr == ""


@pytest.mark.parametrize("damage", [lambda d: d[:len(d) // 2], lambda d: b"not a pdf",
                                    lambda d: d.replace(b"xref", b"xxxx")])
def test_a_damaged_pdf_is_refused(damage):
    with pytest.raises(SplitError):
        list(split(damage(_pdf(2)), [{}, {}]))


def test_pages_and_informations_must_agree():
    with pytest.raises(SplitError):
        list(split(_pdf(3), [{}]))


def test_parts_join_into_one_pdf_in_order():
    from desktop.printing.split import join

    parts = [_pdf(2), _pdf(3)]
    joined = PdfReader(io.BytesIO(join(parts, {"Subject": "DF1:A\nDF1:B", "Title": "کارنامه"})))
    texts = [p.extract_text() for p in joined.pages]
    expected = [p.extract_text() for part in parts for p in PdfReader(io.BytesIO(part)).pages]
    assert texts == expected and len(texts) == 5
    assert joined.metadata["/Subject"] == "DF1:A\nDF1:B"
