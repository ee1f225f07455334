"""Backups of the school file, kept in rotation, and restoring one.

The school's whole history is one SQLite file on the office PC, so:

* :func:`make` copies it with SQLite's online backup API (the program keeps working) into
  ``<folder>/.<name>.part``, then checks the copy: ``PRAGMA integrity_check``, the audit chain
  verified from its first event, the same school.  Only then is it fsynced and renamed to
  ``daftar-<school>-<YYYYMMDD-HHMMSS>.sqlite``: a backup killed half-way leaves a ``.part``
  that is never listed and is removed by the next backup.
* :func:`rotate` keeps the newest backup of each of the last 7 days that have one, and of
  each of the 4 ISO weeks before those; others of this school in the folder are removed.
* :func:`due` says when the automatic backup (at start, then daily) should run; the folder is
  the principal's choice (a USB stick) kept in ``app_state``, by default a folder beside the
  school file in the user's data folder.
* :func:`restore` checks a backup the same way, refuses another school's file or one written
  by a newer Daftar, keeps the current file aside first (online backup again), then copies the
  backup *into* the school file with the backup API, which writes it in one SQLite
  transaction: killed at any moment, the school file is either as it was or the backup.

A school on a PostgreSQL server is backed up by the server's own tools (``pg_dump``); these
functions refuse it with a message that says so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DaftarError
from ..migrations import HEAD
from ..models.db import Database, default_db_path, is_sqlite_file, open_database
from .settings import remember_audit
from .state import get_state, put_state

FOLDER_KEY, LAST_KEY = "backup.folder", "backup.last"
KEEP_DAILY, KEEP_WEEKLY = 7, 4
NAME = re.compile(r"^daftar-(?P<school>[0-9]{8})-(?P<stamp>[0-9]{8}-[0-9]{6})\.sqlite$")
COUNTED = ("student", "grade", "grade_sheet", "certificate", "audit_event")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    school: str
    made: dt.datetime  # local time, from the name
    size: int


@dataclass(frozen=True)
class Contents:
    """What a checked school file holds: enough for a person to recognise it."""

    school_code: str
    school_name: str
    revision: str
    counts: dict[str, int]
    last_event: dt.datetime | None  # UTC


@dataclass(frozen=True)
class Restored:
    source: Path
    aside: Path | None
    contents: Contents
    migrated: bool


def _school_file(db: Database) -> Path:
    if db.path is None:
        raise DaftarError("backup.server_db")
    return db.path


def default_folder(db: Database) -> Path:
    return _school_file(db).parent / "backups"


def folder(db: Database) -> Path:
    """The folder the principal chose, or the default one."""
    with db.unit() as s:
        chosen = get_state(s, FOLDER_KEY)
    return Path(chosen) if chosen else default_folder(db)


def choose_folder(db: Database, path: str | Path) -> Path:
    target = Path(path).expanduser().resolve()
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / ".daftar-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise DaftarError("backup.folder", path=target, detail=e.strerror or str(e)) from e
    with db.unit() as s:
        put_state(s, FOLDER_KEY, str(target))
    return target


def _copy(source: sqlite3.Connection, target: Path, pages: int = 256,
          progress: Callable[[int, int], None] | None = None,
          cancel: Callable[[], bool] | None = None) -> None:
    """An online copy, made a single self-contained file (no -wal beside it)."""
    dst = sqlite3.connect(target)
    try:
        def step(_status: int, remaining: int, total: int) -> None:
            if cancel is not None and cancel():
                raise DaftarError("cancelled")
            if progress is not None:
                progress(total - remaining, total)

        source.backup(dst, pages=pages, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def check(path: Path, school_code: str | None = None) -> Contents:
    """Read a school file without changing it: integrity, audit chain, school, counts."""
    from .audit import verify

    try:
        if not path.is_file():
            raise DaftarError("backup.missing", path=path)
        if not is_sqlite_file(path):  # a restore checks the school file itself: not open()
            raise DaftarError("backup.not_daftar", path=path)
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise DaftarError("backup.damaged", path=path, detail=status)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "school", "audit_event"} <= tables:
                raise DaftarError("backup.not_daftar", path=path)
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            row = conn.execute("SELECT code, name FROM school").fetchone()
            if row is None:
                raise DaftarError("backup.not_daftar", path=path)
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                      for t in COUNTED if t in tables}
            last = conn.execute("SELECT max(at) FROM audit_event").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise DaftarError("backup.damaged", path=path, detail=str(e)) from e
    if not (revision.isascii() and revision.isdigit()) or revision > HEAD:
        raise DaftarError("backup.newer", path=path, revision=revision)
    if school_code is not None and row[0] != school_code:
        raise DaftarError("backup.other_school", path=path, school=row[1], school_code=row[0])
    copy = Database(_read_only_engine(path))
    try:
        verdict = verify(copy)
    finally:
        copy.dispose()
    if not verdict.ok:
        raise DaftarError("backup.audit", path=path, event=verdict.broken_at or "-")
    made = dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) if last else None
    return Contents(row[0], row[1], revision, counts, made)


def _read_only_engine(path: Path):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")


def list_backups(where: Path, school_code: str | None = None) -> list[BackupFile]:
    """The counted backups in a folder, oldest first (``.part`` files are never listed)."""
    found = []
    if not where.is_dir():
        return []
    for path in where.iterdir():
        m = NAME.match(path.name)
        if m is None or (school_code is not None and m["school"] != school_code):
            continue
        made = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
        found.append(BackupFile(path, m["school"], made, path.stat().st_size))
    return sorted(found, key=lambda b: b.made)


def kept(made: Iterable[dt.datetime], daily: int = KEEP_DAILY,
         weekly: int = KEEP_WEEKLY) -> set[dt.datetime]:
    """Which backups rotation keeps: the newest of each of the last ``daily`` days that have
    one, then the newest of each of the ``weekly`` ISO weeks before the oldest kept day."""
    newest_first = sorted(set(made), reverse=True)
    keep: set[dt.datetime] = set()
    days: list[dt.date] = []
    for t in newest_first:
        if t.date() not in days and len(days) < daily:
            days.append(t.date())
            keep.add(t)
    weeks: list[tuple[int, int]] = []
    oldest_day = days[-1] if days else None
    for t in newest_first:
        week = t.isocalendar()[:2]
        if oldest_day is not None and t.date() >= oldest_day:
            continue
        if week not in weeks and len(weeks) < weekly:
            weeks.append(week)
            keep.add(t)
    return keep


def rotate(where: Path, school_code: str) -> list[Path]:
    """Remove this school's backups that rotation does not keep; the removed paths."""
    backups = list_backups(where, school_code)
    keep = kept(b.made for b in backups)
    removed = []
    for b in backups:
        if b.made not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def make(db: Database, to: str | Path | None = None, now: dt.datetime | None = None,
         progress: Callable[[int, int], None] | None = None,
         cancel: Callable[[], bool] | None = None) -> BackupFile:
    """One checked backup of the school file in ``to`` (or the chosen folder), rotated."""
    source = _school_file(db)
    from .school import get_school

    school = get_school(db)
    where = Path(to).expanduser().resolve() if to is not None else folder(db)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    final = where / f"daftar-{school.code}-{stamp}.sqlite"
    part = where / f".{final.name}.part"
    try:
        where.mkdir(parents=True, exist_ok=True)
        for stale in where.glob(f".daftar-{school.code}-*.part"):
            stale.unlink(missing_ok=True)  # a backup that was cut off
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            _copy(src, part, progress=progress, cancel=cancel)
        finally:
            src.close()
        check(part, school.code)
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, final)
        _sync_folder(where)
    except (OSError, sqlite3.OperationalError) as e:  # a full USB stick, a removed one
        part.unlink(missing_ok=True)
        detail = getattr(e, "strerror", None) or str(e)
        raise DaftarError("backup.write", path=where, detail=detail) from e
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    with db.unit() as s:
        put_state(s, LAST_KEY, dt.datetime.now(tz=dt.UTC).isoformat())
    rotate(where, school.code)
    return BackupFile(final, school.code, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S"),
                      final.stat().st_size)


