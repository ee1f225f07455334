"""A diploma from the school's paper archive, on its way to a code (seed 003: documents
printed before codes existed need one).

The school types the ledger's fields; the same check runs in the office (with the
Persian message at the desk) and on the central server (on what arrives in a batch),
so a wrong entry is refused in both places for the same reason.

Rules we apply (assumptions, said here and in the issue note): the graduate is
identified by national code (or a foreign id, "type:value"); the graduation year is a
Jalali year from 1300 to last year; the diploma average is written as on the ledger,
from 10 to 20 with at most two decimals (a diploma needs 10); the birth date is before
the graduation year; the ledger's place (volume and page) is required so a reviewer
can find the paper.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import ValidationError
from .text import normalize, to_ascii_digits

_AVERAGE = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2})?")
_YEAR = re.compile(r"1[34][0-9]{2}")
FIELDS = ("identity", "first", "last", "father", "birth", "serial", "field", "graduated",
          "average", "ledger")


def _bad(field: str, value: object) -> ValidationError:
    return ValidationError("legacy.field", field=field, value=str(value)[:40] or "—")


@dataclass(frozen=True)
class ArchivedDiploma:
    identity: str
    first: str
    last: str
    father: str
    birth: dt.date
    serial: str
    field: str
    graduated: int       # Jalali year
    average: str         # "16.25": as on the ledger
    ledger: str

    @staticmethod
    def sealed_lines(fields: dict[str, str]) -> list[str]:
        """What the seal's grades digest covers: field, year and average as filed."""
        return [f"{fields['field']} {fields['graduated']} {fields['average']}"]

    def wire(self) -> dict[str, str]:
        """What travels in a batch (all text; the central server checks it again)."""
        return {"identity": self.identity, "first": self.first, "last": self.last,
                "father": self.father, "birth": self.birth.isoformat(), "serial": self.serial,
                "field": self.field, "graduated": str(self.graduated),
                "average": self.average, "ledger": self.ledger}

    @classmethod
    def from_wire(cls, item: Any, this_year: int) -> ArchivedDiploma:
        if not isinstance(item, dict):
            raise _bad("سابقه", item)
        try:
            birth = dt.date.fromisoformat(str(item.get("birth")))
        except ValueError:
            raise _bad("تاریخ تولد", item.get("birth")) from None
        return check(str(item.get("identity") or ""), item.get("first"), item.get("last"),
                     item.get("father"), birth, item.get("serial"), item.get("field"),
                     item.get("graduated"), item.get("average"), item.get("ledger"), this_year)


def check(identity: str, first: Any, last: Any, father: Any, birth: dt.date, serial: Any,
          field: Any, graduated: Any, average: Any, ledger: Any,
          this_year: int) -> ArchivedDiploma:
    """The entry checked field by field; the first wrong field refused in Persian."""
    from .identity import normalize_national_code

    if ":" in identity:
        from .identity import normalize_foreign_id

        kind, value = identity.split(":", 1)
        foreign = normalize_foreign_id(kind, value)
        identity = f"{foreign.kind.value}:{foreign.value}"
    else:
        identity = normalize_national_code(identity)
    texts = {}
    for title, value, limit in (("نام", first, 100), ("نام خانوادگی", last, 100),
                                ("نام پدر", father, 100), ("سریال شناسنامه", serial, 20),
                                ("رشته", field, 100), ("محل در دفتر بایگانی", ledger, 200)):
        text = normalize(value) if isinstance(value, str) else ""
        if not text or len(text) > limit:
            raise _bad(title, value)
        texts[title] = text
    year_text = to_ascii_digits(str(graduated or "")).strip()
    if not _YEAR.fullmatch(year_text) or not 1300 <= int(year_text) < this_year:
        raise _bad("سال دانش‌آموختگی", graduated)
    avg_text = to_ascii_digits(str(average or "")).strip().replace("/", ".").replace("٫", ".")
    if not _AVERAGE.fullmatch(avg_text) or not Decimal(10) <= Decimal(avg_text) <= 20:
        raise _bad("معدل", average)
    from .calendar import to_jalali

    if to_jalali(birth).year >= int(year_text):
        raise _bad("تاریخ تولد", birth.isoformat())
    return ArchivedDiploma(identity, texts["نام"], texts["نام خانوادگی"], texts["نام پدر"], birth,
                           texts["سریال شناسنامه"], texts["رشته"], int(year_text), avg_text,
                           texts["محل در دفتر بایگانی"])

