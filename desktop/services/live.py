"""One school on several office PCs sharing a PostgreSQL database.

* :func:`lock_sheets` takes the sheets' rows ``FOR UPDATE`` (in id order, so two PCs never
  deadlock) before a write reads them: a grade written, a sheet moved on by an approval.
  The second PC waits for the first's commit and then reads what it wrote, so a stale
  value is noticed (``grade.conflict``) instead of overwritten, and an approval is never
  applied twice.  :func:`exclusive` is a school-wide lock (``pg_advisory_xact_lock``) for
  what SQLite's single writer serialised by itself: issuing documents (serials, print
  numbers).  On SQLite both are no-ops: ``BEGIN IMMEDIATE`` already makes one writer.
* :func:`announce` sends ``NOTIFY daftar_sheet '<sheet id>:<origin>'`` inside the writing
  transaction; PostgreSQL delivers it at commit (and drops it on rollback).
* :class:`Listener` is a thread with its own connection that ``LISTEN``s and calls back
  with the sheet ids other processes changed; it reconnects after a dropped connection.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models.db import Database
from ..models.entities import GradeSheet

CHANNEL = "daftar_sheet"
ORIGIN = uuid.uuid4().hex[:12]  # this process: its own notifications are not news to it


def _on_server(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def lock_sheets(s: Session, sheet_ids: Iterable[int]) -> None:
    ids = sorted(set(sheet_ids))
    if ids and _on_server(s):
        s.execute(select(GradeSheet.id).where(GradeSheet.id.in_(ids))
                  .order_by(GradeSheet.id).with_for_update())


def exclusive(s: Session, name: str) -> None:
    if _on_server(s):
        s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})


def announce(s: Session, sheet_ids: Iterable[int]) -> None:
    if _on_server(s):
        for sid in sorted(set(sheet_ids)):
            s.execute(text("SELECT pg_notify(:channel, :payload)"),
                      {"channel": CHANNEL, "payload": f"{sid}:{ORIGIN}"})


class Listener:
    """Calls ``callback(sheet_id)`` (on its own thread) for each sheet another process
    changed.  ``ready`` is set once it listens."""

    def __init__(self, db: Database, callback: Callable[[int], None],
                 own_too: bool = False) -> None:
        url = db.engine.url
        self.enabled = url.get_backend_name() == "postgresql"
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._callback, self._own_too = callback, own_too
        self._stop = threading.Event()
        self.ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Listener:
        if self.enabled and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="daftar-listen", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.ready.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._deliver(note.payload)
            except psycopg.Error:
                self.ready.clear()
                self._stop.wait(2.0)  # the server went away: try again shortly

    def _deliver(self, payload: str) -> None:
        sheet, _, origin = payload.partition(":")
        if (origin != ORIGIN or self._own_too) and sheet.isascii() and sheet.isdigit():
            self._callback(int(sheet))
