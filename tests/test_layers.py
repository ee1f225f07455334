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


# --- the whole house, by import-linter and by the import graph ------------------------

REPO = ROOT.parent


def _lint_imports(cwd: Path, *args: str):
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(tool), "--no-cache", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_the_layer_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: desktop's floors, the command line's,
    domain without Qt or database, central without Qt or the office program, central's
    floors and the independence of its parts."""
    done = _lint_imports(REPO)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 7 kept, 0 broken." in done.stdout


def test_the_contract_tool_catches_an_import_up_the_floors(tmp_path):
    """The same tool, on a two-floor package whose lower floor imports the upper one."""
    pkg = tmp_path / "house"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "high.py").write_text("from . import low\n")
    (pkg / "low.py").write_text("from . import high\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = house\n\n[importlinter:contract:floors]\n"
        "name = floors\ntype = layers\nlayers =\n    house.high\n    house.low\n")
    done = _lint_imports(tmp_path)
    assert done.returncode == 1 and "house.low -> house.high" in done.stdout, done.stdout


def test_no_import_circle_in_desktop_or_central():
    """No module reaches itself through imports (those under TYPE_CHECKING count too)."""
    import grimp

    graph = grimp.build_graph("desktop", "central")
    ours = [m for m in graph.modules if m.split(".")[0] in ("desktop", "central")]
    edges = {m: [d for d in graph.find_modules_directly_imported_by(m) if d in graph.modules]
             for m in ours}
    circles = _strongly_connected(edges)
    assert circles == [], circles


def _strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's components with more than one module (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges.get(root, [])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(edges.get(child, []))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    comp.append(member)
                    if member == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_the_circle_finder_finds_a_circle():
    assert _strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [
        ["a", "b", "c"]]
    assert _strongly_connected({"a": ["b"], "b": []}) == []
