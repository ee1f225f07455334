"""The ``daftar`` command's entry point: the window at once, or the command line.

``daftar``, ``daftar --db FILE``, ``daftar --lang en`` and ``daftar gui`` open the window
without importing the command line's modules (its parser and the rules it names): the
sign-in window is on screen sooner (bench/bench_start.py).  Anything else is
:func:`desktop.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def window_args(argv: Sequence[str]) -> tuple[str | None, str] | None:
    """(database, language) when ``argv`` asks for the window and nothing else."""
    db, lang = None, "fa"
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "gui":
            continue
        name, eq, value = arg.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if name == "--db":
            db = value
        elif value in ("fa", "en"):
            lang = value
        else:
            return None
    return db, lang


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    window = window_args(argv)
    if window is not None:
        try:
            from .app import run
        except ModuleNotFoundError as e:
            if not (e.name or "").startswith(("PySide6", "shiboken6")):
                raise
        else:
            return run(*window)
    from .cli import main as command_line

    return command_line(argv)
