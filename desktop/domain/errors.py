"""Errors that carry a message for the person at the desk.

Every refusal in Daftar is a :class:`DaftarError` with a stable ``code`` and the
parameters of the message.  ``str(error)`` is the Persian message (the office
works in Persian); ``error.message("en")`` gives the English one for logs and for
``--lang en``.  The words themselves are in :mod:`desktop.domain.messages`, once, so
that the GUI, the command line and the tests all show the same ones.
"""

from __future__ import annotations

from typing import Any

from .messages import MESSAGES
from .text import isolate, to_persian_digits

VERBATIM = frozenset({"path", "url", "log"})  # parameters shown exactly as they are typed

__all__ = ["MESSAGES", "CellError", "DaftarError", "NotFound", "ValidationError",
           "WhereError", "WorkflowError"]


class DaftarError(Exception):
    """A refusal with a clear message; nothing was changed when it is raised."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown message code {code!r}")
        self.code = code
        self.params = params
        super().__init__(self.message("fa"))

    def message(self, lang: str = "fa") -> str:
        fa, en = MESSAGES[self.code]
        if lang == "en":
            return en.format(**self.params)
        params = {  # numbers in Persian digits; a path, address or log file as it is, kept
            # left to right inside the Persian sentence
            k: isolate(str(v)) if k in VERBATIM
            else to_persian_digits(v) if isinstance(v, (int, float, str)) else v
            for k, v in self.params.items()
        }
        return fa.format(**params)

    def __str__(self) -> str:
        return self.message("fa")


class ValidationError(DaftarError):
    """Bad input: a wrong code, a grade of 21, a date that does not exist."""


class WorkflowError(DaftarError):
    """A grade-sheet transition that the rules or the role do not allow."""


class WhereError(ValidationError):
    """A refusal inside a batch, prefixed with where it happened (``code`` names it)."""

    def __init__(self, inner: DaftarError, code: str, **where: Any) -> None:
        self.inner = inner
        super().__init__(code, **where)

    def message(self, lang: str = "fa") -> str:
        return super().message(lang) + " " + self.inner.message(lang)


class CellError(WhereError):
    """A refusal inside a block of cells (a paste, an import): names the student and column."""

    def __init__(self, inner: DaftarError, row: str, column: str) -> None:
        super().__init__(inner, "cell.where", row=row, column=column)


class NotFound(DaftarError):
    """A record that the caller named does not exist."""
