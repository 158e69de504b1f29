"""Schemathesis against the live server's /openapi.json: no input makes the server fail, and
every response (status, content type, headers, body) is what the document declares."""

# ruff: noqa: F811  (pytest fixtures imported from live_server are parameters here)

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from live_server import Live, count_graph, live_api, news_store  # noqa: F401
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]  # fmt: skip


@pytest.fixture(scope="module")
def api_schema(live_api: Live):  # type: ignore[no-untyped-def]
    """The OpenAPI schema as the running server publishes it."""
    return schemathesis.openapi.from_url(f"{live_api.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, live_api: Live) -> None:  # type: ignore[no-untyped-def]
    before = count_graph(live_api.store)
    response = case.call(base_url=live_api.url)
    case.validate_response(response, checks=CHECKS)
    assert response.status_code < 500, response.text
    assert count_graph(live_api.store) == before
