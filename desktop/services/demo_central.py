"""The demo school's central office: district and province decide the demo's graduating class.

A fresh demo must be able to print every kind of document, and originals need the
province's final approval, which only the central server gives.  So the demo runs
its graduating class through the real path, offline: the office submits, reviews,
approves and queues the sheets (:mod:`.approvals`), the real sync client packs and
signs them (:mod:`.sync`), and :class:`DemoCentral` answers as the central server
does, with a receipt signed by the demo's own central key (the one that certified the
demo school's key, thrown away when the demo is built) and a feed in which the demo
district and then the demo province approve each sheet.  Nothing here is used
outside the demo: a real school's decisions come only from its central server.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..domain.seal import canonical
from ..domain.workflow import Action, Role
from ..models.db import Database
from . import approvals, sync
from .context import Actor

DISTRICT_BY, PROVINCE_BY = "کارشناس سنجش منطقه (نمونه)", "کارشناس سنجش استان (نمونه)"


class DemoCentral:
    """What the sync client sees of a central server: batches in, receipts and a feed out."""

    def __init__(self, key: Ed25519PrivateKey, now: dt.datetime) -> None:
        self._key, self._now = key, now
        self._feed: list[dict[str, Any]] = []

    def put_batch(self, batch_uuid: str, body: bytes, signature: bytes) -> dict[str, Any]:
        payload = json.loads(body)
        sheets = payload.get("sheets", [])
        archived = payload.get("legacy", [])
        receipt: dict[str, Any] = {
            "uuid": batch_uuid, "school": payload["school"],
            "received_at": self._now.isoformat(), "items": len(sheets) + len(archived),
            "rows": sum(len(it["rows"]) for it in sheets),
            "sheets": [it["id"] for it in sheets],
            "digest": hashlib.sha256(body).hexdigest()}
        receipt["signature"] = base64.b64encode(
            self._key.sign(b"DFR1" + canonical(receipt))).decode()
        for level, action, by in ((Role.DISTRICT, Action.DISTRICT_APPROVE, DISTRICT_BY),
                                  (Role.PROVINCE, Action.PROVINCE_APPROVE, PROVINCE_BY)):
            for it in sheets:
                self._feed.append({"seq": len(self._feed) + 1, "kind": "sheet", "body": {
                    "sheet": it["id"], "version": it["version"], "action": action.value,
                    "level": level.value, "reason": None, "by": by}})
        for item in archived:
            self._archived(payload["school"], item)
        return {"receipt": receipt, "replay": False}

    def _archived(self, school: str, item: dict[str, Any]) -> None:
        """An archived diploma confirmed by the demo district and province: its code and
        a seal of the demo's central key, as the central server gives them."""
        import secrets

        from ..domain.archive import ArchivedDiploma
        from ..domain.calendar import DEFAULT_CALENDAR, today_tehran
        from ..domain.seal import Document, grades_digest, seal_by_central
        from ..domain.verification import DocumentKind, make_code

        today = today_tehran(self._now)
        code = make_code(school, DEFAULT_CALENDAR.school_year_of(today), DocumentKind.LEGACY,
                         1 + secrets.randbelow(10 ** 8 - 1)).text
        seal_text = seal_by_central(self._key, Document(
            code, int(DocumentKind.LEGACY), 0, today.togregorian(),
            grades_digest(ArchivedDiploma.sealed_lines(item)), item["identity"],
            f"{item['first']} {item['last']}"))
        for level, state, by in ((Role.DISTRICT, "district_approved", DISTRICT_BY),
                                 (Role.PROVINCE, "province_approved", PROVINCE_BY)):
            last = level is Role.PROVINCE
            self._feed.append({"seq": len(self._feed) + 1, "kind": "legacy", "body": {
                "id": item["id"], "level": level.value, "approve": True, "state": state,
                "reason": None, "by": by, "code": code if last else None,
                "seal": seal_text if last else None}})

    def updates(self, after: int) -> dict[str, Any]:
        return {"items": [i for i in self._feed if i["seq"] > after], "more": False}

    def close(self) -> None:
        pass


def graduate(db: Database, sheet_ids: Sequence[int], central: Ed25519PrivateKey,
             office: dict[Role, Actor]) -> int:
    """Move ``sheet_ids`` from draft to the province's final approval; returns how many."""
    for action, role in ((Action.SUBMIT, Role.CLERK), (Action.REVIEW, Role.DEPUTY),
                         (Action.APPROVE, Role.PRINCIPAL), (Action.QUEUE, Role.PRINCIPAL)):
        approvals.move(db, sheet_ids, action, office[role])
    remote = DemoCentral(central, db.clock())
    batches = sync.pack(db, require_connection=False)
    report = sync.send(db, remote, force=True)
    sync.pull(db, remote, report)
    sync.forget(db, batches)  # the demo's central office is not the school's server
    return len(sheet_ids)

