"""``GET /export`` streams each format; read back with networkx and zipfile."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from test_export_formats import cypher_counts, run_fixture

from newsgraph.api.app import create_app
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore


@pytest.fixture
def client(falkordb_store: GraphStore) -> TestClient:
    """The API over the small export graph."""
    run_fixture(falkordb_store, "small_graph")
    return TestClient(create_app(Settings(), store=falkordb_store))


def test_export_route_is_mounted_and_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/export" in schema["paths"]


def test_graphml_download(client: TestClient, falkordb_store: GraphStore, tmp_path: Path) -> None:
    with client:
        response = client.get("/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert response.headers["x-truncated"] == "false"
    (tmp_path / "g.graphml").write_bytes(response.content)
    graph = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert graph.number_of_edges() == cypher_counts(falkordb_store)["relations"]


def test_saved_query_json(client: TestClient) -> None:
    with client:
        params = {"format": "json", "query": "neighbourhood", "param": ["id=company:tesla"]}
        response = client.get("/export", params=params)
    assert response.status_code == 200
    graph = nx.node_link_graph(json.loads(response.content), edges="edges")
    assert set(graph.nodes) == {"company:tesla", "place:china", "person:elon-musk"}


def test_neo4j_import_zip(client: TestClient) -> None:
    with client:
        response = client.get("/export", params={"format": "neo4j-import"})
    assert response.status_code == 200
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert {"entities.csv", "relations.csv", "mentions.csv"} <= names


def test_errors_use_the_json_shape(client: TestClient) -> None:
    with client:
        unknown = client.get("/export", params={"format": "json", "query": "no_such_query"})
        bad = client.get("/export", params={"format": "json", "query": "neighbourhood",
                                            "param": "id"})  # fmt: skip
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_query"
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_parameter"
