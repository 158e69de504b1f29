"""Optional API key: when ``NEWSGRAPH_API_KEY`` is set, every route needs it but ``/health``,
the Browser stylesheet ``/style/newsgraph.grass``
and the documentation (``/docs``, ``/redoc``, ``/openapi.json`` and their assets), which
only describe the API and hold no data.

The key comes in ``X-API-Key: KEY`` or ``Authorization: Bearer KEY``. This is a
plain ASGI middleware so that it guards every route, mounted ones too; CORS
sits outside it, so preflight requests and 401 answers carry CORS headers.
"""

from __future__ import annotations

import hmac

from pydantic import SecretStr
from starlette.types import ASGIApp, Receive, Scope, Send

from newsgraph.api.docs import ASSETS, DOCS_PATHS
from newsgraph.api.errors import NotAuthenticatedError, error_response
from newsgraph.graph.errors import BadParameterError

__all__ = ["OPEN_PATHS", "ApiKeyMiddleware", "checked_api_key"]

OPEN_PATHS = frozenset({"/health", "/style/newsgraph.grass", *DOCS_PATHS})


def checked_api_key(key: SecretStr) -> str:
    """The configured key, refused at start-up when empty or blank: an empty key once
    turned authentication off without a word, and a blank one locked everyone out."""
    value = key.get_secret_value()
    if not value.strip():
        raise BadParameterError(
            "NEWSGRAPH_API_KEY is set but empty or blank: set a real key, or unset the "
            "variable to serve without authentication",
            param="NEWSGRAPH_API_KEY",
        )
    if value != value.strip():
        raise BadParameterError(
            "NEWSGRAPH_API_KEY has leading or trailing white space (keys presented in "
            "headers are trimmed, so it could never match); remove it",
            param="NEWSGRAPH_API_KEY",
        )
    return value


def _presented(scope: Scope) -> bytes | None:
    """The key the request presents, if any."""
    for name, value in scope.get("headers", []):
        if name == b"x-api-key":
            return bytes(value).strip()
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            return bytes(value[7:]).strip()
    return None


class ApiKeyMiddleware:
    """Reject HTTP requests without the right key (401, the JSON error shape)."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self._key = api_key.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"] if scope["type"] == "http" else ""
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith(f"{ASSETS}/"):
            await self.app(scope, receive, send)
            return
        presented = _presented(scope)
        if presented is not None and hmac.compare_digest(presented, self._key):
            await self.app(scope, receive, send)
            return
        error = NotAuthenticatedError(
            "an API key is required: send it as X-API-Key or Authorization: Bearer"
        )
        response = error_response(error, headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)
