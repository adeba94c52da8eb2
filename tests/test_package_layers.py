"""The core packages form layers: none imports one that (directly or not) imports it back."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "werkstijl"


def _imports() -> dict[str, set[str]]:
    """Top-level part of werkstijl (package or module) -> the other parts it imports, anywhere
    in its code (lazy imports inside functions count too)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for file in PACKAGE.rglob("*.py"):
        part = file.relative_to(PACKAGE).with_suffix("").parts[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "werkstijl" and len(pieces) > 1 and pieces[1] != part:
                    graph[part].add(pieces[1])
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


SHELLS = {"ui", "web", "cli", "__main__"}  # the thin shells on top (Streamlit, HTTP, CLI)


def test_no_core_package_imports_one_that_imports_it_back() -> None:
    graph = {
        part: {other for other in imported if other not in SHELLS}
        for part, imported in _imports().items()
        if part not in SHELLS
    }
    cycles = sorted(part for part in graph if part in _reachable(graph, part))
    assert cycles == [], f"import cycles through: {cycles} ({dict(graph)})"


def test_the_yaml_reader_sits_below_content_and_report() -> None:
    graph = _imports()
    assert graph["yamlsrc"] <= set(), graph["yamlsrc"]
    assert "yamlsrc" in graph["content"] and "yamlsrc" in graph["report"]
    assert "report" not in _reachable(graph, "content")


def test_the_http_shell_does_not_reach_into_the_streamlit_pages() -> None:
    assert "ui" not in _imports()["web"]
