"""The 20-digit verification code (کد صحت) printed on every document.

Layout, unique nationwide by construction (seed 001/003: a 20-digit code as the
document's unique identifier):

    SSSSSSSS YY K NNNNNNNN D
    school   |  | serial   Damm check digit
    code (8) |  document kind (1)
             school year, last two digits (1405 -> 05)

The school code is unique in the country, so school + year + kind + a serial the
school never gives twice never repeats.  The serial is drawn at random from the
10^8 - 1 possible (:func:`draw_serials`), not counted: counted serials let anyone
who holds one code walk to every other document of the school (…18, …26, …39),
while drawn ones make a guessed code of a real school hit only the school's
documents of that year and kind out of 10^8 (a school printing 1,000 report cards
a year: one guess in 100,000).  Codes printed while serials were counted stay
valid; they are simply taken numbers.  The check digit uses the Damm algorithm (a totally
anti-symmetric quasigroup of order 10): it catches every single wrong digit and
every swap of two neighbouring digits, which is what people get wrong when they
type a code from paper.
"""

from __future__ import annotations

import enum
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ValidationError
from .text import digits_only, is_ascii_digits, isolate, to_persian_digits
from .text import to_ascii_digits as to_ascii

# Damm's table (H. M. Damm, 2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
CODE_LENGTH = 20
SERIAL_DIGITS = 8


class DocumentKind(enum.IntEnum):
    REPORT_CARD = 1   # کارنامه
    TEMPORARY = 2     # گواهی موقت پایان تحصیلات
    ORIGINAL = 3      # اصل گواهینامه پایان تحصیلات
    CONFIRMATION = 4  # تأییدیۀ تحصیلی: issued by the central server (seed 001)
    LEGACY = 5        # a diploma from the archive given a code (seed 003)

    @property
    def label_fa(self) -> str:
        return {
            DocumentKind.REPORT_CARD: "کارنامه",
            DocumentKind.TEMPORARY: "گواهی موقت پایان تحصیلات",
            DocumentKind.ORIGINAL: "گواهینامه پایان تحصیلات",
            DocumentKind.CONFIRMATION: "تأییدیۀ تحصیلی",
            DocumentKind.LEGACY: "گواهینامه پایان تحصیلات (از بایگانی)",
        }[self]


def damm(digits: str) -> int:
    """The Damm check digit of ASCII digits (0 for a string that already ends in it)."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][ord(ch) - 48]
    return interim


@dataclass(frozen=True)
class VerificationCode:
    school_code: str
    year: int          # the full Jalali school year, e.g. 1405
    kind: DocumentKind
    serial: int

    @property
    def text(self) -> str:
        body = (f"{self.school_code}{self.year % 100:02d}{int(self.kind)}"
                f"{self.serial:0{SERIAL_DIGITS}d}")
        return body + str(damm(body))

    def grouped(self) -> str:
        """Four groups of five, ASCII: 12345 67890 12345 67890."""
        t = self.text
        return " ".join(t[i:i + 5] for i in range(0, CODE_LENGTH, 5))

    def display(self) -> str:
        """The one way a code is shown, in messages and on paper: see :func:`format_code`."""
        return format_code(self.text)


def format_code(digits: str) -> str:
    """Four groups of five in Persian digits, isolated left to right so that the groups
    read in the code's own order inside a Persian sentence: ۱۲۳۴۵ ۶۷۸۰۵ ۱۰۰۰۰ ۰۰۰۱۸."""
    plain = digits_only(digits)
    groups = " ".join(plain[i:i + 5] for i in range(0, len(plain), 5))
    return isolate(to_persian_digits(groups))


