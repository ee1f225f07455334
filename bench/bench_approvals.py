"""Approvals benchmark: verify a 1,000,000-event audit trail (whole, in slices on every core,
and since a verified head as at start-up); approve 500 sheets at once.

Prints its figures (``./dev.sh bench``).  The trail is a real hash chain written
straight into a SQLite file, then checked by the same ``verify`` as
``daftar audit verify``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EVENTS = 1_000_000


def main() -> None:
    # Imported here, not at the top: the check's worker process (spawned) imports this
    # file as its main module, as it imports the program's launcher, which is light; at the
    # top they cost the worker ~0.5 s of SQLAlchemy before its first event.
    from sqlalchemy import insert, select, update

    from desktop.domain.workflow import Action, SheetState
    from desktop.models.db import open_database
    from desktop.models.entities import AuditEvent, AuditHead, GradeSheet
    from desktop.services import approvals, audit, auth
    from desktop.services.context import PRINCIPAL_ACTOR
    from desktop.services.demo import build_demo

    work = Path(tempfile.mkdtemp(prefix="daftar-bench-approvals-"))
    db = open_database(work / "audit.sqlite")
    start = time.perf_counter()
    prev = audit.GENESIS
    at0 = dt.datetime(2026, 9, 23, tzinfo=dt.UTC)
    batch = []
    with db.unit() as s:
        for i in range(EVENTS):
            at = at0 + dt.timedelta(seconds=i)
            old, new = audit.canonical(str(i % 20)), audit.canonical(str((i + 1) % 20))
            digest = audit.event_digest(prev, at, "clerk", "clerk", "grade.set", "grade",
                                        f"1:{i % 1000}:c1", old, new, None)
            batch.append(dict(at=at, actor="clerk", role="clerk", action="grade.set",
                              entity="grade", entity_id=f"1:{i % 1000}:c1", old=old, new=new,
                              reason=None, prev_hash=prev, hash=digest))
            prev = digest
            if len(batch) == 50_000:
                s.execute(insert(AuditEvent), batch)
                batch.clear()
        s.add(AuditHead(id=1, events=EVENTS, last_hash=prev))
    built = time.perf_counter() - start
    db.dispose()  # opened again, as for a day's work: the write-ahead log folded in
    db = open_database(work / "audit.sqlite")
    takes = []
    for _ in range(3):
        start = time.perf_counter()
        verdict = audit.verify(db)
        takes.append(time.perf_counter() - start)
        assert verdict.ok and verdict.checked == EVENTS
    took = statistics.median(takes)
    size = (work / "audit.sqlite").stat().st_size / 2**20
    print(f"audit trail of {EVENTS:,} events ({size:.0f} MiB SQLite, written in {built:.1f} s): "
          f"verified whole in {took:.2f} s (median of 3; {os.cpu_count()} cores), "
          f"{EVENTS / took:,.0f} events/s")
    audit.PARALLEL_FROM = 10**9  # the same check in one pass, on one core
    start = time.perf_counter()
    assert audit.verify(db).ok
    print(f"  the same in one pass on one core: {time.perf_counter() - start:.2f} s")
    seen = audit.checkpoint(db)
    with db.unit() as s:  # a day's work after the last start
        for i in range(200):
            audit.record(s, PRINCIPAL_ACTOR, "grade.set", "grade", f"2:{i}:c1", new=str(i % 20))
    start = time.perf_counter()
    verdict = audit.verify(db, since=seen)
    took = time.perf_counter() - start
    assert verdict.ok and verdict.checked == EVENTS + 200
    print(f"start-up check since the last verified head (200 new events of {EVENTS + 200:,}): "
          f"{took * 1000:.1f} ms")
    db.dispose()

    db = open_database(work / "school.sqlite")
    build_demo(db, year=1405)
    with db.unit() as s:
        ids = list(s.scalars(select(GradeSheet.id).order_by(GradeSheet.id).limit(500)))
        s.execute(update(GradeSheet).where(GradeSheet.id.in_(ids))
                  .values(state=SheetState.REVIEWED))
    principal = auth.login(db, "principal", "daftar")
    start = time.perf_counter()
    moved = approvals.move(db, ids, Action.APPROVE, principal)
    took = time.perf_counter() - start
    assert len(moved) == 500 and set(moved) == {SheetState.APPROVED}
    print(f"approve 500 sheets at once (each checked complete, moved and audited, one "
          f"transaction): {took * 1000:.0f} ms")
    start = time.perf_counter()
    waiting = approvals.queue(db, principal, 1405)
    print(f"the principal's queue over 680 sheets: {(time.perf_counter() - start) * 1000:.0f} "
          f"ms ({len(waiting)} waiting)")


if __name__ == "__main__":
    main()
