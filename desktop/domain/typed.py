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


# Marks that reorder what follows them (LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM):
# typed into a code or an identity they only hide what was typed.  ZWNJ and ZWJ are
# letters' business in Persian and stay.
BIDI_MARKS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                       "\u200e\u200f\u061c")


def check_typed(text: str, field: str) -> str:
    """A field typed into a public form (a code, an identity, a serial): refused
    (``text.control``) if it holds a control character or a reordering mark, so that
    nothing invisible is echoed or looked up; returned unchanged otherwise."""
    if any(unicodedata.category(ch) == "Cc" or ch in BIDI_MARKS for ch in text):
        raise ValidationError("text.control", field=field)
    return text
