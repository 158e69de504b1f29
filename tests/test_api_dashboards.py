"""What dashboards need, over real HTTP against the embedded store: empty and null
parameters, objects rows, ``next`` links, ETags with 304s, gzip, and graph ids that survive
a store copy."""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import Live, live_api, news_store, serve  # noqa: F401

from newsgraph.graph.export.copy import copy_graph
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, ServerInfo

ARTICLE = """Harbour Robotics opens a plant in Valencia

Harbour Robotics, a maker of warehouse robots, said on Tuesday it will open a plant in
Valencia. Chief executive Marta Quillon met Spanish industry minister Jordi Castellet in
Madrid to discuss the investment.
"""


@pytest.fixture(scope="module")
def copied(news_store: FalkorDBStore, falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """A second graph holding a copy of the demo corpus (``newsgraph copy``), writable here."""
    graph = f"copy_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(graph=graph, url=f"test:{graph}", unix_socket=falkordb_server.unix_socket,
                          port=falkordb_server.port or 0)  # fmt: skip
    copy_graph(news_store, store)
    yield store
    store.delete_graph()
    store.close()


@pytest.fixture(scope="module")
def live_copy(copied: FalkorDBStore) -> Iterator[Live]:
    with serve(copied, Settings(row_cap=1000, query_timeout_ms=10_000)) as live:
        yield live


def test_empty_value_means_not_given(live_api: Live) -> None:
    base = "/queries/neighbourhood?id=company:tesla&depth=2"
    with live_api.client() as http:
        everything = http.get(base).json()
        empty = http.get(f"{base}&types=").json()
        blank_bool = http.get("/queries/corroboration?corroborated=")
        plain_bool = http.get("/queries/corroboration")
    assert empty["rows"] == everything["rows"] and everything["rows"]
    assert blank_bool.status_code == 200 and blank_bool.json() == plain_bool.json()


def test_empty_export_parameters_are_the_defaults(live_copy: Live) -> None:
    with live_copy.client() as http:
        empty = http.get("/export?format=&query=&include_documents=")
        plain = http.get("/export")
    assert empty.status_code == 200 and empty.headers["content-type"].startswith(
        "application/graphml"
    )
    assert empty.content == plain.content


def test_null_sets_a_nullable_parameter(live_api: Live) -> None:
    with live_api.client() as http:
        null = http.get("/queries/corroboration?corroborated=null").json()
        default = http.get("/queries/corroboration").json()
        only_true = http.get("/queries/corroboration?corroborated=true").json()
        typed_null = http.get("/entities/search?q=tesla&type=null").json()
        posted = http.post("/queries/corroboration", json={"corroborated": None}).json()
    assert null["rows"] == default["rows"] == posted["rows"]
    assert len(only_true["rows"]) < len(null["rows"])
    assert typed_null["rows"] and typed_null["rows"][0][0] == "company:tesla"


def test_objects_shape_beside_arrays(live_api: Live) -> None:
    with live_api.client() as http:
        arrays = http.get("/queries/top_entities?limit=5").json()
        objects = http.get("/queries/top_entities?limit=5&shape=objects").json()
        posted = http.post("/queries/top_entities?shape=objects", json={"limit": 5}).json()
    expected = [dict(zip(arrays["columns"], row, strict=True)) for row in arrays["rows"]]
    assert objects["rows"] == expected == posted["rows"] and len(expected) == 5
    assert objects["columns"] == arrays["columns"] and objects["count"] == 5


def test_next_links_walk_the_whole_result(live_api: Live) -> None:
    with live_api.client() as http:
        whole = http.get("/queries/top_entities?limit=500").json()
        rows, url, pages = [], "/queries/top_entities?limit=7&shape=arrays", 0
        while url:
            page = http.get(url).json()
            rows += page["rows"]
            assert page["count"] == len(page["rows"])
            url, pages = page["next"], pages + 1
        posted = http.post("/queries/top_entities", json={"limit": 7}).json()
        after_post = http.get(posted["next"]).json()
        as_csv = http.get("/queries/top_entities?limit=7&format=csv")
        last_csv = http.get("/queries/top_entities?limit=500&format=csv")
    assert not whole["truncated"] and whole["next"] is None
    assert rows == whole["rows"] and pages == -(-len(rows) // 7) and pages > 2
    assert after_post["rows"] == whole["rows"][7:14]
    link = as_csv.headers["link"]
    assert link.endswith('; rel="next"') and "offset=7" in link and "format=csv" in link
    assert as_csv.headers["x-truncated"] == "true" and "link" not in last_csv.headers


def test_etag_gives_304_until_an_ingest(live_copy: Live, tmp_path: Path) -> None:
    from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
    from newsgraph.ingest.jobs import IngestOptions, run_ingest

    url = "/queries/top_entities?limit=50"
    with live_copy.client() as http:
        first = http.get(url)
        tag = first.headers["etag"]
        again = http.get(url, headers={"If-None-Match": tag})
        other = http.get("/queries/top_entities?limit=51").headers["etag"]
        (tmp_path / "plant.txt").write_text(ARTICLE, encoding="utf-8")
        options = IngestOptions(paths=(str(tmp_path),), extractor_version=EXTRACTOR_VERSION)
        assert run_ingest(live_copy.store, Extractor(Settings()), options).documents_new == 1
        after = http.get(url, headers={"If-None-Match": tag})
        found = http.get("/entities/search?q=castellet").json()
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    assert again.status_code == 304 and again.headers["etag"] == tag and not again.content
    assert other != tag
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert found["rows"] and found["rows"][0][0] == "person:jordi-castellet"


def test_export_etag_is_stable_between_writes(live_copy: Live) -> None:
    with live_copy.client() as http:
        one = http.get("/export?format=json")
        two = http.get("/export?format=json", headers={"If-None-Match": one.headers["etag"]})
    assert one.status_code == 200 and two.status_code == 304


def test_gzip_for_large_responses(live_api: Live) -> None:
    with live_api.client() as http:
        big = http.get("/queries/top_entities?limit=500", headers={"Accept-Encoding": "gzip"})
        small = http.get("/health", headers={"Accept-Encoding": "gzip"})
        plain = http.get("/queries/top_entities?limit=500", headers={"Accept-Encoding": "identity"})
    assert big.headers["content-encoding"] == "gzip" and big.json() == plain.json()
    assert int(big.headers["content-length"]) < len(plain.content)
    assert "content-encoding" not in small.headers


def test_graph_format_ids_survive_a_store_copy(live_api: Live, live_copy: Live) -> None:
    url = "/queries/neighbourhood?id=company:tesla&depth=2&format=graph"
    with live_api.client() as http:
        original = http.get(url).json()
    with live_copy.client() as http:
        copy = http.get(url).json()

    def keyed(graph: dict) -> tuple[set, set]:
        nodes = {(n["id"], tuple(n["labels"])) for n in graph["nodes"]}
        return nodes, {(e["key"], e["start"], e["end"]) for e in graph["edges"]}

    assert keyed(original) == keyed(copy) and original["edges"]
    assert all(n["id"] for n in original["nodes"])
    assert {n["id"] for n in original["nodes"]} >= {e["start"] for e in original["edges"]}


def test_unknown_entity_is_404(live_api: Live) -> None:
    with live_api.client() as http:
        missing = http.get("/entities/person:nobody-at-all")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "entity_not_found",
        "id": "person:nobody-at-all",
        "message": "no entity with id 'person:nobody-at-all'",
    }
