"""``daftar backup``, ``daftar restore``, ``daftar --version``: the office PC's own care.

  daftar backup [--to DIR]          a checked backup, rotated (7 daily, 4 weekly)
  daftar backup --folder DIR        choose where automatic backups go (a USB stick)
  daftar backup --list              the backups in the chosen folder
  daftar restore FILE               put a backup in place of the school file (kept aside first)
  daftar move-to URL                move the school into an empty shared PostgreSQL and use it
  daftar database [--use URL | --default]   which database this PC opens
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import Output, open_db


def _size(out: Output, n: int) -> str:
    return out.num(f"{n / 1_048_576:.1f}") + " MB"


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import format_jalali
    from ..services import backup

    db = open_db(args)
    if args.folder:
        where = backup.choose_folder(db, args.folder)
        out.line(f"پشتیبان‌های خودکار در «{where}» نگه داشته می‌شوند.",
                 f"Automatic backups are kept in '{where}'.")
        return 0
    if args.list:
        from ..services.school import get_school

        for b in backup.list_backups(backup.folder(db), get_school(db).code):
            print(f"{b.path}\t{format_jalali(b.made.date())} {b.made:%H:%M}\t"
                  f"{_size(out, b.size)}", file=out.stream)
        return 0
    made = backup.make(db, args.to)
    out.line(f"پشتیبان بررسی‌شده در {made.path} ساخته شد ({_size(out, made.size)}).",
             f"A checked backup was written to {made.path} ({_size(out, made.size)}).")
    return 0


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import format_instant
    from ..services import backup

    target = args.db
    if target is not None and "://" in target:
        from ..domain.errors import DaftarError

        raise DaftarError("backup.server_db")
    done = backup.restore(target, args.file)
    c = done.contents
    when = format_instant(c.last_event) if c.last_event else "—"
    counts = c.counts
    out.line(
        f"پشتیبان «{c.school_name}» بازگردانده شد؛ آخرین رویداد آن: {out.num(when)} "
        f"(به وقت تهران)؛ {out.num(counts.get('student', 0))} دانش‌آموز، "
        f"{out.num(counts.get('grade', 0))} نمره، {out.num(counts.get('certificate', 0))} سند، "
        f"{out.num(counts.get('audit_event', 0))} رویداد."
        + (f" پرونده پیشین در {done.aside} کنار گذاشته شد." if done.aside else ""),
        f"Restored the backup of '{c.school_name}'; its last event: {when} Tehran time; "
        f"{counts.get('student', 0)} students, {counts.get('grade', 0)} grades, "
        f"{counts.get('certificate', 0)} documents, {counts.get('audit_event', 0)} events."
        + (f" The previous file was kept aside as {done.aside}." if done.aside else ""))
    return 0


def cmd_move(args: argparse.Namespace, out: Output) -> int:
    from ..services.move import move_school
    from ..services.settings import choose_database

    moved = move_school(open_db(args), args.url)
    rows = sum(moved.rows.values())
    choose_database(args.url)
    out.line(f"مدرسه با {out.num(rows)} ردیف و {out.num(moved.events)} رویداد (زنجیره بررسی شد) "
             f"به {moved.target} منتقل شد؛ دفتر در این رایانه از این پس آن را باز می‌کند.",
             f"The school ({rows} rows, {moved.events} events, chain verified) moved to "
             f"{moved.target}; Daftar on this PC opens it from now on.")
    return 0


def cmd_database(args: argparse.Namespace, out: Output) -> int:
    from ..models.db import default_db_path, to_url
    from ..services.settings import choose_database, chosen_database

    if args.accept:
        from ..services.settings import accept_school

        accept_school(open_db(args).url)
    if args.use or args.default:
        if args.use:
            from ..models.db import open_database

            open_database(args.use).dispose()  # reachable and a Daftar database
        choose_database(args.use)
    print(chosen_database() or to_url(default_db_path()), file=out.stream)
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("move-to", help="move this school into an empty shared PostgreSQL "
                       "database (the audit chain checked there) and open it from now on")
    s.add_argument("url", metavar="postgresql+psycopg://USER:PASSWORD@HOST/NAME")
    s.set_defaults(func=cmd_move)

    s = sub.add_parser("database", help="the database this PC opens; --use URL or --default")
    s.add_argument("--use", metavar="URL")
    s.add_argument("--default", action="store_true", help="this PC's own file again")
    s.add_argument("--accept", action="store_true", help="the school now in this database is "
                   "the intended one (the window refuses a file whose school changed)")
    s.set_defaults(func=cmd_database)

    s = sub.add_parser("backup", help="a checked backup of the school file (rotated); --folder "
                       "chooses where automatic backups go; --list shows them")
    s.add_argument("--to", metavar="DIR", help="this folder instead of the chosen one")
    s.add_argument("--folder", metavar="DIR", help="choose the backup folder")
    s.add_argument("--list", action="store_true")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("restore", help="put a backup in place of the school file (the current "
                       "one is kept aside first)")
    s.add_argument("file")
    s.set_defaults(func=cmd_restore)
