"""The audit chain's hash and its check over a run of events, with no SQLAlchemy.

Kept apart from :mod:`.audit` so that a verification worker process (parts of a long
trail on the second core) starts in milliseconds: it imports this module and
``sqlite3`` only.

An event's hash is ``sha256(prev_hash + "\\n" + body)``, the body its fields
length-prefixed (``5:clerk``; ``-`` for none) so that no two different events share an
encoding; its time is written ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00`` (UTC).

A run of events is checked without the hash before it: each event must match its own
hash (else *edited*) and name the previous event's hash as its ``prev_hash`` (else
*unlinked*: one deleted, inserted or moved).  Runs checked apart are joined by comparing
each run's first ``prev_hash`` with the hash that ends the run before it, so checking
in parts finds exactly what checking in one pass finds, at the same event.
"""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

GENESIS = "0" * 64

COLUMNS = ("id, at, actor, role, action, entity, entity_id, old, new, reason, prev_hash, hash")


def at_text(at: dt.datetime | str) -> str:
    """The time as hashed.  SQLite hands back its stored text (naive UTC, always with
    microseconds: ``2026-11-22 09:00:00.000000``); anything else is parsed."""
    if isinstance(at, str):
        if len(at) == 26 and at[10] == " " and at[19] == ".":
            return f"{at[:10]}T{at[11:]}+00:00"
        at = dt.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def digest(prev_hash: str, at: str, actor: str, role: str, action: str, entity: str,
           entity_id: str, old: str | None, new: str | None, reason: str | None) -> str:
    """The hash of one event after ``prev_hash`` (``at`` as :func:`at_text` writes it)."""
    return sha256(
        f"{prev_hash}\n{len(at)}:{at}{len(actor)}:{actor}{len(role)}:{role}"
        f"{len(action)}:{action}{len(entity)}:{entity}{len(entity_id)}:{entity_id}"
        f"{'-' if old is None else f'{len(old)}:{old}'}"
        f"{'-' if new is None else f'{len(new)}:{new}'}"
        f"{'-' if reason is None else f'{len(reason)}:{reason}'}".encode()).hexdigest()


@dataclass(frozen=True)
class Run:
    """What checking a run of events found: ``count`` events passed, then ``bad_id``
    (if any) did not."""

    first_id: int | None = None
    first_prev: str | None = None   # the first event's prev_hash
    last_hash: str | None = None    # the last event that passed
    count: int = 0
    bad_id: int | None = None
    problem: str | None = None      # edited | unlinked


EMPTY = Run()


def check_run(rows: Iterable[tuple], prev: str | None = None) -> Run:  # type: ignore[type-arg]
    """Check events in id order; ``prev``: the hash the first one must follow (None: not
    checked here, :func:`join` checks it)."""
    # The rows are tuples of strings: no cycles for the collector to find, but a million
    # of them set it walking the whole heap again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_run(rows, prev)
    finally:
        if collecting:
            gc.enable()


def _check_run(rows: Iterable[tuple], prev: str | None) -> Run:  # type: ignore[type-arg]
    first_id = first_prev = last = None
    count = 0
    hasher = sha256
    # who, as what, did what to which kind of thing: a few hundred different ones in a
    # trail, so their encoded part is made once each (7% of the hashing)
    encoded: dict[tuple[str, str, str, str], str] = {}
    for (eid, at, actor, role, action, entity, entity_id, old, new, reason, prev_hash,
         own) in rows:
        if first_id is None:
            first_id, first_prev = eid, prev_hash
            if prev is None:
                prev = prev_hash
        if prev_hash != prev:
            return Run(first_id, first_prev, last, count, eid, "unlinked")
        # digest() written out: this loop runs once an event, a million times a trail
        if at.__class__ is str and len(at) == 26 and at[10] == " " and at[19] == ".":
            at = f"32:{at[:10]}T{at[11:]}+00:00"
        else:
            at = at_text(at)
            at = f"{len(at)}:{at}"
        who = encoded.get((actor, role, action, entity))
        if who is None:
            if len(encoded) > 4096:
                encoded.clear()
            who = encoded[actor, role, action, entity] = (
                f"{len(actor)}:{actor}{len(role)}:{role}{len(action)}:{action}"
                f"{len(entity)}:{entity}")
        if hasher(
                f"{prev_hash}\n{at}{who}{len(entity_id)}:{entity_id}"
                f"{'-' if old is None else f'{len(old)}:{old}'}"
                f"{'-' if new is None else f'{len(new)}:{new}'}"
                f"{'-' if reason is None else f'{len(reason)}:{reason}'}".encode()
        ).hexdigest() != own:
            return Run(first_id, first_prev, last, count, eid, "edited")
        prev = last = own
        count += 1
    return Run(first_id, first_prev, last, count)


def join(before: Run, after: Run) -> Run:
    """Two runs as one: ``after`` must start from the hash ``before`` ended on (from
    :data:`GENESIS` when nothing came before)."""
    if before.bad_id is not None or after.first_id is None:
        return before
    if after.first_prev != (before.last_hash if before.count else GENESIS):
        return Run(before.first_id or after.first_id, before.first_prev or after.first_prev,
                   before.last_hash, before.count, after.first_id, "unlinked")
    return Run(before.first_id or after.first_id, before.first_prev or after.first_prev,
               after.last_hash if after.count else before.last_hash,
               before.count + after.count, after.bad_id, after.problem)


def _reader(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("PRAGMA mmap_size=1073741824")  # pages read in place, not copied
    return conn


def _check_range(conn: sqlite3.Connection, after_id: int, upto_id: int) -> Run:
    rows = conn.execute(f"SELECT {COLUMNS} FROM audit_event WHERE id > ? AND id <= ? "  # noqa: S608
                        "ORDER BY id", (after_id, upto_id))
    return check_run(rows)


# Checking a long trail on every core: the ids cut into many parts, taken one at a time by
# this process from the front and by the workers from the back, so that a worker that
# starts late (a new interpreter) takes fewer parts and all end together.
_SHARED: tuple[Any, Any] | None = None   # (lock, [next from the front, next from the back])


def share(lock: Any, ends: Any) -> None:
    """A worker's initializer: the counters it takes parts by."""
    global _SHARED
    _SHARED = (lock, ends)


def take(from_back: bool) -> int | None:
    """The next part to check (None: none left)."""
    assert _SHARED is not None
    lock, ends = _SHARED
    with lock:
        if ends[0] >= ends[1]:
            return None
        if from_back:
            ends[1] -= 1
            return int(ends[1])
        ends[0] += 1
        return int(ends[0] - 1)


def taken(from_back: bool) -> Iterator[int]:
    """The parts this process takes, one at a time, until none is left."""
    while (i := take(from_back)) is not None:
        yield i


def check_parts(path: str, bounds: list[int], parts: Iterable[int]) -> dict[int, Run]:
    """The parts named (part ``i`` is ``bounds[i] < id <= bounds[i + 1]``), in this process."""
    conn = _reader(path)
    try:
        return {i: _check_range(conn, bounds[i], bounds[i + 1]) for i in parts}
    finally:
        conn.close()


def check_taken(path: str, bounds: list[int], from_back: bool = True) -> dict[int, Run]:
    """A worker's (or this process's) share: parts taken until none is left."""
    return check_parts(path, bounds, taken(from_back))
