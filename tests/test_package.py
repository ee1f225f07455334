"""The built program (``./dev.sh package``: PyInstaller), run as an office PC would: no
Python, no source tree, no venv on its path.  ``./dev.sh test`` builds it first and names it
in ``DAFTAR_PACKAGE``; run alone without it, this test is skipped."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import desktop

BUILT = os.environ.get("DAFTAR_PACKAGE")
pytestmark = pytest.mark.skipif(not BUILT, reason="./dev.sh test builds the package first")


def run(program: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
             "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
             **env}
    return subprocess.run([str(program), *args], env=clean, cwd=home, capture_output=True,
                          text=True, timeout=300)


def test_the_built_program_opens_the_demo_prints_a_report_card_and_verifies_it(tmp_path):
    folder = Path(BUILT or "")
    program = folder / ("daftar.exe" if os.name == "nt" else "daftar")
    assert program.exists(), f"no built program in {folder}"
    inside = folder / "_internal"
    for part in ("resources/fonts/Vazirmatn-Regular.ttf", "translations/daftar_fa.qm",
                 "desktop/migrations/env.py", "tzdata"):
        assert (inside / part).exists(), part
    assert list(inside.glob("PySide6/Qt/plugins/platforms/*qoffscreen*"))
    assert list(inside.glob("PySide6/Qt/plugins/platforms/*qxcb*"))  # the office's display

    version = run(program, tmp_path, "--version")
    assert version.stdout.strip() == f"daftar {desktop.__version__}"
    school = tmp_path / "school.sqlite"
    demo = run(program, tmp_path, "--db", str(school), "demo")
    assert demo.returncode == 0, demo.stderr
    out = tmp_path / "card.pdf"
    printed = run(program, tmp_path, "--db", str(school), "print", "--kind", "report_card",
                  "--class", "دهم ریاضی", "--session", "DEY", "--out", str(out),
                  "--user", "clerk", DAFTAR_PASSWORD="daftar", DAFTAR_KEY_PASSPHRASE="daftar")
    assert printed.returncode == 0, printed.stderr
    pages = PdfReader(out).pages
    assert len(pages) == 40
    fonts = {f["/BaseFont"] for f in pages[0]["/Resources"]["/Font"].values()}
    assert any("Vazirmatn" in str(f) for f in fonts), fonts
    verified = run(program, tmp_path, "--db", str(school), "verify", str(out))
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.count("اصیل") == 40

    window = run(program, tmp_path, "--db", str(school), QT_QPA_PLATFORM="offscreen",
                 DAFTAR_EXIT_WHEN_READY="1", DAFTAR_BENCH_USER="principal",
                 DAFTAR_PASSWORD="daftar")
    assert window.returncode == 0, window.stderr
    assert "Traceback" not in window.stderr
