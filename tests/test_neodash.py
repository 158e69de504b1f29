"""The NeoDash dashboard shipped in docs/neodash: NeoDash 2.4's JSON shape, every report
query a saved query (Neo4j text) with NeoDash's parameters, every query accepted by
Neo4j's own Cypher linter. (NeoDash itself does not run here: no browser, no Neo4j.)"""

from __future__ import annotations

import json
import re
import runpy
import uuid
from pathlib import Path
from typing import Any

import pytest

from newsgraph.cli.cypher_check import validate_cypher
from newsgraph.cli.cypher_lint import find_node
from newsgraph.graph.query.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs" / "neodash"
DASHBOARD = FOLDER / "newsgraph-dashboard.json"
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
REPORT_TYPES = {"graph", "table", "bar", "line", "pie", "select", "text", "value", "map"}


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return data


def reports(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [report for page in dashboard["pages"] for report in page["reports"]]


def body(text: str) -> str:
    """A saved query without its header comments."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("//"))
    return "\n".join(lines[start:]).strip()


def as_saved(query: str) -> tuple[str, list[str]]:
    """A report query with NeoDash's numeric wrapping undone and every parameter
    replaced by ``$P``, plus the parameter names in order of use."""
    unwrapped = re.sub(r"toInteger\((\$\w+)\)", r"\1", query.strip())
    return PARAM.sub("$P", unwrapped), PARAM.findall(unwrapped)


def test_it_has_neodash_2_4_shape(dashboard: dict[str, Any]) -> None:
    assert dashboard["version"] == "2.4"
    assert isinstance(dashboard["title"], str) and dashboard["title"]
    uuid.UUID(dashboard["uuid"])
    settings = dashboard["settings"]
    assert settings["pagenumber"] == 0 and isinstance(settings["parameters"], dict)
    assert all(name.startswith("neodash_") for name in settings["parameters"])
    assert isinstance(dashboard["parameters"], dict)
    assert dashboard["pages"] and all(page["title"] for page in dashboard["pages"])
    keys = {"id", "title", "query", "width", "height", "x", "y", "type", "selection", "settings"}
    ids = set()
    for page in dashboard["pages"]:
        cells: set[tuple[int, int]] = set()
        for report in page["reports"]:
            assert keys <= report.keys(), report["title"]
            assert report["type"] in REPORT_TYPES
            ids.add(str(uuid.UUID(report["id"])))
            assert report["x"] >= 0 and report["x"] + report["width"] <= 24  # NeoDash's grid
            box = {(report["x"] + dx, report["y"] + dy)
                   for dx in range(report["width"]) for dy in range(report["height"])}  # fmt: skip
            assert not box & cells, f"{report['title']} overlaps another report"
            cells |= box
    assert len(ids) == len(reports(dashboard))


def test_every_report_runs_a_saved_query(dashboard: dict[str, Any]) -> None:
    registry = load_registry("neo4j")
    saved = {name: as_saved(body(registry.get(name).text)) for name in registry.names()}
    defaults = dashboard["settings"]["parameters"]
    used: set[str] = set()
    matched = []
    for report in reports(dashboard):
        text, names = as_saved(report["query"])
        used.update(n for n in names if n.startswith("neodash_"))
        if report["type"] == "select":
            assert names == ["input"] * len(names) and names  # NeoDash's own $input
            assert report["settings"]["parameterName"] in defaults
            continue
        same = [n for n, (saved_text, _) in saved.items() if saved_text == text]
        assert same, f"{report['title']}: not the text of any saved query (run build_dashboard.py)"
        mapping: dict[str, str] = {}
        for theirs, ours in zip(saved[same[0]][1], names, strict=True):
            assert mapping.setdefault(theirs, ours) == ours, f"{same[0]}: ${theirs} renamed twice"
        assert len(set(mapping.values())) == len(mapping), f"{same[0]}: two parameters merged"
        matched.append(same[0])
    assert len(matched) >= 6
    assert used <= defaults.keys(), used - defaults.keys()  # every parameter has a value


def test_the_shipped_file_is_what_the_builder_writes(dashboard: dict[str, Any]) -> None:
    builder = runpy.run_path(str(FOLDER / "build_dashboard.py"))
    assert builder["build"]() == dashboard, "run: python docs/neodash/build_dashboard.py"


@pytest.mark.skipif(find_node() is None, reason="no Node.js for Neo4j's Cypher linter")
def test_every_query_passes_neo4js_linter(dashboard: dict[str, Any], tmp_path: Path) -> None:
    paths = []
    for n, report in enumerate(reports(dashboard)):
        path = tmp_path / f"report_{n}.cypher"
        path.write_text(f"// title: {report['title']}\n// engine: neo4j\n{report['query']}",
                        encoding="utf-8")  # fmt: skip
        paths.append(path)
    problems = [p for p in validate_cypher(paths, use_cache=False) if p.is_error]
    assert not problems, "\n".join(map(str, problems))
    broken = tmp_path / "broken.cypher"
    broken.write_text("// title: b\n// engine: neo4j\nMATCH (n RETURN n\n", encoding="utf-8")
    assert [p for p in validate_cypher([broken], use_cache=False) if p.is_error]
