"""Every string the window shows is translated to Persian; English only when asked."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "translations" / "daftar_fa.ts"


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def test_the_ts_file_covers_every_string_in_the_code_and_is_finished(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted((ROOT / "desktop" / "views").glob("*.py"))]
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    in_code = set(messages(fresh))
    committed = messages(TS)
    assert in_code, "lupdate found no strings: the check would be empty"
    missing = in_code - set(committed)
    assert not missing, f"run lupdate and translations/fill_fa.py: {sorted(missing)}"
    unfinished = [k for k in in_code if committed[k] is None or not (committed[k].text or "")
                  or committed[k].get("type") in ("unfinished", "vanished", "obsolete")]
    assert not unfinished, unfinished


def test_persian_translations_are_persian():
    for (_ctx, source), tr in messages(TS).items():
        text = tr.text or ""
        assert any("\u0600" <= ch <= "\u06ff" for ch in text) or source in (
            "Daftar — {school}", "{name} ({role})"), (source, text)


def test_english_only_when_asked(qtbot, demo_db):
    from desktop.app import install_translators
    from desktop.views.main_window import MainWindow

    app = QApplication.instance()
    install_translators(app, "fa")
    install_translators(app, "en")
    try:
        w = MainWindow(demo_db)
        qtbot.addWidget(w)
        assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert w.tabs.tabText(0) == "Students"
    finally:
        install_translators(app, "fa")
    w2 = MainWindow(demo_db)
    qtbot.addWidget(w2)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert w2.tabs.tabText(0) == "دانش‌آموزان"


def test_qm_is_built_by_the_install_step():
    assert (ROOT / "translations" / "daftar_fa.qm").exists(), "run ./dev.sh install"
    assert shutil.which("pyside6-lrelease") or Path(sys.executable).with_name(
        "pyside6-lrelease").exists()
