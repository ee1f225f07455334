"""Asking the central server for a transfer addressed to this school (the receiving
office's first step: :mod:`.transfers` then enrols the student).  Apart from
:mod:`.transfers` because it talks to the network, which the outbox (that packs
transfers) must not import."""

from __future__ import annotations

import datetime as dt

from ..models.db import Database
from .transfers import Incoming


def find_incoming(db: Database, identity: str) -> Incoming:
    """The centre's record of a transfer of ``identity`` to this school (refused, with the
    centre's reason, when there is none: the sending school has not sent it yet)."""
    from .central_calls import ask

    body = ask(db, "GET", f"/v1/transfers/{identity}").json()
    return Incoming(identity, str(body["slip"]), str(body["from"]), str(body["from_name"]),
                    int(body["year"]), dt.date.fromisoformat(body["left_on"]),
                    {k: str(v) for k, v in body["details"].items()}, str(body["state"]),
                    tuple(body["grades"]))
