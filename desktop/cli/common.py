"""What every command of ``daftar`` shares: the output in Persian or English, the
database to open, the password asked for, the school's seal opened, CSV to a file or to
standard output.  Below every command module; it imports none of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO

from ..domain.errors import DaftarError
from ..domain.text import to_persian_digits

HEADERS = {
    "students": (["کد ملی / شناسه", "نام خانوادگی", "نام", "نام پدر", "تاریخ تولد", "کلاس"],
                 ["id", "last name", "first name", "father", "birth date", "class"]),
    "classes": (["شناسه", "کلاس", "پایه", "رشته", "دانش‌آموز"],
                ["id", "class", "grade", "field", "students"]),
    "grades": (["کد ملی", "نام خانوادگی", "نام", "درس", "نوبت", "ستون", "نمره"],
               ["national code", "last name", "first name", "course", "session", "component",
                "value"]),
}


class Output:
    def __init__(self, lang: str, stream: IO[str] | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stdout

    def text(self, fa: str, en: str) -> str:
        return en if self.lang == "en" else fa

    def num(self, value: object) -> str:
        return str(value) if self.lang == "en" else to_persian_digits(value)

    def line(self, fa: str, en: str) -> None:
        print(self.text(fa, en), file=self.stream)

    def table(self, kind: str, rows: list[list[str]]) -> None:
        fa, en = HEADERS[kind]
        print("\t".join(en if self.lang == "en" else fa), file=self.stream)
        for row in rows:
            cells = [c if self.lang == "en" else to_persian_digits(c) for c in row]
            print("\t".join(cells), file=self.stream)


def open_db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """``--db``, else this PC's chosen database (``daftar database --use``), else the file."""
    from ..models.db import open_database
    from ..services.settings import chosen_database

    return open_database(args.db or chosen_database())


def ask_password(prompt: str, variable: str = "DAFTAR_PASSWORD",
              missing: str = "auth.no_password") -> str:
    """From the environment (scripts, CI) or typed without echo."""
    import getpass
    import os

    if os.environ.get(variable):
        return os.environ[variable]
    try:
        return getpass.getpass(prompt)
    except EOFError:  # no terminal: a script or a service
        raise DaftarError(missing) from None


def open_seal(db) -> None:  # type: ignore[no-untyped-def]
    """Before signing: the school's seal is open already (the principal signed in), or
    the principal's password comes from DAFTAR_KEY_PASSPHRASE or is typed."""
    from ..services import school_key

    if school_key.needs_unlock(db):
        school_key.unlock(db, ask_password("گذرواژه مدیر برای مهر مدرسه / principal's password "
                                        "for the school's seal: ", "DAFTAR_KEY_PASSPHRASE",
                                        "key.locked"))


def signed_in(args: argparse.Namespace, db):  # type: ignore[no-untyped-def]
    from ..services.auth import login

    return login(db, args.user, ask_password(f"{args.user}: "))


def open_csv(target: str) -> tuple[IO[str], bool]:
    if target == "-":
        return sys.stdout, False
    # utf-8-sig: Excel on Windows opens Persian CSV correctly only with the BOM.
    return Path(target).open("w", encoding="utf-8-sig", newline=""), True
