"""The printed QR survives the pictures families send: each kind of document, rendered at
150 dpi, blurred by about a pixel, turned by 7° and saved as a JPEG of quality 30, is read
by an independent reader (zbar) and the text verifies offline."""

import subprocess

import pytest
from PIL import Image, ImageFilter
from sqlalchemy import update

from desktop.domain.calendar import SessionKind
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import SheetState
from desktop.models.entities import GradeSheet
from desktop.services import auth
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.demo import GRADUATING_CLASS
from desktop.services.school import find_class
from tests.scanning import CAN_SCAN, read_qr

pytestmark = pytest.mark.skipif(not CAN_SCAN,
                                reason="zbar-tools and poppler-utils (./dev.sh test installs them)")


def photo(png, blur, angle, out):
    im = Image.open(png).convert("L")
    if angle:
        im = im.rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    im.filter(ImageFilter.GaussianBlur(blur)).save(out, "JPEG", quality=30)


def test_every_kind_scans_from_a_degraded_150_dpi_picture(demo_db, tmp_path):
    clerk = auth.login(demo_db, "clerk", "daftar")
    primary = find_class(demo_db, "دوم ب", 1405)
    with demo_db.unit() as s:
        s.execute(update(GradeSheet).where(GradeSheet.class_id == primary.id).values(
            state=SheetState.APPROVED))
    jobs = [(DocumentKind.REPORT_CARD, SessionKind.DEY, "دهم تجربی"),
            (DocumentKind.REPORT_CARD, SessionKind.KHORDAD, "دوم ب"),
            (DocumentKind.REPORT_CARD, SessionKind.KHORDAD, GRADUATING_CLASS),
            (DocumentKind.TEMPORARY, SessionKind.KHORDAD, GRADUATING_CLASS),
            (DocumentKind.ORIGINAL, SessionKind.KHORDAD, GRADUATING_CLASS)]
    read = tried = 0
    for kind, session, name in jobs:
        klass = find_class(demo_db, name, 1405)
        pdf = tmp_path / f"{kind.name}-{session.name}.pdf"
        issued = C.issue_class(demo_db, klass.id, kind, session, clerk, pdf,
                               student_ids=None, reason="آزمون")
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "2", str(pdf),
                        str(pdf.with_suffix(""))], check=True)
        for page, png in enumerate(sorted(tmp_path.glob(f"{pdf.stem}-*.png"))):
            for blur, angle in ((0.8, 0), (1.2, 0), (1.0, 7), (1.2, 7)):
                shot = tmp_path / "shot.jpg"
                photo(png, blur, angle, shot)
                text = read_qr(shot)
                tried += 1
                if text:
                    verdict = V.verify_text(demo_db, text)
                    assert verdict.status == V.GENUINE, (verdict.reasons, text)
                    assert verdict.document.code == issued[page].code
                    read += 1
    assert read == tried == 40, f"{read}/{tried}"
