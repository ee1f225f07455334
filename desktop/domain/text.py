"""Persian text normalisation: one set of rules for input, storage, search and display.

Rules (DOMAIN.md, "Text rules that bite"):

* Arabic letters that look like Persian ones are stored as the Persian letter:
  ي ى ئ-less forms -> ی, ك -> ک; ة is left alone (it is a different letter).
* Persian (۰-۹) and Arabic-Indic (٠-٩) digits are stored as ASCII digits and
  shown as Persian digits.
* Tatweel (ـ) and the invisible direction marks (LRM, RLM, ALM, embeddings,
  isolates) are removed; ZWNJ (U+200C, نیم‌فاصله) is kept, but never doubled,
  never at the edge of a word and never next to a space.
* Runs of white space become one space; the ends are trimmed.
* A *search key* folds further: no ZWNJ, no spaces, no diacritics, alef forms to
  ا, ۀ/ة to ه, so that «علی‌پور», «علي پور» and «علیپور» find each other.

Never use ``int()`` or ``\\d`` on raw input to check for digits: Python accepts
Persian digits there.  :func:`is_ascii_digits` is the check.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"
ZWNJ = "\u200c"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(ASCII_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Letters: Arabic yeh, alef maksura and Farsi yeh variants -> Persian yeh; Arabic kaf -> keheh.
_LETTERS = str.maketrans({
    "\u064a": "\u06cc",  # ي ARABIC LETTER YEH
    "\u0649": "\u06cc",  # ى ARABIC LETTER ALEF MAKSURA
    "\u06d2": "\u06cc",  # ے YEH BARREE (typed by Urdu layouts)
    "\u0643": "\u06a9",  # ك ARABIC LETTER KAF
    "\u0640": None,      # ـ TATWEEL
    # invisible direction controls
    "\u200e": None, "\u200f": None, "\u061c": None,
    "\u202a": None, "\u202b": None, "\u202c": None, "\u202d": None, "\u202e": None,
    "\u2066": None, "\u2067": None, "\u2068": None, "\u2069": None,
    "\ufeff": None,
    # ZERO WIDTH JOINER is not used in Persian names; ZWNJ (U+200C) is kept.
    "\u200d": None,
    # Non-breaking and other spaces become plain spaces (folded below).
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
})

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE = re.compile(r" ?" + ZWNJ + r"+ ?")

# For search keys only.
_FOLD = str.maketrans({
    "\u0622": "\u0627",  # آ -> ا
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u06cc",  # ئ -> ی
    "\u06c0": "\u0647",  # ۀ -> ه
    "\u0629": "\u0647",  # ة -> ه
    ZWNJ: None,
    " ": None,
})
_ASCII_DIGITS_RE = re.compile(r"[0-9]+")


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; everything else unchanged."""
    return text.translate(_TO_ASCII)


def to_persian_digits(value: object) -> str:
    """ASCII and Arabic-Indic digits to Persian digits, for display.

    A decimal point between digits becomes the Persian decimal separator «٫».
    """
    text = str(value)
    text = re.sub(r"(?<=[0-9۰-۹٠-٩])\.(?=[0-9۰-۹٠-٩])", "\u066b", text)
    return text.translate(_TO_PERSIAN)


LRI, PDI = "\u2066", "\u2069"


def isolate(text: object) -> str:
    """A left-to-right run (a path, an address, a code, Latin words) isolated inside a
    right-to-left sentence (LRI ... PDI), so that its slashes, dots and groups stay where
    they are.  The one way every message, label and page puts such a run in Persian text;
    :func:`normalize` removes the marks again from anything typed."""
    return f"{LRI}{text}{PDI}"


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is one or more ASCII digits and nothing else."""
    return _ASCII_DIGITS_RE.fullmatch(text) is not None


def precompose_heh_hamza(text: str) -> str:
    """ه + HAMZA ABOVE («نمرهٔ») as the one letter ۀ (U+06C0), as it is stored: Unicode's own
    composition does not make it (ۀ decomposes to ە, not ه), and a shaper that drops
    combining marks would lose the hamza.

    >>> precompose_heh_hamza("نمره\u0654") == "نمر\u06c0"
    True
    """
    return text.replace("\u0647\u0654", "\u06c0")


def normalize(text: str | None) -> str:
    """The stored form of any typed text (names, places, free text).

    >>> normalize(" علي‌‌ پور ")
    'علی پور'
    >>> normalize("كاظم ۱۲")
    'کاظم 12'
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = precompose_heh_hamza(text.translate(_LETTERS))
    text = to_ascii_digits(text)
    text = _SPACES.sub(" ", text)
    text = _ZWNJ_RUNS.sub(ZWNJ, text)

    def _zwnj_space(m: re.Match[str]) -> str:
        return " " if " " in m.group(0) else ZWNJ

    text = _ZWNJ_AT_SPACE.sub(_zwnj_space, text)
    text = text.strip(" " + ZWNJ)
    return text


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def search_key(text: str | None) -> str:
    """A key for search and uniqueness of names: one form for all ways of typing.

    ``search_key("علي پور") == search_key("علی‌پور") == search_key("عليپور")``.
    """
    text = normalize(text)
    text = _strip_marks(text)
    text = text.translate(_FOLD)
    return text.casefold()


def digits_only(text: str | None) -> str:
    """Digits typed in any script, as ASCII, with spaces, dashes and slashes removed.

    Used for identifiers typed with separators («۰۰۱-۲۳۴۵۶۷-۸»).  The result is
    *not* checked: callers check it with :func:`is_ascii_digits` and its length.
    """
    if text is None:
        return ""
    text = to_ascii_digits(normalize(text))
    return re.sub(r"[ \-/_.\u200c]", "", text)


# Persian alphabetical order (آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی).
# Code-point order puts پ چ ژ گ after ی, which is wrong for every list an office prints.
_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_RANK.update({"أ": _RANK["ا"], "إ": _RANK["ا"], "ۀ": _RANK["ه"], "ة": _RANK["ه"],
              "ؤ": _RANK["و"], "ئ": _RANK["ی"], "ء": _RANK["ا"]})


@lru_cache(maxsize=65_536)  # names repeat: a school's list sorts a few hundred distinct ones
def collation_key(text: str | None) -> tuple[int, ...]:
    """Sort key in Persian alphabetical order; spaces and ZWNJ are ignored at first,
    then break ties, so «علی پور» and «علی‌پور» sort together."""
    # Drop harakat but keep آ whole (NFD would split its madda off).
    clean = "".join(ch for ch in normalize(text) if not unicodedata.combining(ch))
    primary = tuple(
        _RANK[ch] if ch in _RANK else 100 + ord(ch)
        for ch in clean if ch not in (" ", ZWNJ)
    )
    return primary + (-1,) + tuple(ord(ch) for ch in clean)
