"""The store's door: no module outside ``graph/stores/`` names a concrete store class,
and :class:`GraphStore` stays small."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from newsgraph.graph.stores import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CONCRETE = {"FalkorDBStore", "Neo4jStore", "EmbeddedServer"}
"""The classes only ``graph/stores/`` may name."""
FOLDERS = ("graph", "ingest", "api", "cli", "bench", "newsgraph", "examples", "tools")
"""Every folder of code that ships or measures (tests build stores themselves)."""


def _concrete_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            found += [f"{path}:{node.lineno} imports {n}" for n in names if n in CONCRETE]
            module = node.module or ""
            if module.endswith((".falkordb_store", ".neo4j_store", ".falkordb_server")):
                found.append(f"{path}:{node.lineno} imports from {module}")
        elif isinstance(node, ast.Import):
            found += [f"{path}:{node.lineno} imports {a.name}" for a in node.names
                      if a.name.endswith((".falkordb_store", ".neo4j_store"))]  # fmt: skip
        elif isinstance(node, ast.Attribute) and node.attr in CONCRETE:
            found.append(f"{path}:{node.lineno} names {node.attr}")
        elif "connect_args" in (getattr(node, "attr", None), getattr(node, "value", None)):
            found.append(f"{path}:{node.lineno} sniffs connect_args")
    return found


def test_no_module_outside_the_stores_names_a_concrete_store() -> None:
    stores = ROOT / "graph" / "stores"
    files = [p for folder in FOLDERS if (ROOT / folder).is_dir()
             for p in sorted((ROOT / folder).rglob("*.py"))
             if stores not in p.parents and ".venv" not in p.parts]  # fmt: skip
    assert len(files) > 50  # the scan sees the code, not an empty folder
    offenders = [line for path in files for line in _concrete_uses(path)]
    assert offenders == []


def test_the_scan_finds_a_concrete_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from newsgraph.graph.stores import FalkorDBStore, open_store\n"
                      "x = getattr(store, 'connect_args', None)\n")  # fmt: skip
    assert len(_concrete_uses(sample)) == 2


def test_graph_store_has_at_most_eight_public_members() -> None:
    own = {name for name, _ in inspect.getmembers(GraphStore) if not name.startswith("_")}
    own |= {name for name in getattr(GraphStore, "__annotations__", {}) if not name.startswith("_")}
    assert own == {"info", "run", "run_async", "read_pages", "write", "write_batches",
                   "persist", "close"}  # fmt: skip
    assert len(own) <= 8
