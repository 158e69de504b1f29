"""copy: FalkorDB to a second graph of the session server (always), and to Neo4j (with a URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NEO4J_URL
from test_export_formats import assert_dates_are_dates, cypher_counts, run_fixture
from test_export_query import PARAMS, QUERY, returned

from newsgraph.graph.export.copy import copy_graph
from newsgraph.graph.export.networkx import export_to, saved_query_subgraph, to_networkx
from newsgraph.graph.export.read import EdgeBatch, NodeBatch, full_batches
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.stores import FalkorDBStore, GraphStore, Neo4jStore, ServerInfo


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The session FalkorDB with the small export graph written in."""
    run_fixture(falkordb_store, "small_graph")
    return falkordb_store


@pytest.fixture
def second_graph(falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """Another, empty graph on the session server."""
    name = f"copy_{uuid.uuid4().hex[:12]}"
    target = FalkorDBStore(
        graph=name, url=f"test:{name}", unix_socket=falkordb_server.unix_socket,
        port=falkordb_server.port or 0, persist_snapshots=False,
    )  # fmt: skip
    yield target
    target.delete_graph()
    target.close()


def snapshot(store: GraphStore) -> tuple[dict, dict]:
    """Every node (labels, properties) and relationship (properties) by key."""
    nodes: dict = {}
    edges: dict = {}
    for batch in full_batches(store, page_size=2):
        for row in batch.rows:
            if isinstance(batch, NodeBatch):
                nodes[row["id"]] = (sorted(row["labels"]), row["properties"])
            elif isinstance(batch, EdgeBatch):
                edges[(row["source"], row["type"], row["target"])] = row["properties"]
    return nodes, edges


def assert_same_graph(source: GraphStore, target: GraphStore) -> None:
    assert snapshot(target) == snapshot(source)
    assert cypher_counts(target) == cypher_counts(source)
    assert assert_dates_are_dates(target) == assert_dates_are_dates(source)  # still dates


def test_copy_falkordb_to_falkordb(store: GraphStore, second_graph: FalkorDBStore) -> None:
    report = copy_graph(store, second_graph, page_size=2)
    counts = cypher_counts(store)
    assert report.nodes == counts["nodes"] == 13  # 5 evidence records
    assert report.relationships == counts["relationships"] == 14  # 5 STATES
    assert_same_graph(store, second_graph)


def test_copy_twice_changes_nothing(store: GraphStore, second_graph: FalkorDBStore) -> None:
    copy_graph(store, second_graph)
    first = snapshot(second_graph)
    copy_graph(store, second_graph, page_size=3)
    assert snapshot(second_graph) == first
    assert cypher_counts(second_graph) == cypher_counts(store)


def test_copy_and_import_a_saved_query_subgraph(
    store: GraphStore, tmp_path: Path, second_graph: GraphStore
) -> None:
    nodes, edges = returned(store)
    result = export_to(store, "neo4j-import", tmp_path / "imp", query=QUERY, params=PARAMS)
    assert (result.nodes, result.edges) == (len(nodes), len(edges))
    report = copy_graph(store, second_graph, saved_query_subgraph(store, QUERY, PARAMS).batches)
    assert (report.nodes, report.relationships) == (len(nodes), len(edges))
    copied = to_networkx(second_graph)
    assert set(copied.nodes) == nodes
    assert {(u, k, v) for u, v, k in copied.edges(keys=True)} == edges


@pytest.mark.neo4j
@pytest.mark.skipif(not NEO4J_URL, reason="NEWSGRAPH_TEST_NEO4J_URL not set")
def test_copy_falkordb_to_neo4j(store: GraphStore) -> None:
    target = Neo4jStore(
        NEO4J_URL,
        user=os.environ.get("NEWSGRAPH_TEST_NEO4J_USER", "neo4j"),
        password=os.environ.get("NEWSGRAPH_TEST_NEO4J_PASSWORD", "newsgraph"),
        database=os.environ.get("NEWSGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
    )
    delete_all = target.library.get("admin/delete_all").text
    try:
        target.write([(delete_all, {})])
        ensure_schema(target)
        copy_graph(store, target, page_size=2)
        copy_graph(store, target)  # idempotent
        assert_same_graph(store, target)
    finally:
        target.write([(delete_all, {})])
        target.close()
