"""Persian text for PDF: reshaped, in visual order, brackets mirrored.

reportlab draws glyphs left to right exactly as given, so Persian must arrive
already joined (arabic-reshaper: contextual forms; it keeps ZWNJ and needs no
Persian setting) and already in visual order (python-bidi, base direction RTL).
python-bidi's Rust ``get_display`` (0.5+) does not apply Unicode mirroring, so
«(از ۲۰)» would print as «)۲۰ از(»: :func:`shape` mirrors every Bidi_Mirrored
character itself, except inside a run of Latin text (an id like ``ID(12)``),
which keeps its own direction.  Digits become Persian unless asked otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import reshape
from bidi import get_display

from ..domain.text import to_persian_digits

MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
          "«": "»", "»": "«", "‹": "›", "›": "‹"}
_RUN_CHARS = r"[\x21-\x7e\u06f0-\u06f9\u066b]"
_LATIN_RUN = re.compile(_RUN_CHARS + "*[A-Za-z]" + _RUN_CHARS + "*")
_LATIN = re.compile(r"[A-Za-z]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@lru_cache(maxsize=16384)
def shape(text: str, persian_digits: bool = True) -> str:
    """The string to hand to ``canvas.drawString`` / ``drawRightString``."""
    if not _RTL.search(text):
        # Nothing right to left: a number gets Persian digits, Latin text stays as it is.
        return to_persian_digits(text) if persian_digits and not _LATIN.search(text) else text
    if persian_digits:
        text = to_persian_digits(text)
    visual = get_display(reshape(text), base_dir="R")
    keep = {i for m in _LATIN_RUN.finditer(visual) for i in range(m.start(), m.end())}
    return "".join(MIRROR.get(ch, ch) if i not in keep else ch for i, ch in enumerate(visual))
