"""Free text typed at the desk (names, places, reasons): normalised, and refused when it
holds what no one can see.  Beside :mod:`.text` (which only transforms) because refusing
needs :mod:`.errors`, which itself uses :mod:`.text`."""

from __future__ import annotations

import unicodedata

from .errors import ValidationError
from .text import normalize


def typed_text(text: str | None, field: str) -> str:
    """:func:`normalize`, refusing a control character (NUL, BEL, ESC …) rather than
    storing it (``text.control``): pasted from a broken file, it is invisible on screen
    and on paper."""
    value = normalize(text)
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError("text.control", field=field)
    return value
