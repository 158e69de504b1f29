"""A saved query's subgraph: exactly the nodes and edges the query returns, in every export."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from test_export_formats import run_fixture

from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.query.results import to_graph
from newsgraph.graph.stores import GraphStore

QUERY, PARAMS = "neighbourhood", {"id": "company:tesla", "depth": 1}


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The session FalkorDB with the small export graph written in."""
    run_fixture(falkordb_store, "small_graph")
    return falkordb_store


def returned(store: GraphStore) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Entity ids and (start id, type, end id) of what the saved query itself returns."""
    page = load_registry(store.engine).run(store, QUERY, PARAMS, row_cap=1000, timeout_ms=10_000)
    found = to_graph(page)
    ids = {n["element_id"]: n["id"] for n in found["nodes"]}
    edges = {(ids[e["start"]], e["type"], ids[e["end"]]) for e in found["edges"]}
    return set(ids.values()), edges


def test_subgraph_is_what_the_query_returns(store: GraphStore) -> None:
    nodes, edges = returned(store)
    assert nodes == {"company:tesla", "place:china", "person:elon-musk"}
    graph = to_networkx(store, QUERY, PARAMS)
    assert set(graph.nodes) == nodes
    assert {(u, k, v) for u, v, k in graph.edges(keys=True)} == edges
    assert graph.nodes["company:tesla"]["aliases"][0] == "Tesla"
    assert graph["person:elon-musk"]["company:tesla"]["LEADS"]["evidence_count"] == 3
    assert graph.graph["truncated"] is False


def test_subgraph_params_as_text(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "sub.json"
    text = {"id": "company:tesla", "depth": "1"}  # as a command line or URL gives them
    export_to(store, "json", path, query=QUERY,
              params=load_registry(store.info.engine).get(QUERY).parse_text(text))  # fmt: skip
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    nodes, edges = returned(store)
    assert set(back.nodes) == nodes
    assert {(u, k, v) for u, v, k in back.edges(keys=True)} == edges
