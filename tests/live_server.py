"""Shared by the API tests: a graph holding the demo corpus and uvicorn serving it on loopback.

``news_store`` ingests ``examples/articles`` with the real ingest job (spaCy pipeline,
writer, IngestRun), once per session. ``load_news_graph`` writes the smaller hand-built
graph of ``tests/fixtures/queries/news_graph.cypher`` that the saved-query tests use for
exact expectations. Test modules import the fixtures they use (``from live_server import
...``).
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from newsgraph.api.app import create_app
from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.migrations import ensure_schema, migrate_dates, migrate_store
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, GraphStore, ServerInfo

__all__ = [
    "Live",
    "count_graph",
    "ingest_demo_corpus",
    "live_api",
    "load_news_graph",
    "news_store",
    "serve",
]

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "news_graph.cypher"
DEMO_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "articles"


def load_news_graph(store: GraphStore) -> None:
    """Write the hand-built news graph (every entity and relation type, with evidence),
    written in the old list shape with text dates, and migrated to evidence records and date
    values as a real store is."""
    store.write([(parse_cypher_file(FIXTURE, "news_graph").text, {})])
    migrate_store(store)
    migrate_dates(store)


def count_graph(store: GraphStore) -> dict[str, int]:
    """Node and relationship counts, read back through the store."""
    record = store.run(store.library.get("admin/counts").text).records()[0]
    return {key: int(value) for key, value in record.items()}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Live:
    """A running server: its base URL, store and settings."""

    url: str
    store: GraphStore
    settings: Settings

    def client(self, **kwargs: object) -> httpx.Client:
        """An httpx client for this server."""
        return httpx.Client(base_url=self.url, timeout=30.0, **kwargs)  # type: ignore[arg-type]


@contextmanager
def serve(store: GraphStore, settings: Settings) -> Iterator[Live]:
    """Run ``create_app(settings, store)`` under uvicorn in a thread on a free loopback port."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", store, settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def ingest_demo_corpus(store: GraphStore) -> None:
    """Ingest ``examples/articles`` as ``newsgraph ingest`` does."""
    from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
    from newsgraph.ingest.jobs import IngestOptions, run_ingest

    options = IngestOptions(paths=(str(DEMO_CORPUS),), extractor_version=EXTRACTOR_VERSION)
    summary = run_ingest(store, Extractor(Settings()), options)
    assert summary.documents_new > 0 and not summary.documents_failed, summary


@pytest.fixture(scope="session")
def news_store(falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """A graph of the session server holding the ingested demo corpus."""
    graph = f"api_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(graph=graph, url=f"test:{graph}", unix_socket=falkordb_server.unix_socket,
                          port=falkordb_server.port or 0)  # fmt: skip
    ensure_schema(store)
    ingest_demo_corpus(store)
    yield store
    store.delete_graph()
    store.close()


@pytest.fixture(scope="module")
def live_api(news_store: FalkorDBStore) -> Iterator[Live]:
    """The API on loopback over the demo corpus (no API key, no CORS)."""
    with serve(news_store, Settings(row_cap=1000, query_timeout_ms=10_000)) as live:
        yield live
