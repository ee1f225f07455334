"""The command line (``daftar COMMAND``): :func:`main` in :mod:`.main`."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