def draw_serials(count: int, taken: Callable[[set[int]], set[int]],
                 rng: Callable[[int], int] = secrets.randbelow) -> list[int]:
    """``count`` distinct serials drawn uniformly from 1..10^8-1; ``taken`` answers which
    of a set of candidates are already used (by earlier documents of the same school,
    year and kind), and those are drawn again."""
    chosen: set[int] = set()
    while len(chosen) < count:
        wanted = count - len(chosen)
        candidates = {1 + rng(10 ** SERIAL_DIGITS - 1) for _ in range(wanted)} - chosen
        chosen |= candidates - taken(candidates)
    return list(chosen)


def make_code(school_code: str, year: int, kind: DocumentKind, serial: int) -> VerificationCode:
    if not (is_ascii_digits(school_code) and len(school_code) == 8):
        raise ValidationError("digits.length", field="کد مدرسه", length=8, value=school_code)
    if not 0 < serial < 10 ** SERIAL_DIGITS:
        raise ValidationError("verify.serial", value=serial)
    return VerificationCode(school_code, year, kind, serial)


def parse_code(typed: str, century: int = 1400,
               known: Callable[[str], bool] | None = None) -> VerificationCode:
    """A typed code -> its parts, or a Persian refusal.

    Any digit form, any spaces or dashes.  A code copied from a page in the order the
    groups stand left to right (a code printed right to left puts its last group
    first) is taken in reverse group order only when the typed order fails the check
    digit, the reverse passes it, and ``known`` says a document has that code: one
    wrong digit in a typed code passes the check in reverse order about once in ten
    tries (a school code whose 6th digit is 1-5), and must be said to be misread, not
    «unknown».  ``verify.length`` / ``verify.check`` say the code was misread."""
    shown = (typed or "").strip()
    code = digits_only(typed)
    if not is_ascii_digits(code) or len(code) != CODE_LENGTH:
        raise ValidationError("verify.length", value=_shown(shown))
    groups = [g for g in re.split(r"[^0-9]+", to_ascii(typed or "")) if g]
    reverse = "".join(reversed(groups)) if len(groups) > 1 else \
        "".join(code[i:i + 5] for i in range(15, -1, -5))
    for candidate, typed_order in ((code, True), (reverse, False)):
        if damm(candidate) == 0 and candidate[10] in _KINDS and \
                (typed_order or (known is not None and known(candidate))):
            return VerificationCode(candidate[:8], century + int(candidate[8:10]),
                                    DocumentKind(int(candidate[10])), int(candidate[11:19]))
    raise ValidationError("verify.check", value=_shown(shown))


_KINDS = {str(int(k)) for k in DocumentKind}


def _shown(typed: str) -> str:
    """What was typed, in the one code format when it has 20 digits."""
    digits = digits_only(typed)
    return format_code(digits) if len(digits) == CODE_LENGTH and is_ascii_digits(digits) \
        else isolate(typed)


def print_refusal(kind: DocumentKind, states: list[object], finalised_on: object,
                  today: object, permitted: bool, diploma: bool | None,
                  window_end: object) -> ValidationError | None:
    """Why a document may not be printed now (seed 002), or None if it may.

    * Report card: every sheet of the session approved by the school.
    * Temporary certificate: every Khordad sheet approved by the school and the
      diploma granted.
    * Original certificate: every sheet finally approved by the province.
    * Temporary and original: once graduation is final, only until ``window_end``
      (6 months), unless a print permit from the central server covers today.
    """
    from .workflow import FINAL, SCHOOL_APPROVED

    if not states:
        return ValidationError("cert.no_grades")
    if kind is DocumentKind.ORIGINAL:
        if any(s is not FINAL for s in states):
            return ValidationError("cert.not_final")
    elif any(s not in SCHOOL_APPROVED for s in states):
        return ValidationError("cert.not_approved")
    if kind is not DocumentKind.REPORT_CARD:
        if diploma is not True:
            return ValidationError("cert.no_diploma")
        if finalised_on is not None and today > window_end and not permitted:  # type: ignore[operator]
            from .calendar import format_jalali

            return ValidationError("cert.window", until=format_jalali(window_end))  # type: ignore[arg-type]
    return None
