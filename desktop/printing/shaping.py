"""Persian text for PDF: reshaped, in visual order, brackets mirrored.

reportlab draws glyphs left to right exactly as given, so Persian must arrive
already joined (arabic-reshaper: contextual forms; it keeps ZWNJ and needs no
Persian setting) and already in visual order (python-bidi, base direction RTL).

python-bidi's Rust ``get_display`` (0.5+) does not apply Unicode mirroring, so
«(از ۲۰)» would print as «)۲۰ از(».  :func:`shape` resolves the direction of each
mirrored character itself, with the Unicode bidi rules that decide it (N0 for a
bracket pair: a strong right-to-left character or a digit inside makes it RTL; only
Latin inside makes it follow the text before it; N1/N2 otherwise: the direction of
both neighbours if they agree, else the paragraph's, RTL), hands ``get_display`` a
strong placeholder of that direction in its place (so the reordering puts it exactly
where its resolved level does), then writes the glyph: mirrored if RTL.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import reshape
from bidi import get_display

from ..domain.text import precompose_heh_hamza, to_persian_digits
from .fonts import stand_ins

MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
          "«": "»", "»": "«", "‹": "›", "›": "‹"}
OPENING = {"(": ")", "[": "]", "{": "}"}  # Unicode's paired brackets (BidiBrackets.txt)
_CHARS = "".join(MIRROR)
# Strong placeholders that nothing in a school document contains: Hebrew letters are
# strong R, Private Use characters strong L.  One per mirrored character.
_R_HOLD = {ch: chr(0x05D0 + i) for i, ch in enumerate(_CHARS)}
_L_HOLD = {ch: chr(0xE000 + i) for i, ch in enumerate(_CHARS)}
_BACK = {v: MIRROR[k] for k, v in _R_HOLD.items()} | {v: k for k, v in _L_HOLD.items()}
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f]")   # RLM too
_LATIN = re.compile(r"[A-Za-z]")


def _strong(ch: str) -> str | None:
    """'R' or 'L' as the bidi rules for neutrals see it (digits count as R)."""
    if ch.isdigit() or _RTL.match(ch):
        return "R"
    if ch.isalpha():
        return "L"
    return None


def _neighbours(text: str, i: int) -> str:
    """N1/N2 for a neutral at ``i``: both sides' direction if they agree, else RTL."""
    before = next((d for ch in reversed(text[:i]) if (d := _strong(ch))), "R")
    after = next((d for ch in text[i + 1:] if (d := _strong(ch))), "R")
    return before if before == after else "R"


def _directions(text: str) -> dict[int, str]:
    """The resolved direction of every mirrored character, by position."""
    found: dict[int, str] = {}
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in OPENING:
            stack.append((ch, i))
        elif ch in OPENING.values():
            for depth in range(len(stack) - 1, -1, -1):
                if OPENING[stack[depth][0]] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for start, end in pairs:  # N0
        inside = {_strong(ch) for ch in text[start + 1:end]} - {None}
        if "R" in inside:
            direction = "R"
        elif "L" in inside:
            before = next((d for ch in reversed(text[:start]) if (d := _strong(ch))), "R")
            direction = "L" if before == "L" else "R"
        else:
            continue  # no strong type inside: each bracket by N1/N2 below
        found[start] = found[end] = direction
    for i, ch in enumerate(text):
        if ch in MIRROR and i not in found:
            found[i] = _neighbours(text, i)
    return found


@lru_cache(maxsize=16384)
def shape(text: str, persian_digits: bool = True) -> str:
    """The string to hand to ``canvas.drawString`` / ``drawRightString``."""
    if not _RTL.search(text):
        # Nothing right to left: a number gets Persian digits, Latin text stays as it is.
        return to_persian_digits(text) if persian_digits and not _LATIN.search(text) else text
    if persian_digits:
        text = to_persian_digits(text)
    text = precompose_heh_hamza(text)  # the reshaper drops a combining mark
    directions = _directions(text)
    held = "".join((_R_HOLD if directions[i] == "R" else _L_HOLD)[ch] if i in directions
                   else ch for i, ch in enumerate(text))
    visual = get_display(reshape(held).translate(stand_ins()), base_dir="R")
    # The direction marks did their work in the reordering; they have no glyph to draw.
    return "".join(_BACK.get(ch, ch) for ch in visual).translate(_CONTROLS)


_CONTROLS = dict.fromkeys([0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F),
                           *range(0x2066, 0x206A)])
