"""Text flows one way (README, Development): each room imports only the rooms below it.

graph/ knows nothing of spaCy, HTTP or the command line; ingest/ and api/ sit on graph/
and not on each other; cli/ assembles them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ALLOWED = {
    "graph": {"graph"},
    "ingest": {"graph", "ingest"},
    "api": {"graph", "api"},
    "cli": {"graph", "ingest", "api", "cli"},
}


def _rooms_imported(path: Path) -> set[str]:
    rooms: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])  # fmt: skip
        for name in names:
            parts = name.split(".")
            if parts[0] == "newsgraph" and len(parts) > 1 and parts[1] in ALLOWED:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_each_room_imports_only_the_rooms_below_it(room: str) -> None:
    wrong = {
        str(path.relative_to(REPO)): sorted(found - ALLOWED[room])
        for path in (REPO / room).rglob("*.py")
        if (found := _rooms_imported(path)) - ALLOWED[room]
    }
    assert wrong == {}


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from newsgraph.cli.main import main\nimport newsgraph.api.app\n")
    assert _rooms_imported(module) == {"cli", "api"}
