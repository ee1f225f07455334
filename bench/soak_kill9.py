"""Kill -9 soak: a child process killed at random moments while it works, many times over.

Scenarios (each a child doing the office's work on a real SQLite school file, killed with
SIGKILL at a random moment, again and again on the same file):

* ``entry``    grades typed one by one through the service;
* ``import``   a 1,000-student workbook imported (one transaction);
* ``approve``  20 sheets moved as one batch: queue, send back, submit, review, approve ...;
* ``print``    a class's report cards issued, logged and written to a PDF;
* ``sync``     an edit, then the outbox packed and sent to a real central server (PostgreSQL;
               skipped without DAFTAR_TEST_PG_URL), and at the end everything delivered once;
* ``migrate``  a school file of the previous schema version upgraded at open.

After each kill: ``PRAGMA integrity_check`` is ok, the audit chain verifies, every edit whose
call returned is there, no import or batch is half applied, no print is logged that was not
written, a migration is either not begun or whole.  Prints kills survived and data lost.

    .venv/bin/python bench/soak_kill9.py [--kills 20] [--scenarios entry,import,...] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import func, select  # noqa: E402

from desktop.models.db import open_database  # noqa: E402
from desktop.models.entities import CertificatePrint, GradeSheet, Student  # noqa: E402
from desktop.services.audit import verify  # noqa: E402

# How long a child works before the kill may come (seconds after it says "ready").
WINDOW = {"entry": 1.0, "import": 3.0, "approve": 1.5, "print": 2.5, "sync": 2.5,
          "migrate": 0.6}

CHILD = r"""
import datetime as dt, json, sys, time
from pathlib import Path
from desktop.models.db import open_database
scenario, school, job = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
journal = open(job["journal"], "a", buffering=1)
def note(kind, what):
    journal.write(json.dumps([kind, what]) + "\n"); journal.flush()
if scenario == "migrate":
    print("ready", flush=True)
    open_database(school).dispose()
    note("done", "migrated")
    time.sleep(60)
