"""What a clerk is told when the network fails, the log behind it, the one dialog for an
unexpected error and the diagnostic report.  Real sockets: a closed port, and the fault
proxy in front of the real central server cutting or resetting connections."""

from __future__ import annotations

import logging
import re
import socket
import sys

import pytest

from desktop.services import logs, sync
from tests.central_rig import FaultProxy

LIBRARY_NAMES = re.compile(r"(Error|Exception|Timeout|httpx|Traceback)")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_network_failures_are_told_in_persian_and_the_library_names_go_to_the_log(
        enrolled, central):
    logs.setup()
    said = {}
    unreachable = sync.remote_for(enrolled, timeout=2,
                                  server=f"http://127.0.0.1:{closed_port()}")
    said["closed"] = sync.run(enrolled, unreachable).failure
    proxy = FaultProxy(central.port)
    try:
        for fault in ("reset", "drop", "stall", "500"):
            proxy.script.clear()
            proxy.script.extend([fault] * 20)
            remote = sync.remote_for(enrolled, timeout=1.5, server=proxy.url)
            said[fault] = sync.run(enrolled, remote, force=True).failure
    finally:
        proxy.close()
    for fault, message in said.items():
        assert message, fault
        assert not LIBRARY_NAMES.search(message), (fault, message)
        assert str(logs.log_path()) in message, (fault, message)
    assert "وصل نشد" in said["closed"] and "سرور مرکزی" in said["closed"]
    assert "قطع شد" in said["reset"] or "وصل نشد" in said["reset"]
    assert "قطع شد" in said["drop"]
    assert "در زمان مقرر" in said["stall"]
    assert "۵۰۰" in said["500"]
    logged = "\n".join(logs.last_lines(400))
    assert "ConnectError" in logged
    assert "RemoteProtocolError" in logged or "ReadError" in logged
    assert "ReadTimeout" in logged and "HTTP 500" in logged


def test_an_unexpected_error_is_logged_and_shown_once(monkeypatch, qtbot):
    from desktop.views import crash

    shown: list[str] = []

    def show(text: str) -> None:
        shown.append(text)
        # a second failure while the dialog is up: logged, no second dialog
        try:
            raise KeyError("again")
        except KeyError:
            crash.on_unhandled(*sys.exc_info())  # type: ignore[arg-type]

    monkeypatch.setattr(crash, "show_error", show)
    logs.setup()
    try:
        raise ZeroDivisionError("in a slot")
    except ZeroDivisionError:
        crash.on_unhandled(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1 and str(logs.log_path()) in shown[0]
    tail = "\n".join(logs.last_lines(60))
    assert "ZeroDivisionError: in a slot" in tail and "KeyError: 'again'" in tail


def test_the_diagnostic_report_has_versions_paths_and_the_log_but_no_names_or_grades(
        demo_db, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop import __version__
    from desktop.services.auth import login
    from desktop.services.students import search_students
    from desktop.views.main_window import MainWindow

    logs.setup()
    logging.getLogger("daftar.test").info("a line the report ends with")
    window = MainWindow(demo_db, login(demo_db, "principal", "daftar"))
    qtbot.addWidget(window)
    report = window.office.copy_report()
    assert QApplication.clipboard().text() == report
    assert f"Daftar {__version__}" in report and "PySide6" in report
    assert str(logs.log_path()) in report and demo_db.url in report
    assert report.rstrip().endswith("a line the report ends with")
    students = search_students(demo_db, "")
    assert not any(st.last_name in report or (st.national_code or "-") in report
                   for st in students)


@pytest.fixture(autouse=True)
def _own_log_folder(tmp_path, monkeypatch):
    """Each test logs into its own folder (the real one is the user's)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger("daftar")
    for h in [h for h in root.handlers if getattr(h, "daftar", False)]:
        root.removeHandler(h)
        h.close()
    yield
    for h in [h for h in root.handlers if getattr(h, "daftar", False)]:
        root.removeHandler(h)
        h.close()
