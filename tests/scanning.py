"""Reading printed QR codes back with zbar, an independent reader (zbar-tools)."""

import shutil
import subprocess
from pathlib import Path

CAN_SCAN = bool(shutil.which("zbarimg") and shutil.which("pdftoppm"))


def read_qr(image: Path) -> str:
    """The QR text in an image, or "" (QR only: a blurred table rule read as a linear
    barcode must not add a line to the text)."""
    return subprocess.run(["zbarimg", "-q", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable",
                           str(image)], capture_output=True, text=True).stdout.strip()
