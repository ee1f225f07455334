"""The bundled Vazirmatn, registered with reportlab once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
REGULAR, BOLD = "Vazirmatn", "Vazirmatn-Bold"


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "Vazirmatn-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "Vazirmatn-Bold.ttf")))
    return REGULAR, BOLD