def _sync_folder(where: Path) -> None:
    if os.name == "posix":
        fd = os.open(where, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def due(db: Database, now: dt.datetime | None = None,
        every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    """Whether the daily backup should run (the window also makes one at every start)."""
    if db.path is None:
        return False
    with db.unit() as s:
        last = get_state(s, LAST_KEY)
    if last is None:
        return True
    return (now or dt.datetime.now(tz=dt.UTC)) - dt.datetime.fromisoformat(last) >= every


def restore(target: str | Path | None, backup: str | Path,
            progress: Callable[[int, int], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> Restored:  # noqa: ARG001
    """Put a checked backup in place of the school file at ``target`` (no engine open on it).

    The current file, if it is a readable Daftar file, must be of the same school; it is kept
    aside first as ``<name>.before-restore-<stamp>.sqlite``.  An older backup is brought to
    this version's schema after it is restored.
    """
    school_file = Path(target).expanduser().resolve() if target is not None else default_db_path()
    source = Path(backup).expanduser().resolve()
    if source == school_file:
        raise DaftarError("backup.same_file", path=source)
    current: Contents | None = None
    if school_file.exists() and school_file.stat().st_size > 0:
        try:
            current = check(school_file)
        except DaftarError:
            current = None  # a damaged school file is why one restores: it is kept aside as is
    contents = check(source, current.school_code if current else None)
    aside = None
    if school_file.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = school_file.with_name(f"{school_file.stem}.before-restore-{stamp}.sqlite")
        _keep_aside(school_file, aside)
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(school_file)
            try:
                dst.execute("PRAGMA busy_timeout=10000")
                # All pages in one step: one transaction on the school file.
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error) as e:
        raise DaftarError("backup.restore_write", path=school_file, detail=str(e)) from e
    if progress is not None:
        progress(1, 1)
    migrated = contents.revision != HEAD
    db = open_database(school_file)  # an older backup is upgraded here
    # the trail is now the backup's (checked whole above): the next start checks it whole
    remember_audit(db.url, None)
    db.dispose()
    return Restored(source, aside, contents, migrated)


def _keep_aside(school_file: Path, aside: Path) -> None:
    """A copy of the current school file: online backup if it reads, bytes if it does not."""
    try:
        src = sqlite3.connect(f"{school_file.as_uri()}?mode=ro", uri=True)
        try:
            _copy(src, aside)
        finally:
            src.close()
        return
    except sqlite3.Error:
        aside.unlink(missing_ok=True)
    import shutil

    shutil.copyfile(school_file, aside)
    wal = school_file.with_name(school_file.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, aside.with_name(aside.name + "-wal"))
