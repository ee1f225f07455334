"""The central server installs and runs without Qt (issue 15, part 4).

A fresh venv, ``pip install -e .[central]`` (the Qt-free core and the server's own
packages), then ``daftar-central init``, a school, ``serve`` on loopback and the status
route, the public page and a verification answer over real HTTP; PySide6 and shiboken6
are neither installed nor importable there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.postgres


def test_server_installs_and_runs_without_qt(tmp_path: Path, pg_url: str) -> None:
    venv = tmp_path / "server"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    done = subprocess.run([str(py), "-m", "pip", "install", "-q", "-e", f"{ROOT}[central]"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    listed = subprocess.run([str(py), "-m", "pip", "list", "--format", "json"],
                            capture_output=True, text=True, check=True).stdout
    names = {p["name"].lower() for p in json.loads(listed)}
    assert {"fastapi", "sqlalchemy", "reportlab", "psycopg"} <= names
    assert not {n for n in names if n.startswith(("pyside6", "shiboken6"))}, names
    probe = subprocess.run([str(py), "-c", (
        "import importlib.util, sys\n"
        "import central.api, central.cli, central.web, central.records, central.repairs\n"
        "assert importlib.util.find_spec('PySide6') is None\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")],
        capture_output=True, text=True, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]"

    cli = venv / "bin" / "daftar-central"
    env = dict(os.environ, DAFTAR_CENTRAL_DB=pg_url)
    env.pop("PYTHONPATH", None)
    assert subprocess.run([str(cli), "init"], env=env, cwd=tmp_path,
                          capture_output=True).returncode == 0
    added = subprocess.run([str(cli), "school", "add", "12345678", "دبیرستان نمونه",
                            "--province", "تهران", "--district", "منطقه ۶"],
                           env=env, cwd=tmp_path, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr

    from tests.central_rig import free_port

    port = free_port()
    server = subprocess.Popen([str(cli), "serve", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        status = None
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/v1/status", timeout=2) as r:
                    status = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.1)
        assert status is not None, server.stderr.read1().decode() if server.stderr else ""
        assert len(status["central_keys"]) == 1 and status["deadlines"]
        with urllib.request.urlopen(base + "/", timeout=5) as r:
            page = r.read().decode()
        assert 'dir="rtl"' in page
        with urllib.request.urlopen(base + "/v1/verify/12345678901234567890", timeout=5) as r:
            answer = json.loads(r.read())
        assert answer["status"] in {"unknown", "invalid"}
    finally:
        server.terminate()
        server.wait(10)
