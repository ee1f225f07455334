"""The bundled Vazirmatn, registered with reportlab once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
REGULAR, BOLD = "Vazirmatn", "Vazirmatn-Bold"


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Compressed page streams stay binary: ASCII85 on top of Flate made every page
    # larger by a quarter and cost time for nothing (PDF is a binary format anyway).
    rl_config.useA85 = 0

    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "Vazirmatn-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "Vazirmatn-Bold.ttf")))
    return REGULAR, BOLD


@lru_cache(maxsize=1)
def stand_ins() -> dict[int, str]:
    """Presentation forms the shaper may produce that the bundled fonts have no glyph
    for (Vazirmatn has no isolated «ۀ», U+FBA4), each mapped to the letter it stands for,
    which the fonts draw in that form themselves."""
    import unicodedata

    from reportlab.pdfbase.ttfonts import TTFontFile

    have = [set(TTFontFile(str(FONTS / name)).charToGlyph)
            for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")]
    out = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFD)):
        base = unicodedata.normalize("NFKC", chr(cp))
        if base != chr(cp) and any(cp not in h for h in have):
            out[cp] = base
    return out
