"""The module map in the README is the code's: every module is listed, and imports only point down.

README.md lists the modules of macros/kennisplein/ in rows from top to bottom (under the marker
`<!-- modules: van boven naar beneden -->`). A module may import modules of lower rows only;
the package `downloads/` counts as one module for the others, and inside it imports form no
cycle. Nothing in the repository refers to a path outside it.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT
from kennisplein.paths import PACKAGE

MARKER = "<!-- modules: van boven naar beneden -->"
ENTRY_POINTS = {"__init__", "__main__"}  # what Python runs: may import anything


def readme_rows(text: str) -> list[set[str]]:
    """The module names of each row of the README's module table, top row first."""
    table = text[text.index(MARKER):].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return [{name.removesuffix(".py").rstrip("/") for name in re.findall(r"`([a-z_]+(?:\.py|/))`", row.split(" | ")[0])}
            for row in rows]


def unit(path: Path) -> str:
    """The module a file belongs to, as the README names it ('downloads' for the package)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports(path: Path) -> set[tuple[str, ...]]:
    """The package modules a file imports, as paths inside the package ('downloads', 'faces')."""
    here = list(path.relative_to(PACKAGE).parent.parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[:len(here) - node.level + 1]
            if node.module:
                found.add(tuple(base + node.module.split(".")))
            else:
                found.update(tuple(base + [alias.name]) for alias in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found.update(tuple(n.split(".")[1:]) for n in names if n and n.split(".")[0] == "kennisplein")
    return {f for f in found if f}


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        edges.setdefault(unit(path), set()).update(target[0] for target in imports(path) if target[0] != unit(path))
    return edges


def layer_problems(rows: list[set[str]], edges: dict[str, set[str]]) -> list[str]:
    row_of = {name: index for index, row in enumerate(rows) for name in row}
    problems = [f"{name} is not in the README's module table" for name in sorted(edges.keys() - row_of.keys() - ENTRY_POINTS)]
    problems += [f"the README lists {name}, which does not exist" for name in sorted(row_of.keys() - edges.keys())]
    for name, targets in sorted(edges.items()):
        if name in ENTRY_POINTS or name not in row_of:
            continue
        for target in sorted(targets):
            if target in row_of and row_of[target] <= row_of[name]:
                problems.append(f"{name} (row {row_of[name] + 1}) imports {target} (row {row_of[target] + 1}): imports point down")
    return problems


def test_every_module_is_imported_only_from_above():
    rows = readme_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(rows) > 10
    assert layer_problems(rows, graph()) == []


def test_the_layer_check_finds_an_import_that_points_up():
    edges = {"pages": {"records"}, "records": {"pages"}}
    assert layer_problems([{"pages"}, {"records"}], edges) == [
        "records (row 2) imports pages (row 1): imports point down"]
    assert layer_problems([{"pages"}], edges) == ["records is not in the README's module table"]


def test_the_downloads_package_has_no_cycle_inside():
    package = PACKAGE / "downloads"
    edges = {path.stem: {t[1] for t in imports(path) if len(t) > 1 and t[0] == "downloads" and t[1] != path.stem}
             for path in package.glob("*.py")}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join(trail + (name,))
        if name in done:
            return
        for target in edges.get(name, ()):
            visit(target, trail + (name,))
        done.add(name)

    for name in edges:
        visit(name, ())


def test_nothing_in_the_repository_refers_to_a_path_outside_it():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    outside = re.compile(r"\.\./shared|/wor[k]/|\.\./\.library")  # [k]: so it does not find itself
    found = [name for name in tracked if (ROOT / name).is_file() and not name.startswith("brondocumenten/")
             and outside.search((ROOT / name).read_text(encoding="utf-8", errors="ignore"))]
    assert found == []
