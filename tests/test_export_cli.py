"""``newsgraph export`` end to end on an embedded store of its own data folder."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from test_export_formats import run_fixture
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import open_store


@pytest.fixture
def data_dir(embedded_settings: Settings) -> Path:
    """An embedded data folder holding the small export graph."""
    store = open_store(embedded_settings)
    try:
        ensure_schema(store)
        run_fixture(store, "small_graph")
    finally:
        store.close()
    return embedded_settings.data_dir


def invoke(data_dir: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_export_neo4j_import_prints_the_command(data_dir: Path, tmp_path: Path) -> None:
    out = invoke(data_dir, "export", "--format", "neo4j-import", "--output", str(tmp_path / "i"))
    assert "neo4j-admin database import full" in out and "--array-delimiter=TAB" in out
    assert {p.name for p in (tmp_path / "i").iterdir()} == {
        "entities.csv", "documents.csv", "ingest_runs.csv", "relations.csv", "mentions.csv",
        "evidence.csv", "states.csv",
    }  # fmt: skip


def test_export_saved_query_graphml(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "sub.graphml"
    out = invoke(data_dir, "export", "-f", "graphml", "-o", str(path), "--query", "neighbourhood",
                 "--param", "id=company:tesla", "--param", "depth=1", "--json")  # fmt: skip
    assert json.loads(out)["edges"] == 3
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {"company:tesla", "place:china", "person:elon-musk"}


def test_bad_param_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--data-dir", str(data_dir), "export", "-f", "json", "-o", str(tmp_path / "x"),
              "--query", "neighbourhood", "--param", "id"],
    )  # fmt: skip
    assert result.exit_code != 0
    assert not (tmp_path / "x").exists()


def test_export_workers_option(data_dir: Path, tmp_path: Path) -> None:
    out = invoke(data_dir, "export", "-f", "neo4j-import", "-o", str(tmp_path / "i"),
                 "--workers", "4", "--json")  # fmt: skip
    assert json.loads(out)["workers"] == 1  # the small graph is one page: one process is enough
    bad = CliRunner().invoke(app, ["--data-dir", str(data_dir), "export", "-f", "neo4j-import",
                                   "-o", str(tmp_path / "j"), "--workers", "0"])  # fmt: skip
    assert bad.exit_code == 2 and "--workers" in bad.output
    assert not (tmp_path / "j").exists()
