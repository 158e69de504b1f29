"""Shared fixtures: a real embedded FalkorDB for the session, a fresh graph per test.

``any_store`` runs a test against every engine available: the embedded
FalkorDB always, and Neo4j when ``NEWSGRAPH_TEST_NEO4J_URL`` is set (for
example after ``docker compose up neo4j``; user and password from
``NEWSGRAPH_TEST_NEO4J_USER``/``NEWSGRAPH_TEST_NEO4J_PASSWORD``, default
``neo4j``/``newsgraph``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import EmbeddedServer, FalkorDBStore, GraphStore, Neo4jStore, ServerInfo
from newsgraph.ingest.pipeline import build_nlp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEO4J_URL = os.environ.get("NEWSGRAPH_TEST_NEO4J_URL", "")


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    """One embedded FalkorDB server for the whole test session."""
    server = EmbeddedServer(tmp_path_factory.mktemp("falkordb"))
    info = server.start(pin=True)
    yield info
    server.stop()


def _falkordb_store(info: ServerInfo, graph: str) -> FalkorDBStore:
    return FalkorDBStore(
        graph=graph, url=f"test:{graph}", unix_socket=info.unix_socket, port=info.port or 0
    )


@pytest.fixture
def falkordb_store(falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """A store on its own, empty graph of the session server (schema applied)."""
    store = _falkordb_store(falkordb_server, f"test_{uuid.uuid4().hex[:12]}")
    ensure_schema(store)
    yield store
    store.delete_graph()
    store.close()


def _neo4j_store() -> Neo4jStore:
    store = Neo4jStore(
        NEO4J_URL,
        user=os.environ.get("NEWSGRAPH_TEST_NEO4J_USER", "neo4j"),
        password=os.environ.get("NEWSGRAPH_TEST_NEO4J_PASSWORD", "newsgraph"),
        database=os.environ.get("NEWSGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
    )
    store.write([(store.library.get("admin/delete_all").text, {})])
    ensure_schema(store)
    return store


@pytest.fixture(
    params=[
        "falkordb",
        pytest.param(
            "neo4j",
            marks=[
                pytest.mark.neo4j,
                pytest.mark.skipif(not NEO4J_URL, reason="NEWSGRAPH_TEST_NEO4J_URL not set"),
            ],
        ),
    ]
)
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The same test on every engine available."""
    if request.param == "falkordb":
        yield request.getfixturevalue("falkordb_store")
        return
    store = _neo4j_store()
    yield store
    store.write([(store.library.get("admin/delete_all").text, {})])
    store.close()


@pytest.fixture
def embedded_settings(tmp_path: Path) -> Settings:
    """Settings for an embedded store in a fresh data folder of this test."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full extraction pipeline (the real model plus newsgraph's components), built once."""
    return build_nlp()
