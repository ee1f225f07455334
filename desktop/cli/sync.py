"""``daftar sync``: send the outbox to the central server and pull its updates.

  daftar sync [--server URL] [--enrol CODE] [--queue] [--timeout S]
  --queue: first put every sheet the principal approved in the outbox (the window's
  «گذاشتن در صف ارسال»), signed in as the principal
  exit 0 sent, 3 nothing to send, 1 failure (the reason on stderr, in Persian)
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain.text import to_persian_digits
from .common import Output, open_db, open_seal, signed_in

SYNC_NOTHING = 3


def cmd_sync(args: argparse.Namespace, out: Output) -> int:
    """Send the outbox and pull the central server's updates.

    Exit 0: something was sent (or refused nothing and all arrived); 3: nothing to send;
    1: a failure (unreachable, a refused batch); the reason on stderr."""
    from ..services import sync

    db = open_db(args)
    if args.enrol:
        if not args.server:
            print("--enrol needs --server", file=sys.stderr)
            return 2
        code = sync.connect(db, args.server, args.enrol, signed_in(args, db))
        out.line(f"مدرسه {to_persian_digits(code)} به سرور مرکزی وصل شد.",
                 f"School {code} is now enrolled with the central server.")
    if args.queue:
        from ..domain.workflow import Action
        from ..services import approvals
        from ..services.school import list_years

        actor = signed_in(args, db)
        ready = [x.sheet_id for year in list_years(db)
                 for x in approvals.queue(db, actor, year) if x.state.value == "approved"]
        approvals.move(db, ready, Action.QUEUE, actor)
        out.line(f"{out.num(len(ready))} برگهٔ تأییدشدهٔ مدیر در صف ارسال گذاشته شد.",
                 f"{len(ready)} approved sheets queued for sending.")
    open_seal(db)  # batches are signed
    remote = sync.remote_for(db, timeout=args.timeout, server=args.server)
    report = sync.run(db, remote)
    out.line(f"بسته‌های تازه: {out.num(report.packed)}، فرستاده: {out.num(report.sent)}، "
             f"در صف: {out.num(report.waiting)}، ردشده: {out.num(len(report.refused))}، "
             f"به‌روزرسانی دریافتی: {out.num(report.pulled)}",
             f"new batches: {report.packed}, sent: {report.sent}, waiting: {report.waiting}, "
             f"refused: {len(report.refused)}, updates received: {report.pulled}")
    for message in report.refused + ([report.failure] if report.failure else []):
        print(("error: " if args.lang == "en" else "خطا: ") + message, file=sys.stderr)
    if not report.ok:
        return 1
    if report.sent == 0 and report.waiting == 0:
        return SYNC_NOTHING
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("sync", help="send the outbox to the central server and pull its "
                       "updates (exit 0 sent, 3 nothing to send, 1 failure)")
    s.add_argument("--server", help="the central server's address (default: the enrolled one)")
    s.add_argument("--enrol", metavar="CODE", help="enrol first, with the one-time code "
                   "(principal)")
    s.add_argument("--queue", action="store_true", help="first queue every sheet the "
                   "principal approved (signed in as --user)")
    s.add_argument("--user", default="principal")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    s.set_defaults(func=cmd_sync)
