"""Helpers for the fault tests: a small real disk (tmpfs, root only) and a students
workbook of any size."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def digest(path: Path) -> str:
    """The file's bytes, to show a refused or read-only operation left it untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


CLASSES = ["دهم ریاضی", "دهم تجربی", "یازدهم ریاضی", "نهم الف", None]


def students_workbook(path: Path, n: int = 1000, first: int = 800_000_000) -> Path:
    from openpyxl import load_workbook

    from desktop.domain.identity import make_national_code
    from desktop.services.workbook import student_template

    book = student_template(path)
    wb = load_workbook(book)
    for i in range(n):
        wb.active.append([make_national_code(f"{first + i:09d}"), None, None, "فاطمه",
                          f"حسین‌زاده {i}", "علی", "دختر", "1389/05/12", "تهران", None, None,
                          CLASSES[i % len(CLASSES)]])
    wb.save(book)
    return book


@contextmanager
def small_disk(where: Path, size: str = "8m", read_only: bool = False) -> Iterator[Path]:
    """A real tmpfs of ``size`` mounted at ``where`` (skips when not root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def fill(where: Path, leave: int = 0) -> Path:
    """Fill the disk at ``where`` until ``leave`` bytes are free; the filler file."""
    filler = where / "filler.bin"
    with filler.open("wb") as fh:
        while True:
            free = os.statvfs(where).f_bavail * os.statvfs(where).f_frsize
            if free <= leave:
                break
            try:
                fh.write(b"\0" * min(1 << 20, max(4096, free - leave)))
                fh.flush()
            except OSError:
                break
    return filler
