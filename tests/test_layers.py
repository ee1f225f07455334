"""DESIGN.md's layers: domain, models, services (and printing) never import Qt;
views never import the database layer (they call services)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "desktop"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def files_in(*packages: str) -> list[Path]:
    return [p for pkg in packages for p in (ROOT / pkg).rglob("*.py")]


@pytest.mark.parametrize("path", files_in("domain", "models", "services", "migrations"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_core_never_imports_qt(path):
    bad = {i for i in imports_of(path) if i.split(".")[0] in ("PySide6", "PyQt5", "PyQt6",
                                                              "shiboken6")}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", files_in("domain"), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_imports_no_database(path):
    bad = {i for i in imports_of(path) if i.split(".")[0] == "sqlalchemy"
           or "models" in i or "services" in i}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", files_in("views"), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_hold_no_session(path):
    bad = {i for i in imports_of(path)
           if i.split(".")[0] == "sqlalchemy" or i.startswith("..models.entities")}
    assert not bad, f"{path} imports {bad}"


def test_the_scan_sees_imports():
    # The checks above would pass vacuously if the scan found nothing.
    assert "PySide6.QtWidgets" in imports_of(ROOT / "views" / "main_window.py")
    assert "sqlalchemy" in imports_of(ROOT / "models" / "db.py")
