"""Identifiers of students and schools.

National code (کد ملی), DOMAIN.md: normalise digits to ASCII, left-pad 8-9 digit
inputs with zeros, require exactly 10 ASCII digits, refuse the ten
all-same-digit codes (they pass the checksum), then
``S = sum(d[i] * (10 - i) for i in 0..8)``, ``r = S % 11`` and the last digit
must be ``r`` if ``r < 2`` else ``11 - r``.

Foreign nationals (اتباع) hold several kinds of ids, stored as (type, value).
Identifiers whose structure is not public (the 19-digit educational-record code
کد سابقه تحصیلی, the school code) are opaque digit strings with their length
checked and nothing else.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .errors import ValidationError
from .text import digits_only, is_ascii_digits, normalize

RECORD_CODE_LENGTH = 19
# The Ministry's school code is an 8-digit number on every school's letterhead
# (assumed; stored opaque, only its length is checked).
SCHOOL_CODE_LENGTH = 8


def national_code_check_digit(first_nine: str) -> int:
    """The 10th digit for nine ASCII digits."""
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9))
    r = total % 11
    return r if r < 2 else 11 - r


def normalize_national_code(raw: str | None) -> str:
    """The stored 10-digit form of a typed national code, or :class:`ValidationError`.

    Accepts Persian, Arabic-Indic or ASCII digits, with spaces or dashes.
    """
    typed = (raw or "").strip()
    if not typed:
        raise ValidationError("national_code.empty")
    code = digits_only(typed)
    if not is_ascii_digits(code):
        raise ValidationError("national_code.not_digits", value=typed)
    if len(code) in (8, 9):
        code = code.zfill(10)
    if len(code) != 10:
        raise ValidationError("national_code.length", value=typed)
    if code == code[0] * 10:
        raise ValidationError("national_code.repeated", value=typed)
    if national_code_check_digit(code[:9]) != int(code[9]):
        raise ValidationError("national_code.checksum", value=typed)
    return code


def is_valid_national_code(raw: str | None) -> bool:
    try:
        normalize_national_code(raw)
    except ValidationError:
        return False
    return True


def make_national_code(first_nine: str) -> str:
    """A valid national code from nine digits (for demo data and tests)."""
    if not (is_ascii_digits(first_nine) and len(first_nine) == 9):
        raise ValueError("nine ASCII digits expected")
    return first_nine + str(national_code_check_digit(first_nine))


class ForeignIdType(enum.StrEnum):
    """Kinds of id that foreign-national students (اتباع) hold."""

    STUDENT_CODE = "student_code"  # کد دانش‌آموزی اتباع (identifies with birth date, seed 000)
    FIDA = "fida"                  # فیدا: 12 digits
    UNIQUE_ID = "unique_id"        # شناسه یکتا
    PASSPORT = "passport"          # گذرنامه

    @property
    def label_fa(self) -> str:
        return {
            ForeignIdType.STUDENT_CODE: "کد دانش‌آموزی اتباع",
            ForeignIdType.FIDA: "شماره فیدا",
            ForeignIdType.UNIQUE_ID: "شناسه یکتا",
            ForeignIdType.PASSPORT: "شماره گذرنامه",
        }[self]


_PASSPORT = re.compile(r"[A-Z0-9]{5,20}")
# Digit-string lengths per type: FIDA is 12 digits; the others are not public,
# so they get a plausible range (assumption, noted in the issue).
_DIGIT_LENGTHS = {
    ForeignIdType.STUDENT_CODE: range(8, 17),
    ForeignIdType.FIDA: range(12, 13),
    ForeignIdType.UNIQUE_ID: range(8, 21),
}


@dataclass(frozen=True, slots=True)
class ForeignId:
    kind: ForeignIdType
    value: str


def normalize_foreign_id(kind: str, raw: str | None) -> ForeignId:
    """Check and normalise a foreign-national id of the given kind."""
    try:
        id_type = ForeignIdType(kind)
    except ValueError:
        raise ValidationError("foreign_id.type", value=kind) from None
    typed = (raw or "").strip()
    if id_type is ForeignIdType.PASSPORT:
        value = normalize(typed).replace(" ", "").upper()
        if not _PASSPORT.fullmatch(value):
            raise ValidationError("foreign_id.value", value=typed, kind=id_type.label_fa)
        return ForeignId(id_type, value)
    value = digits_only(typed)
    if not is_ascii_digits(value) or len(value) not in _DIGIT_LENGTHS[id_type]:
        raise ValidationError("foreign_id.value", value=typed, kind=id_type.label_fa)
    return ForeignId(id_type, value)


def identity_text(national_code: str | None, foreign_type: object,
                  foreign_value: str | None) -> str:
    """How a student is named between systems: the national code, or "type:value" for a
    foreign student (seals, sync batches, the central server's rows)."""
    return national_code or f"{foreign_type}:{foreign_value}"


def normalize_fixed_digits(raw: str | None, length: int, field: str) -> str:
    """An opaque identifier of exactly ``length`` digits (record code, school code)."""
    typed = (raw or "").strip()
    value = digits_only(typed)
    if not is_ascii_digits(value) or len(value) != length:
        raise ValidationError("digits.length", field=field, length=length, value=typed)
    return value


def normalize_record_code(raw: str | None) -> str:
    return normalize_fixed_digits(raw, RECORD_CODE_LENGTH, "کد سابقه تحصیلی")


def normalize_school_code(raw: str | None) -> str:
    return normalize_fixed_digits(raw, SCHOOL_CODE_LENGTH, "کد مدرسه")
