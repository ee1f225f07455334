"""The 19-digit academic-record code (کد سابقه تحصیلی, seed 000): needed to register
for the national entrance exam and, at an adult school, to create a record or repair
grades.

The official structure is not public.  This layout is ours, used only for the codes
Daftar's central server issues:

    PP YYYY SSSSSSSSSSSS C
    |  |    |            Damm check digit (catches any one wrong digit and any swap
    |  |    |            of two neighbours, as in the verification code)
    |  |    twelve digits drawn at random (not counted: a code leads to no other)
    |  Jalali year of issue
    province number (:data:`PROVINCES`, 01-31; 00 when the province is not listed)

A code from elsewhere (the ministry's own portal) is kept as it is: any 19 ASCII digits
(:func:`desktop.domain.identity.normalize_record_code`); :func:`is_ours` only says
whether a code passes our check digit.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from .identity import RECORD_CODE_LENGTH
from .text import normalize
from .verification import damm

# The 31 provinces, numbered in the order of their names in the Persian alphabet.
PROVINCES = (
    "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر",
    "تهران", "چهارمحال و بختیاری", "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی", "خوزستان",
    "زنجان", "سمنان", "سیستان و بلوچستان", "فارس", "قزوین", "قم", "کردستان", "کرمان",
    "کرمانشاه", "کهگیلویه و بویراحمد", "گلستان", "گیلان", "لرستان", "مازندران", "مرکزی",
    "هرمزگان", "همدان", "یزد",
)
SERIAL_DIGITS = 12


def province_number(name: str) -> int:
    """01-31 for a listed province (names compared after normalisation), else 0."""
    wanted = normalize(name or "").removeprefix("استان ").strip()
    for i, province in enumerate(PROVINCES, start=1):
        if normalize(province) == wanted:
            return i
    return 0


def make_record_code(province: str, year: int, rng: Callable[[int], int] = secrets.randbelow
                     ) -> str:
    """A new code of ours for a person of ``province``, issued in Jalali ``year``."""
    serial = rng(10 ** SERIAL_DIGITS)
    body = f"{province_number(province):02d}{year:04d}{serial:0{SERIAL_DIGITS}d}"
    return body + str(damm(body))


def is_ours(code: str) -> bool:
    """Whether a 19-digit code has our layout's check digit (a typo in one of ours fails)."""
    return (len(code) == RECORD_CODE_LENGTH and code.isascii() and code.isdigit()
            and damm(code) == 0 and 0 <= int(code[:2]) <= len(PROVINCES))
