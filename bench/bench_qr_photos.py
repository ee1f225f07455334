"""How often the printed QR reads back from a degraded picture, by size on paper.

Random payloads of today's length (base45 of random bytes, as the seal writes them) are
drawn by the certificate's own QR routine, rendered at 150 dpi by poppler, blurred,
tilted and saved as JPEG quality 30 (a phone photo sent through a messaging app), and
read by zbar.  Prints, for each QR size and degradation, how many shots failed.

    .venv/bin/python bench/bench_qr_photos.py [--payloads 150] [--sizes 50,56]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageFilter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from desktop.domain.seal import PREFIX, b45encode  # noqa: E402
from desktop.printing.certificates import qr  # noqa: E402

SHOTS = ((0.8, 0), (1.2, 0), (1.2, 7), (1.3, 7), (1.4, 5))   # blur in px, tilt in degrees
PAYLOAD_BYTES = 228     # key certificate, document, a typical name, signature


def read(image: Path) -> str:
    return subprocess.run(["zbarimg", "-q", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable",
                           str(image)], capture_output=True, text=True).stdout.rstrip("\n")


def one(args: tuple[float, int]) -> list[bool]:
    size, seed = args
    rng = random.Random(seed)
    text = PREFIX + b45encode(bytes(rng.randrange(256) for _ in range(PAYLOAD_BYTES)))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "p.pdf"
        c = Canvas(str(pdf), pagesize=A4)
        qr(c, text, 14 * mm, 14 * mm, size * mm)
        c.showPage()
        c.save()
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf),
                        str(Path(tmp) / "p")], check=True)
        results = []
        for blur, angle in SHOTS:
            im = Image.open(Path(tmp) / "p.png").convert("L")
            if angle:
                im = im.rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
            shot = Path(tmp) / "s.jpg"
            im.filter(ImageFilter.GaussianBlur(blur)).save(shot, "JPEG", quality=30)
            results.append(read(shot) == text)
        return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--payloads", type=int, default=150)
    ap.add_argument("--sizes", default="50,56")
    a = ap.parse_args()
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        for size in (float(s) for s in a.sizes.split(",")):
            runs = list(pool.map(one, [(size, seed) for seed in range(a.payloads)]))
            cells = []
            for i, (blur, angle) in enumerate(SHOTS):
                failed = sum(not r[i] for r in runs)
                cells.append(f"blur {blur} tilt {angle}°: {failed}/{len(runs)} failed")
            print(f"QR {size:g} mm  " + "; ".join(cells))


if __name__ == "__main__":
    main()
