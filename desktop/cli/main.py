"""``daftar``: the GUI with no arguments; the same services headless with a command.

Exit status: 0 success, 1 a refusal or bad input (the message says why, in
Persian unless ``--lang en``), 2 a malformed command line; ``daftar sync`` also 3:
nothing to send.

The command modules each add their parsers: :mod:`.school` (the school's own commands),
:mod:`.setup`, :mod:`.year`, :mod:`.records`, :mod:`.office`, :mod:`.sync`, :mod:`.stats`; what they
share is in :mod:`.common`, below them all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..domain.errors import DaftarError
from . import help_fa, office, records, school, setup, stats, sync, year
from .common import Output


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="daftar", description="دفتر: برنامه دفتر مدرسه / Daftar")
    p.add_argument("--db", help="SQLite file or database URL (default: the user's data folder)")
    p.add_argument("--lang", choices=["fa", "en"], default="fa", help="output language")
    from .. import __version__

    p.add_argument("--version", action="version", version=f"daftar {__version__}")
    sub = p.add_subparsers(dest="command")

    sub.add_parser("gui", help="open the window (the default)")
    school.add_parsers(sub)
    setup.add_parsers(sub)
    records.add_parsers(sub)
    office.add_parsers(sub)
    sync.add_parsers(sub)
    stats.add_parsers(sub)
    year.add_parsers(sub)
    if lang == "fa":
        help_fa.persian(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if help_fa.wants_english(words):
        args = build_parser("en").parse_args(words)
    else:   # Persian, as the window: the help, argparse's own words, its errors
        with help_fa.argparse_in_persian():
            args = build_parser("fa").parse_args(words)
    if args.command in (None, "gui"):
        try:
            from ..app import run
        except ModuleNotFoundError as e:  # a server's install: the core without the window
            if not (e.name or "").startswith(("PySide6", "shiboken6")):
                raise
            print(DaftarError("install.no_window").message(args.lang), file=sys.stderr)
            return 1
        return run(args.db, args.lang)
    out = Output(args.lang)
    import logging

    from ..services.logs import setup

    setup()
    log = logging.getLogger("daftar.cli")
    try:
        return int(args.func(args, out))
    except BrokenPipeError:  # `daftar students | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DaftarError as e:
        log.info("%s refused: %s", args.command, e.code)
        print(("error: " if args.lang == "en" else "خطا: ") + e.message(args.lang),
              file=sys.stderr)
        return 1
    except Exception:
        log.exception("%s failed", args.command)
        raise
