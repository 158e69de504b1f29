"""Read-only through every route, API key and CORS, over real HTTP."""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import pytest
from live_server import Live, count_graph, live_api, news_store, serve  # noqa: F401
from pydantic import SecretStr

from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore

REGISTRY = load_registry("falkordb")
HOSTILE = (
    "x'}) DETACH DELETE n //",
    "company:tesla'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    '") CREATE (:Entity {id: "evil"}) //',
    "$limit; MATCH (n) DELETE n",
)
ORIGIN = "https://dash.example.org"


def test_no_route_writes_whatever_the_values(live_api: Live) -> None:
    before = count_graph(live_api.store)
    with live_api.client() as http:
        for query in REGISTRY:
            texts = [p.name for p in query.params if p.kind in ("string", "search")]
            for hostile in HOSTILE:
                params = {**query.example, **dict.fromkeys(texts, hostile)}
                for response in (
                    http.get(f"/queries/{query.name}", params=params),
                    http.post(f"/queries/{query.name}", json=params),
                ):
                    assert response.status_code in (200, 422), response.text
            extra = http.post(
                f"/queries/{query.name}", json={"cypher": "MATCH (n) DETACH DELETE n"}
            )
            assert extra.status_code == 422
        for hostile in HOSTILE:
            assert http.get("/entities/search", params={"q": hostile}).status_code == 200
            assert http.get(f"/entities/{hostile}").status_code in (307, 404, 422)
        for method in ("PUT", "PATCH", "DELETE"):
            assert http.request(method, "/queries/top_entities").status_code == 405
    assert count_graph(live_api.store) == before


@pytest.fixture(scope="module")
def guarded(news_store: FalkorDBStore):  # type: ignore[no-untyped-def]
    settings = Settings(api_key=SecretStr("s3cret-key"), cors_origins=[ORIGIN])
    with serve(news_store, settings) as live:
        yield live


@pytest.mark.parametrize("path", ["/ready", "/queries", "/queries/top_entities",
                                  "/entities/company:tesla", "/export"])  # fmt: skip
def test_api_key_guards_every_route_but_health(guarded: Live, path: str) -> None:
    with guarded.client() as http:
        assert http.get("/health").status_code == 200
        for headers in ({}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"},
                        {"Authorization": "s3cret-key"}):  # fmt: skip
            refused = http.get(path, headers=headers)
            assert refused.status_code == 401
            assert refused.json()["error"]["code"] == "unauthorized"
        assert http.get(path, headers={"X-API-Key": "s3cret-key"}).status_code == 200
        assert http.get(path, headers={"Authorization": "Bearer s3cret-key"}).status_code == 200


def test_docs_are_open_and_declare_the_key(guarded: Live) -> None:
    """The documents hold no data: readable without the key, and they say how to send it."""
    with guarded.client() as http:
        for path in ("/docs", "/redoc", "/openapi.json", "/docs-assets/swagger-ui.css"):
            assert http.get(path).status_code == 200, path
        assert http.get("/docs-assets/../queries").status_code in (401, 404)
        doc = http.get("/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                 "description": "The API key."}  # fmt: skip
    assert schemes["Bearer"]["scheme"] == "bearer"
    assert doc["security"] == [{"ApiKey": []}, {"Bearer": []}]
    assert doc["paths"]["/health"]["get"]["security"] == []


def test_cors_allows_configured_origins_only(guarded: Live) -> None:
    key = {"X-API-Key": "s3cret-key"}
    with guarded.client() as http:
        preflight = http.options("/queries/top_entities", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key, content-type"})  # fmt: skip
        allowed = http.get("/queries/top_entities", headers={"Origin": ORIGIN, **key})
        refused = http.get("/queries", headers={"Origin": ORIGIN})
        other = http.get("/queries", headers={"Origin": "https://evil.example", **key})
        evil_preflight = http.options("/queries", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})  # fmt: skip
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == ORIGIN
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers
    assert evil_preflight.status_code == 400


def test_no_cors_headers_without_configured_origins(live_api: Live) -> None:
    with live_api.client() as http:
        response = http.get("/queries", headers={"Origin": ORIGIN})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