from desktop.services import auth, school_key
db = open_database(school)
db.clock = lambda: dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
school_key.unlock(db, "daftar")
clerk = auth.login(db, "clerk", "daftar")
principal = auth.login(db, "principal", "daftar")
deputy = auth.login(db, "deputy", "daftar")
print("ready", flush=True)
if scenario == "entry":
    from desktop.services.grades import CellEdit, write_grades
    k = job["start"]
    while True:
        k += 1
        sid = job["students"][k % len(job["students"])]
        comp = ("c2", "f2")[(k // len(job["students"])) % 2]
        value = f"{(k % 80) / 4:.2f}"
        note("intent", [sid, comp, value])
        write_grades(db, job["sheet"], [CellEdit(sid, comp, value)], clerk)
        note("done", [sid, comp, value])
elif scenario == "import":
    from desktop.services.workbook import apply_students, plan_students
    plan = plan_students(db, Path(job["book"]), 1405)
    note("intent", "import")
    apply_students(db, plan, clerk)
    note("done", "import")
    time.sleep(60)
elif scenario == "approve":
    from desktop.domain.workflow import Action
    from desktop.services.approvals import move
    from desktop.models.entities import GradeSheet
    from sqlalchemy import select
    nxt = {"approved": (Action.QUEUE, principal), "queued": (Action.REJECT, principal),
           "draft": (Action.SUBMIT, clerk), "submitted": (Action.REVIEW, deputy),
           "reviewed": (Action.APPROVE, principal)}
    while True:
        with db.unit() as s:
            state = s.scalar(select(GradeSheet.state).where(GradeSheet.id == job["sheets"][0]))
        action, who = nxt[str(state.value if hasattr(state, "value") else state)]
        note("intent", action.value)
        move(db, job["sheets"], action, who, reason="soak" if action is Action.REJECT else None)
        note("done", action.value)
elif scenario == "print":
    from desktop.domain.calendar import SessionKind
    from desktop.domain.verification import DocumentKind
    from desktop.services.certificates import issue
    i = 0
    while True:
        i += 1
        out = f"{job['out']}-{i}.pdf"
        note("intent", out)
        done = issue(db, [job["class"]], DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                     Path(out), reason="soak")
        note("done", [out, len(done)])
elif scenario == "sync":
    from desktop.services import sync
    from desktop.services.grades import CellEdit, write_grades
    k = job["start"]
    while True:
        k += 1
        sid = job["students"][k % len(job["students"])]
        note("intent", "edit and send")
        write_grades(db, job["sheet"], [CellEdit(sid, "c2", f"{(k % 80) / 4:.2f}")], clerk)
        report = sync.run(db, sync.remote_for(db, timeout=30), force=True)
        note("done", [report.packed, report.sent])
"""


class Lost(AssertionError):
    """Data the checks found missing or half applied."""


def journal_of(path: Path) -> list[tuple[str, object]]:
    if not path.exists():
        return []
    lines = []
    for line in path.read_text().splitlines():
        try:
            kind, what = json.loads(line)
        except ValueError:
            continue  # a line cut by the kill
        lines.append((kind, what))
    return lines


def whole(school: Path) -> None:
    with sqlite3.connect(school) as conn:
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if status != "ok":
        raise Lost(f"integrity_check: {status}")
    db = open_database(school)
    try:
        verdict = verify(db)
        if not verdict.ok:
            raise Lost(f"audit chain broken at {verdict.broken_at} ({verdict.problem})")
    finally:
        db.dispose()


def kill_once(scenario: str, school: Path, job: dict, rng: random.Random) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, scenario, str(school),
                              json.dumps(job)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != "ready":
        raise RuntimeError(f"{scenario} child did not start: {child.stderr.read()[-2000:]}")
    time.sleep(rng.uniform(0.0, WINDOW[scenario]))
    if child.poll() is not None:
        raise RuntimeError(f"{scenario} child ended early: {child.stderr.read()[-2000:]}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


# --- per scenario: prepare, run one kill, check -------------------------------------------

class Scenario:
    def __init__(self, name: str, work: Path, demo: Path) -> None:
        self.name, self.work, self.demo = name, work / name, demo
        self.work.mkdir(parents=True)
        self.school = self.work / "school.sqlite"
        shutil.copy(demo, self.school)
        self.runs = 0

    def job(self) -> dict:  # noqa: D401
        return {}

    def check(self, lines: list[tuple[str, object]]) -> None:
        pass

    def finish(self) -> None:
        pass


class Entry(Scenario):
    def __init__(self, *a) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*a)
        from desktop.domain.calendar import SessionKind
        from desktop.services.grades import open_sheet, read_sheet
        from desktop.services.school import find_class, find_course

        db = open_database(self.school)
        klass = find_class(db, "دهم ریاضی")
        self.sheet = open_sheet(db, klass.id, find_course(db, "فیزیک ۱", klass.id).id,
                                SessionKind.KHORDAD)
        self.students = [r.student_id for r in read_sheet(db, self.sheet).rows]
        db.dispose()

    def cells(self) -> dict[tuple[int, str], Decimal | None]:
        from desktop.services.grades import read_sheet

        db = open_database(self.school)
        try:
            return {(r.student_id, c): r.cells.get(c) for r in read_sheet(db, self.sheet).rows
                    for c in ("c2", "f2")}
        finally:
            db.dispose()

    def job(self) -> dict:
        self.before = self.cells()
        return {"sheet": self.sheet, "students": self.students, "start": self.runs * 997}

    def check(self, lines: list[tuple[str, object]]) -> None:
        now = self.cells()
        expected = dict(self.before)
        pending = None
        for kind, what in lines:
            sid, comp, value = what  # type: ignore[misc]
            if kind == "done":
                expected[(sid, comp)] = Decimal(value)
                pending = None
            else:
                pending = ((sid, comp), Decimal(value))
        for cell, value in expected.items():
            allowed = {value} | ({pending[1]} if pending and pending[0] == cell else set())
            if now[cell] not in allowed:
                raise Lost(f"cell {cell}: stored {now[cell]}, expected one of {allowed}")
        self.returned = sum(1 for k, _ in lines if k == "done")


class Import(Scenario):
    def job(self) -> dict:
        from tests.faults import students_workbook

        self.first = 700_000_000 + self.runs * 1000
        book = students_workbook(self.work / f"book-{self.runs}.xlsx", 1000, self.first)
        self.codes = self._codes(book)
        return {"book": str(book)}

    @staticmethod
    def _codes(book: Path) -> list[str]:
        from openpyxl import load_workbook

        return [str(r[0]) for r in load_workbook(book).active.iter_rows(min_row=2,
                                                                         values_only=True)]

    def check(self, lines: list[tuple[str, object]]) -> None:
        db = open_database(self.school)
        try:
            with db.unit() as s:
                there = s.scalar(select(func.count()).select_from(Student).where(
                    Student.national_code.in_(self.codes)))
        finally:
            db.dispose()
        if there not in (0, 1000):
            raise Lost(f"half an import: {there} of 1000 students")
        if ("done", "import") in lines and there != 1000:
            raise Lost("an import that returned is not there")


class Approve(Scenario):
    TARGET = {"queue": "queued", "reject": "draft", "submit": "submitted",
              "review": "reviewed", "approve": "approved"}

    def __init__(self, *a) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*a)
        db = open_database(self.school)
        with db.unit() as s:
            self.sheets = list(s.scalars(select(GradeSheet.id).where(
                GradeSheet.state == "approved").order_by(GradeSheet.id).limit(20)))
        db.dispose()

    def states(self) -> set[str]:
        db = open_database(self.school)
        try:
            with db.unit() as s:
                return {str(getattr(x, "value", x)) for x in s.scalars(
                    select(GradeSheet.state).where(GradeSheet.id.in_(self.sheets)))}
        finally:
            db.dispose()

    def job(self) -> dict:
        (self.before,) = self.states()
        return {"sheets": self.sheets}

    def check(self, lines: list[tuple[str, object]]) -> None:
        now = self.states()
        if len(now) != 1:
            raise Lost(f"a batch half applied: the 20 sheets are in {sorted(now)}")
        done = [self.TARGET[str(w)] for k, w in lines if k == "done"]
        intents = [self.TARGET[str(w)] for k, w in lines if k == "intent"]
        allowed = {done[-1] if done else self.before}
        if len(intents) > len(done):
            allowed.add(intents[-1])
        if now - allowed:
            raise Lost(f"sheets in {now}, expected one of {allowed}")


class Print(Scenario):
    def job(self) -> dict:
        from desktop.services.school import find_class

        db = open_database(self.school)
        klass = find_class(db, "هفتم ب")
        with db.unit() as s:
            self.prints = s.scalar(select(func.count()).select_from(CertificatePrint))
        db.dispose()
        return {"class": klass.id, "out": str(self.work / f"cards-{self.runs}")}

    def check(self, lines: list[tuple[str, object]]) -> None:
        from pypdf import PdfReader

        db = open_database(self.school)
        with db.unit() as s:
            logged = s.scalar(select(func.count()).select_from(CertificatePrint)) - self.prints
        db.dispose()
        done = [w for k, w in lines if k == "done"]
        intents = [w for k, w in lines if k == "intent"]
        written = sum(n for _, n in done)  # type: ignore[misc]
        for out, n in done:  # type: ignore[misc]
            if len(PdfReader(out).pages) != n:
                raise Lost(f"{out}: fewer pages than documents logged")
        if logged == written:
            return
        last = Path(str(intents[-1])) if len(intents) > len(done) else None
        if last is None or not last.exists() or logged - written != len(PdfReader(last).pages):
            raise Lost(f"{logged} prints logged, {written} written")


class Migrate(Scenario):
    def __init__(self, *a) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*a)
        from alembic import command
        from alembic.config import Config

        self.template = self.work / "old.sqlite"
        shutil.copy(self.school, self.template)
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{self.template}")  # foreign keys off, as batch
        cfg = Config()                                         # migrations need on SQLite
        cfg.set_main_option("script_location", str(ROOT / "desktop" / "migrations"))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "-1")
        engine.dispose()
        with sqlite3.connect(self.template) as conn:
            self.old = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]

    def job(self) -> dict:
        for f in self.work.glob("school*"):
            f.unlink()
        shutil.copy(self.template, self.school)
        return {}

    def check(self, lines: list[tuple[str, object]]) -> None:
        from desktop.migrations import HEAD

        with sqlite3.connect(self.school) as conn:
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision not in (self.old, HEAD):
            raise Lost(f"revision {revision}")
        if ("done", "migrated") in lines and revision != HEAD:
            raise Lost("a migration that returned is not there")
        open_database(self.school).dispose()  # the next start finishes the work
        for cut in self.work.glob("*.before-*.sqlite"):
            with sqlite3.connect(cut) as conn:  # a copy named as a backup is whole
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise Lost(f"{cut.name}: a damaged copy named as a backup")


class Sync(Scenario):
    def __init__(self, *a) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*a)
        from bench_sync import admin, fresh_database, start_server

        from desktop.domain.calendar import SessionKind
        from desktop.domain.workflow import Action, SheetState
        from desktop.services import approvals, school_key, sync
        from desktop.services.context import PRINCIPAL_ACTOR
        from desktop.services.grades import open_sheet, read_sheet
        from desktop.services.school import find_class, find_course

        base = os.environ["DAFTAR_TEST_PG_URL"]
        self.db_url = fresh_database(base)
        self.proc, self.url = start_server(self.db_url, 1)
        self.central = admin(self.db_url)
        db = open_database(self.school)
        school_key.unlock(db, "daftar")
        ready = [x.sheet_id for x in approvals.queue(db, PRINCIPAL_ACTOR, 1405)
                 if x.state is SheetState.APPROVED]
        approvals.move(db, ready, Action.QUEUE, PRINCIPAL_ACTOR)
        sync.connect(db, self.url, self.central.add_school("12345678", "نمونه", "تهران",
                                                           "منطقه ۶"), PRINCIPAL_ACTOR)
        klass = find_class(db, "دهم ریاضی")
        self.sheet = open_sheet(db, klass.id, find_course(db, "فیزیک ۱", klass.id).id,
                                SessionKind.KHORDAD)
        self.students = [r.student_id for r in read_sheet(db, self.sheet).rows]
        db.dispose()

    def job(self) -> dict:
        return {"sheet": self.sheet, "students": self.students, "start": self.runs * 991}

    def finish(self) -> None:
        """Every batch delivered exactly once, every sheet row once."""
        from sqlalchemy import text

        from desktop.models.entities import SyncBatch
        from desktop.services import school_key, sync

        try:
            db = open_database(self.school)
            school_key.unlock(db, "daftar")
            report = sync.run(db, sync.remote_for(db, timeout=60), force=True)
            if not report.ok:
                raise Lost(f"the last sync failed: {report.failure}")
            with db.unit() as s:
                local = set(s.scalars(select(SyncBatch.uuid)))
                unsent = s.scalar(select(func.count()).select_from(SyncBatch).where(
                    SyncBatch.state != "sent"))
            db.dispose()
            with self.central.engine.connect() as conn:
                there = [r[0] for r in conn.execute(text("SELECT uuid FROM batch"))]
            if unsent or sorted(map(str, there)) != sorted(local):
                raise Lost(f"{len(local)} batches here, {len(there)} at the centre, "
                           f"{unsent} unsent")
        finally:
            self.proc.terminate()
            self.proc.wait(20)


SCENARIOS = {"entry": Entry, "import": Import, "approve": Approve, "print": Print,
             "sync": Sync, "migrate": Migrate}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=20, help="per scenario")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS))
    ap.add_argument("--seed", type=int, default=1405)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="daftar-soak-"))
    demo = work / "demo.sqlite"
    from desktop.services.demo import build_demo

    db = open_database(demo)
    build_demo(db, year=1405)
    db.dispose()
    names = [n for n in args.scenarios.split(",") if n]
    if "sync" in names and not os.environ.get("DAFTAR_TEST_PG_URL"):
        print("sync: skipped (DAFTAR_TEST_PG_URL is not set)")
        names.remove("sync")
    started = time.perf_counter()
    total = survived = lost = 0
    for name in names:
        t = time.perf_counter()
        scenario = SCENARIOS[name](name, work, demo)
        failures: list[str] = []
        midway = 0
        for run in range(args.kills):
            scenario.runs = run
            job = scenario.job()
            job["journal"] = str(scenario.work / f"journal-{run}.txt")
            kill_once(name, scenario.school, job, rng)
            total += 1
            lines = journal_of(Path(job["journal"]))
            midway += bool(lines and lines[-1][0] == "intent") or (
                name == "migrate" and not lines)
            try:
                if name == "migrate":
                    scenario.check(lines)  # before the next start finishes the migration
                whole(scenario.school)
                if name != "migrate":
                    scenario.check(lines)
                survived += 1
            except Lost as e:
                lost += 1
                failures.append(f"kill {run}: {e}")
        try:
            scenario.finish()
        except Lost as e:
            lost += 1
            failures.append(f"at the end: {e}")
        print(f"{name}: {args.kills} kills ({midway} in the middle of an operation), "
              f"{args.kills - len(failures)} survived, data lost {len(failures)} "
              f"({time.perf_counter() - t:.0f} s)")
        for f in failures:
            print("   ", f)
    print(f"kill -9 soak: {total} kills in all, {survived} survived, data lost {lost}, "
          f"{time.perf_counter() - started:.0f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
