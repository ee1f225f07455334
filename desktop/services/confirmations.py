"""An academic confirmation asked for by the school office for one of its graduates
(seed 001): the central server confirms from what the school sent and the province
approved, and answers with the confirmation's PDF (its own code, sealed by the
central key).  Asking again gives the same confirmation.  Needs the internet: the
office says so in Persian when the server cannot be reached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DaftarError
from ..models.db import Database
from . import audit
from .central_calls import ask
from .context import Actor


@dataclass(frozen=True)
class Confirmation:
    code: str
    replay: bool        # the graduate had one already: the same one again
    path: Path


def request(db: Database, actor: Actor, kind: str, value: str, secret: str, out: Path,
            timeout: float = 30.0) -> Confirmation:
    """``kind`` "national" with the birth-certificate serial as ``secret``, or a foreign
    id type with the birth date (Jalali).  Writes the PDF to ``out`` only when issued."""
    response = ask(db, "POST", "/v1/confirmations", timeout,
                   json={"kind": kind, "value": value, "secret": secret})
    code = response.headers.get("X-Daftar-Code", "")
    if response.headers.get("content-type") != "application/pdf" or len(code) != 20:
        raise DaftarError("sync.answer")
    out.write_bytes(response.content)
    with db.unit() as s:
        audit.record(s, actor, "confirmation.request", "confirmation", code,
                     new={"kind": kind, "value": value})
    return Confirmation(code, response.headers.get("X-Daftar-Replay") == "1", out)
