"""The audit chain checked in one pass, in slices on two cores, and since a verified head
(issue 15, part 2): each tampering is found, at the same event, whichever way it is
checked.  Real SQLite files; the slices run in real worker processes."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.models.db import open_database
from desktop.services import audit
from desktop.services.context import PRINCIPAL_ACTOR

EVENTS = 3_000


def _build(path):
    db = open_database(path)
    with db.unit() as s:
        for i in range(EVENTS):
            audit.record(s, PRINCIPAL_ACTOR, "grade.set", "grade", f"1:{i % 97}:c1",
                         old=str(i % 20), new={"مقدار": f"{(i + 1) % 20}/۲۰"},
                         reason="اصلاح برگه" if i % 7 == 0 else None)
    return db


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("chain") / "trail.sqlite"
    _build(path).dispose()
    return path


@pytest.fixture(params=["one pass", "slices"])
def trail(request, template, tmp_path, monkeypatch):
    path = tmp_path / "trail.sqlite"
    path.write_bytes(template.read_bytes())
    # in parts from 1,000 events: parts of ~100 events taken by this process and a worker,
    # joined on their boundary hashes; one pass: never
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1_000 if request.param == "slices" else 10**9)
    monkeypatch.setattr(audit, "PART", 100)
    db = open_database(path)
    yield db, path
    db.dispose()


def _sql(path, *statements):
    con = sqlite3.connect(path)
    for statement, *params in statements:
        con.execute(statement, params)
    con.commit()
    con.close()


def test_an_intact_trail_passes_whole(trail):
    db, _ = trail
    assert audit.verify(db) == audit.Verdict(True, EVENTS)


@pytest.mark.parametrize("event", [1, 1_499, 1_500, 1_501, 2_999, EVENTS])
def test_an_edit_anywhere_is_named(trail, event):
    db, path = trail
    _sql(path, ("UPDATE audit_event SET new = '\"20\"' WHERE id = ?", event))
    assert audit.verify(db) == audit.Verdict(False, event - 1, event, "edited")


def test_an_edited_time_is_named(trail):
    db, path = trail
    _sql(path, ("UPDATE audit_event SET at = '2026-11-22 09:00:00' WHERE id = 2000",))
    assert audit.verify(db) == audit.Verdict(False, 1_999, 2_000, "edited")


def test_an_edited_link_alone_is_named(trail):
    db, path = trail
    _sql(path, ("UPDATE audit_event SET prev_hash = ? WHERE id = 1600", "f" * 64))
    assert audit.verify(db) == audit.Verdict(False, 1_599, 1_600, "unlinked")


@pytest.mark.parametrize("event", [1, 1_500, 1_501, 2_000])
def test_a_deleted_event_is_named_at_the_next(trail, event):
    db, path = trail
    _sql(path, ("DELETE FROM audit_event WHERE id = ?", event))
    assert audit.verify(db) == audit.Verdict(False, event - 1, event + 1, "unlinked")


def test_swapped_events_are_named(trail):
    db, path = trail
    _sql(path, ("UPDATE audit_event SET id = -1 WHERE id = 1400",),
         ("UPDATE audit_event SET id = 1400 WHERE id = 1700",),
         ("UPDATE audit_event SET id = 1700 WHERE id = -1",))
    assert audit.verify(db) == audit.Verdict(False, 1_399, 1_400, "unlinked")


def test_a_cut_tail_is_named(trail):
    db, path = trail
    _sql(path, ("DELETE FROM audit_event WHERE id > 2500",))
    assert audit.verify(db) == audit.Verdict(False, 2_500, None, "head")


def test_a_cut_tail_with_its_head_rewritten_still_fails_on_the_count(trail):
    db, path = trail
    con = sqlite3.connect(path)
    (last,) = con.execute("SELECT hash FROM audit_event WHERE id = 2500").fetchone()
    con.close()
    _sql(path, ("DELETE FROM audit_event WHERE id > 2500",),
         ("UPDATE audit_head SET last_hash = ?", last))
    assert audit.verify(db) == audit.Verdict(False, 2_500, None, "head")


# --- since the last verified head (the window's start) ---------------------------------

def _more(db, n):
    with db.unit() as s:
        for i in range(n):
            audit.record(s, PRINCIPAL_ACTOR, "grade.set", "grade", f"2:{i}:c1", old=None,
                         new=str(i % 20))


def test_since_a_head_checks_only_the_new_events(trail):
    db, _ = trail
    seen = audit.checkpoint(db)
    assert seen == audit.Checkpoint(EVENTS, seen.hash, EVENTS)
    _more(db, 25)
    assert audit.verify(db, since=seen) == audit.Verdict(True, EVENTS + 25)
    assert audit.verify(db, since=audit.checkpoint(db)) == audit.Verdict(True, EVENTS + 25)


@pytest.mark.parametrize(("statement", "verdict"), [
    # a new event edited
    ("UPDATE audit_event SET new = '\"0\"' WHERE id = 3010",
     audit.Verdict(False, 3_009, 3_010, "edited")),
    # the verified head's own event edited, or removed
    ("UPDATE audit_event SET actor = 'x' WHERE id = 3000",
     audit.Verdict(False, 0, 3_000, "edited")),
    ("DELETE FROM audit_event WHERE id = 3000", audit.Verdict(False, 0, 3_000, "unlinked")),
    # a new event removed, the new tail cut
    ("DELETE FROM audit_event WHERE id = 3005", audit.Verdict(False, 3_004, 3_006, "unlinked")),
    ("DELETE FROM audit_event WHERE id > 3020", audit.Verdict(False, 3_020, None, "head")),
    # the head moved back over a cut tail
    ("UPDATE audit_head SET events = events - 1", audit.Verdict(False, 3_025, None, "head")),
])
def test_since_a_head_finds_tampering(trail, statement, verdict):
    db, path = trail
    seen = audit.checkpoint(db)
    _more(db, 25)
    _sql(path, (statement,))
    assert audit.verify(db, since=seen) == verdict
    assert not audit.verify(db).ok  # and the whole check agrees


def test_an_old_event_deleted_is_the_whole_checks_to_find(trail):
    db, path = trail
    seen = audit.checkpoint(db)
    _sql(path, ("DELETE FROM audit_event WHERE id = 10",))
    assert audit.verify(db, since=seen).ok  # the start looks only past its head
    assert audit.verify(db) == audit.Verdict(False, 9, 11, "unlinked")


# --- the window's start -----------------------------------------------------------------

def test_the_window_checks_the_trail_at_start_and_warns_of_tampering(demo_db, qtbot,
                                                                     monkeypatch):
    from desktop.services import settings
    from desktop.services.auth import login
    from desktop.views import office_menu
    from desktop.views.main_window import MainWindow

    warned: list[str] = []
    monkeypatch.setattr(office_menu, "warn", lambda _p, text: warned.append(text))
    monkeypatch.setattr(office_menu.OfficeMenu, "back_up", lambda self, automatic=False: None)

    def start() -> audit.Verdict:
        window = MainWindow(demo_db, login(demo_db, "principal", "daftar"))
        qtbot.addWidget(window)
        window.office.start_automatic()
        # wait on the state the window keeps, not on a signal connected after the worker
        # started (a worker done first emits to nobody: the test timed out now and then)
        qtbot.waitUntil(lambda: window.office.audit_verdict is not None, timeout=20_000)
        window.close()
        return window.office.audit_verdict

    assert settings.audit_checkpoint(demo_db.url) is None
    first = start()  # the whole trail, the first time on this PC
    assert first.ok and first.checked > 100 and not warned
    seen = settings.audit_checkpoint(demo_db.url)
    assert seen is not None and seen["events"] >= first.checked
    second = start()  # since that head: the sign-in of the second window and nothing else
    assert second.ok and second.checked > seen["events"]

    seen = settings.audit_checkpoint(demo_db.url)
    assert seen["events"] == second.checked
    _sql(demo_db.path, ("UPDATE audit_event SET reason = 'x' WHERE id = ?", seen["id"]))
    third = start()
    assert not third.ok and third.problem == "edited" and third.broken_at == seen["id"]
    assert settings.audit_checkpoint(demo_db.url) == seen  # a failed check moves nothing
    assert warned and "دست‌کاری" in warned[-1]


def test_a_worker_that_cannot_start_leaves_its_parts_to_this_process(template, tmp_path,
                                                                     monkeypatch, caplog):
    """A spawned worker imports this process's main module; one that is gone kills it at
    start: its parts are checked here, with the same verdict, the tampered event named."""
    import sys

    path = tmp_path / "trail.sqlite"
    path.write_bytes(template.read_bytes())
    _sql(path, ("UPDATE audit_event SET new = '\"20\"' WHERE id = 2900",))  # a worker's part
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1_000)
    monkeypatch.setattr(audit, "PART", 100)
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "__spec__", None, raising=False)
    monkeypatch.setattr(main, "__file__", str(tmp_path / "gone.py"), raising=False)
    db = open_database(path)
    try:
        assert audit.verify(db) == audit.Verdict(False, 2_899, 2_900, "edited")
    finally:
        db.dispose()
    assert "a worker failed" in caplog.text
