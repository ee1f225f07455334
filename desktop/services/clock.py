"""Trusted time: the computer's clock, never earlier than the latest reading seen.

An office PC's clock can be wrong or set back on purpose to reopen a locked
session.  Every write notes the latest time seen (``app_state``); a reading more
than :data:`TOLERANCE` earlier is recorded as a clock that went backwards, shown
in the window, and deadlines are judged by the latest time seen instead.  The
central server's clock decides in the end (sync).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..models.db import Database
from .state import get_state, put_state

TOLERANCE = dt.timedelta(minutes=10)
SEEN = "clock.latest_seen"
BACKWARDS = "clock.went_backwards"


@dataclass(frozen=True)
class ClockStatus:
    now: dt.datetime            # what the computer says
    trusted: dt.datetime        # what deadlines are judged by
    backwards_at: dt.datetime | None  # when a backwards jump was last noticed

    @property
    def suspicious(self) -> bool:
        return self.backwards_at is not None


def _get(s: Session, key: str) -> dt.datetime | None:
    value = get_state(s, key)
    return dt.datetime.fromisoformat(value) if value else None


def _put(s: Session, key: str, value: dt.datetime) -> None:
    put_state(s, key, value.isoformat())


def trusted_now(s: Session, db: Database, record: bool = True) -> dt.datetime:
    """The time to judge deadlines by, in the caller's transaction; notes what it saw."""
    now = db.clock()
    seen = _get(s, SEEN)
    if seen is not None and now < seen - TOLERANCE:
        if record:
            _put(s, BACKWARDS, now)
        return seen
    if record and (seen is None or now > seen):
        _put(s, SEEN, now)
    return max(now, seen) if seen else now


def clock_status(db: Database) -> ClockStatus:
    with db.unit() as s:
        now = db.clock()
        seen = _get(s, SEEN)
        back = _get(s, BACKWARDS)
        if seen is not None and now < seen - TOLERANCE and back is None:
            back = now
        return ClockStatus(now, max(now, seen) if seen else now, back)
