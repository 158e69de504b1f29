"""The HTTP API over real HTTP (uvicorn on loopback), a real FalkorDB holding the demo corpus."""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import Live, live_api, news_store, serve  # noqa: F401

from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import EmbeddedServer, FalkorDBStore, ServerInfo

REGISTRY = load_registry("falkordb")
FIXTURES = Path(__file__).parent / "fixtures" / "queries"


def _error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    """Check the one JSON error shape; return its body."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_health_ready_and_catalogue(live_api: Live) -> None:
    with live_api.client() as http:
        assert http.get("/health").json() == {"status": "ok"}
        assert http.get("/ready").json() == {"status": "ready", "engine": "falkordb"}
        catalogue = {q["name"]: q for q in http.get("/queries").json()}
    assert set(catalogue) == set(REGISTRY.names())
    limit = next(p for p in catalogue["neighbourhood"]["parameters"] if p["name"] == "limit")
    assert (limit["type"], limit["default"], limit["min"], limit["max"]) == ("int", 100, 1, 1000)


@pytest.mark.parametrize("name", REGISTRY.names())
def test_every_query_answers_get_and_post_with_defaults(live_api: Live, name: str) -> None:
    query = REGISTRY.get(name)
    typed = query.bind(query.parse_text(query.example))
    with live_api.client() as http:
        got = http.get(f"/queries/{name}", params=query.example)
        posted = http.post(f"/queries/{name}", json=typed)
        assert got.status_code == 200 and posted.status_code == 200, (got.text, posted.text)
        pages = [http.get(r.json()["next"]).json() for r in (got, posted) if r.json()["next"]]
    assert got.json()["rows"], f"{name} found nothing for {query.example}"
    assert {**got.json(), "next": None} == {**posted.json(), "next": None}
    assert bool(pages) == got.json()["truncated"]
    assert not pages or pages[0] == {**pages[1], "next": pages[0]["next"]}
    assert set(got.json()) == {"query", "columns", "rows", "truncated", "limit", "offset",
                               "count", "next"}  # fmt: skip


def test_formats_graph_and_csv(live_api: Live) -> None:
    params = {"id": "company:tesla", "depth": 2}
    with live_api.client() as http:
        graph = http.get("/queries/neighbourhood", params={**params, "format": "graph"}).json()
        text = http.post("/queries/neighbourhood?format=csv", json=params)
    ids = {n["id"] for n in graph["nodes"]}
    assert len(ids) == len(graph["nodes"]) > 5 and graph["edges"]
    assert all(e["start"] in ids and e["end"] in ids for e in graph["edges"])
    assert all(e["key"] == f"{e['start']}|{e['type']}|{e['end']}" for e in graph["edges"])
    assert all(n["labels"] and n["properties"]["name"] for n in graph["nodes"])
    assert text.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(text.text)))
    assert table[0] == ["id", "name", "type", "distance", "via", "path"] and len(table) > 5


def test_list_parameters_in_the_query_string(live_api: Live) -> None:
    """A list is the key repeated, or one comma-separated value; both filter alike."""
    wanted = {"LOCATED_IN", "COMPETES_WITH"}
    with live_api.client() as http:
        repeated = http.get("/queries/neighbourhood?id=company:tesla&depth=2"
                            "&types=LOCATED_IN&types=COMPETES_WITH").json()  # fmt: skip
        commas = http.get("/queries/neighbourhood?id=company:tesla&depth=2"
                          "&types=LOCATED_IN,COMPETES_WITH").json()  # fmt: skip
        everything = http.get("/queries/neighbourhood?id=company:tesla&depth=2").json()
    via = repeated["columns"].index("via")
    used = {t for row in repeated["rows"] for t in row[via]}
    assert used == wanted, used
    assert repeated["rows"] == commas["rows"]
    assert len(everything["rows"]) > len(repeated["rows"])


def test_paging_and_truncation(live_api: Live) -> None:
    with live_api.client() as http:
        whole = http.get("/queries/top_entities", params={"limit": 10}).json()
        page = http.get("/queries/top_entities", params={"limit": 4, "offset": 2}).json()
        everything = http.get("/queries/top_entities", params={"limit": 500}).json()
    assert whole["truncated"] and len(whole["rows"]) == 10
    assert page["truncated"] and page["rows"] == whole["rows"][2:6]
    assert not everything["truncated"] and len(everything["rows"]) > 10


def test_entities_routes(live_api: Live) -> None:
    with live_api.client() as http:
        found = http.get("/entities/search", params={"q": "Musk"}).json()
        profile = http.get("/entities/company:tesla").json()
        missing = http.get("/entities/company:nobody")
    assert found["rows"][0][0] == "person:elon-musk"
    assert profile["entity"]["properties"]["name"] == "Tesla"
    assert {r["relation"] for r in profile["relations"]} >= {"LOCATED_IN", "COMPETES_WITH"}
    assert _error(missing, 404, "entity_not_found")["id"] == "company:nobody"


@pytest.mark.parametrize(
    ("method", "url", "payload", "param", "words"),
    [
        ("GET", "/queries/neighbourhood?id=x&depth=two", None, "depth", "integer"),
        ("GET", "/queries/neighbourhood?id=x&depth=9", None, "depth", "at most 3; got 9"),
        ("GET", "/queries/neighbourhood?id=x&id=y", None, "id", "must be a string"),
        ("GET", "/queries/neighbourhood?id=x&format=xml", None, "format", "rows, graph, csv"),
        ("GET", "/queries/top_entities?limit=ten", None, "limit", "must be an integer"),
        ("GET", "/queries/neighbourhood?id=x&depth=null", None, "depth", "integer"),
        ("GET", "/queries/neighbourhood?id=", None, "id", "missing required parameter"),
        ("GET", "/queries/top_entities?shape=tree", None, "shape", "arrays, objects"),
        ("GET", "/queries/neighbourhood?id=x&colour=red", None, "colour", "unknown parameter"),
        ("GET", "/queries/neighbourhood?id=x&types=NOPE", None, "types", "APPLIES_IN"),
        ("GET", "/queries/neighbourhood", None, "id", "missing required parameter"),
        ("POST", "/queries/neighbourhood", {"id": "x", "depth": "2"}, "depth", "integer"),
        ("POST", "/queries/neighbourhood", {"id": "x", "depth": 0}, "depth", "greater than"),
        ("POST", "/queries/neighbourhood", {"id": "x", "colour": 1}, "colour", "unknown parameter"),
        ("POST", "/queries/top_entities", {"limit": 501}, "limit", "less than or equal to 500"),
        ("POST", "/queries/entity_search", {"q": "!!!"}, "q", "at least one letter"),
        ("GET", "/entities/search?q=tesla&type=Planet", None, "type", "Company"),
    ],
)
def test_bad_parameters_are_rejected_by_name(
    live_api: Live, method: str, url: str, payload: object, param: str, words: str
) -> None:
    with live_api.client() as http:
        response = http.request(method, url, json=payload)
    error = _error(response, 422, "bad_parameter")
    assert error["param"] == param and param in error["message"]
    assert words in response.text


def test_unknown_query_and_route(live_api: Live) -> None:
    with live_api.client() as http:
        assert _error(http.get("/queries/drop_all"), 404, "unknown_query")["query"] == "drop_all"
        _error(http.post("/queries/drop_all", json={}), 404, "unknown_query")
        typo = _error(http.get("/queries/top_entitys"), 404, "unknown_query")
        _error(http.get("/nowhere"), 404, "not_found")
        _error(http.delete("/queries/top_entities"), 405, "method_not_allowed")
    assert typo["suggestions"] == ["top_entities"]
    assert "did you mean top_entities?" in typo["message"]


@pytest.fixture(scope="module")
def big_store(falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """30,000 companies with 8 relations each: whole-graph queries take far more than 10 ms."""
    graph = f"big_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(graph=graph, url=graph, unix_socket=falkordb_server.unix_socket)
    ensure_schema(store)
    for name, params in (
        ("many_entities", {"start": 0, "stop": 30_000}),
        ("many_relations", {"start": 0, "stop": 30_000, "n": 30_000, "k": 8}),
    ):
        store.write([(parse_cypher_file(FIXTURES / f"{name}.cypher", name).text, params)])
    yield store
    store.delete_graph()
    store.close()


def test_slow_query_times_out_with_504(big_store: FalkorDBStore) -> None:
    with serve(big_store, Settings(query_timeout_ms=10)) as live, live.client() as http:
        response = http.get("/queries/top_entities", params={"limit": 500})
        assert http.get("/health").status_code == 200
    _error(response, 504, "timeout")


def test_store_down_gives_503(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "data")
    info = server.start(pin=True)
    store = FalkorDBStore(graph="down", url="down", unix_socket=info.unix_socket)
    ensure_schema(store)
    try:
        with serve(store, Settings()) as live, live.client() as http:
            assert http.get("/ready").status_code == 200
            server.stop()
            _error(http.get("/ready"), 503, "store_unavailable")
            _error(http.get("/queries/top_entities"), 503, "store_unavailable")
            _error(http.get("/entities/company:tesla"), 503, "store_unavailable")
            assert http.get("/health").status_code == 200
    finally:
        store.close()
        server.stop()
