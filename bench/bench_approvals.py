"""Approvals benchmark: verify a 1,000,000-event audit trail; approve 500 sheets at once.

Prints its figures (``./dev.sh bench``).  The trail is a real hash chain written
straight into a SQLite file, then checked by the same ``verify`` as
``daftar audit verify``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, update  # noqa: E402

from desktop.domain.workflow import Action, SheetState  # noqa: E402
from desktop.models.db import open_database  # noqa: E402
from desktop.models.entities import AuditEvent, AuditHead, GradeSheet  # noqa: E402
from desktop.services import approvals, audit, auth  # noqa: E402
from desktop.services.demo import build_demo  # noqa: E402

EVENTS = 1_000_000


def main() -> None:
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
    start = time.perf_counter()
    verdict = audit.verify(db)
    took = time.perf_counter() - start
    assert verdict.ok and verdict.checked == EVENTS
    size = (work / "audit.sqlite").stat().st_size / 2**20
    print(f"audit trail of {EVENTS:,} events ({size:.0f} MiB SQLite, written in {built:.1f} s): "
          f"verified in {took:.2f} s, {EVENTS / took:,.0f} events/s")
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
