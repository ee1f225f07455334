"""The central server's public page over real HTTP: inquiry by code in any grouping and
digits, by a photo of the QR, the grades only with the holder's national code, bad
input answered in Persian with nothing stored, a rate limit per address, every
inquiry logged."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import httpx
import pytest
from PIL import Image
from sqlalchemy import text

from desktop.domain.calendar import SessionKind
from desktop.domain.text import to_persian_digits
from desktop.domain.verification import DocumentKind
from desktop.services import certificates, sync
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.school import list_classes

pytestmark = pytest.mark.postgres


@pytest.fixture
def printed(enrolled, central, tmp_path):  # type: ignore[no-untyped-def]
    """Report cards of a class printed and reported to the central server."""
    klass = next(c for c in list_classes(enrolled, 1405) if c.name.startswith("دهم"))
    pdf = tmp_path / "cards.pdf"
    issued = certificates.issue_class(enrolled, klass.id, DocumentKind.REPORT_CARD,
                                      SessionKind.DEY, PRINCIPAL_ACTOR, pdf)
    assert sync.run(enrolled).ok
    return enrolled, issued, pdf


def counts(central) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with central.engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM document")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM inquiry")).scalar_one())


def national_of(db, student_id: int) -> str:  # type: ignore[no-untyped-def]
    from desktop.models.entities import Student

    with db.unit() as s:
        return s.get(Student, student_id).national_code


def test_a_code_typed_any_way_answers_with_a_masked_name(printed, central) -> None:
    db, issued, _ = printed
    code = issued[0].code
    home = httpx.get(central.url + "/")
    assert home.status_code == 200 and 'dir="rtl"' in home.text
    assert "script-src" not in home.headers["content-security-policy"]   # none allowed
    groups = [code[i:i + 5] for i in range(0, 20, 5)]
    for typed in (code, " ".join(groups), to_persian_digits("-".join(groups)),
                  " ".join(reversed(groups))):          # copied from the page right to left
        page = httpx.get(central.url + "/verify", params={"code": typed})
        assert page.status_code == 200
        assert "معتبر" in page.text and "کارنامه" in page.text and "*" in page.text
        assert "نمره‌ها (با رضایت دارنده)" not in page.text
    national = national_of(db, issued[0].student_id)
    full = httpx.get(central.url + "/verify", params={"code": code, "national": national})
    assert "نمره‌ها (با رضایت دارنده)" in full.text and "مستمر نوبت اول" in full.text
    other = national_of(db, issued[1].student_id)
    refused = httpx.get(central.url + "/verify", params={"code": code, "national": other})
    assert "با دارندۀ سند یکی نیست" in refused.text and "مستمر نوبت اول" not in refused.text
    with central.engine.connect() as conn:
        consent = conn.execute(text("SELECT consent FROM inquiry ORDER BY id")).scalars().all()
    assert consent.count(True) == 1 and len(consent) == 6


def test_bad_input_gets_a_persian_answer_and_stores_nothing(printed, central) -> None:
    before = counts(central)
    wrong = httpx.get(central.url + "/verify", params={"code": "123"})
    assert wrong.status_code == 200 and "۲۰ رقم" in wrong.text and "کد نادرست" in wrong.text
    script = "<script>alert(1)</script>"
    hostile = httpx.get(central.url + "/verify", params={"code": script, "national": script})
    assert script not in hostile.text and "&lt;script&gt;" in hostile.text
    form = httpx.post(central.url + "/confirm",
                      data={"kind": "national", "value": script, "secret": script})
    assert form.status_code == 422 and script not in form.text
    not_image = httpx.post(central.url + "/verify/upload",
                           files={"photo": ("a.png", b"%PDF-1.4 not an image", "image/png")})
    assert not_image.status_code == 422 and "تصویر نیست" in not_image.text
    blank = io.BytesIO()
    Image.new("L", (400, 300), 255).save(blank, "PNG")
    empty = httpx.post(central.url + "/verify/upload",
                       files={"photo": ("b.png", blank.getvalue(), "image/png")})
    assert empty.status_code == 422 and "رمزینه" in empty.text
    huge = httpx.post(central.url + "/verify/upload",
                      files={"photo": ("c.jpg", b"\xff" * (5 * 1024 * 1024), "image/jpeg")})
    assert huge.status_code == 413 and "مگابایت" in huge.text
    documents, inquiries = counts(central)
    assert documents == before[0]                 # nothing stored but the log lines
    assert inquiries == before[1] + 6             # two by code, the confirmation, 3 uploads


def test_a_photo_of_the_qr_verifies_and_a_forged_one_does_not(printed, central,
                                                              tmp_path: Path) -> None:
    _db, issued, pdf = printed
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "2", "-l", "2", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True)
    shot = io.BytesIO()
    Image.open(tmp_path / "page.png").convert("L").rotate(5, expand=True, fillcolor=255).save(
        shot, "JPEG", quality=50)
    answer = httpx.post(central.url + "/verify/upload",
                        files={"photo": ("page.jpg", shot.getvalue(), "image/jpeg")})
    assert answer.status_code == 200 and "معتبر" in answer.text
    assert to_persian_digits(issued[1].code[:5]) in answer.text
    # a QR whose signed text was changed: decoded, checked offline, refused
    import segno

    forged = segno.make("DF1:" + "A" * 300, error="m")
    out = io.BytesIO()
    forged.save(out, kind="png", scale=4, border=4)
    fake = httpx.post(central.url + "/verify/upload",
                      files={"photo": ("f.png", out.getvalue(), "image/png")})
    assert fake.status_code == 200 and "نامعتبر" in fake.text


def test_inquiries_are_rate_limited_per_address(printed, central) -> None:
    _db, issued, _ = printed
    code = issued[0].code
    answers = [httpx.get(f"{central.url}/v1/verify/{code}").status_code for _ in range(30)]
    assert answers == [200] * 30
    limited = httpx.get(f"{central.url}/v1/verify/{code}")
    assert limited.status_code == 429 and "یک دقیقۀ دیگر" in limited.json()["message"]
    page = httpx.get(central.url + "/verify", params={"code": code})
    assert page.status_code == 429 and "یک دقیقۀ دیگر" in page.text
    with central.engine.connect() as conn:
        logged = dict(conn.execute(text(
            "SELECT status, count(*) FROM inquiry GROUP BY status")).all())
    assert logged == {"genuine": 30, "limited": 2}
