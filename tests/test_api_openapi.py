"""The OpenAPI document describes what is sent: a response schema for every route and
format, the one error shape (never FastAPI's ``detail`` body), and no dangling references."""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import json
import re

from live_server import Live, live_api, news_store  # noqa: F401


def test_every_route_declares_its_responses(live_api: Live) -> None:
    with live_api.client() as http:
        doc = http.get("/openapi.json").json()
    text = json.dumps(doc)
    assert "HTTPValidationError" not in text and '"detail"' not in text
    schemas = doc["components"]["schemas"]
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in schemas, f"dangling $ref {ref}"
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            ok = responses["200"]["content"]
            assert all("schema" in media for media in ok.values()), (path, method)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    body = response["content"]["application/json"]["schema"]
                    assert body == {"$ref": "#/components/schemas/ErrorBody"}, (path, status)
    rows = doc["paths"]["/queries/top_entities"]["get"]["responses"]["200"]["content"]
    shapes = {s["$ref"].rsplit("/", 1)[1] for s in rows["application/json"]["schema"]["anyOf"]}
    assert shapes == {"RowsPage", "ObjectsPage", "GraphPage"} and "text/csv" in rows
    parameters = {p["name"] for p in doc["paths"]["/queries/top_entities"]["get"]["parameters"]}
    assert {"format", "shape", "limit", "offset"} <= parameters
    assert schemas["ErrorBody"]["properties"]["error"]["$ref"].endswith("/ErrorDetail")
