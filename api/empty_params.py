"""Empty query-string values mean "not given", on every route.

Dashboard selectors send ``types=`` or ``include_documents=`` for "all" / "default".
The saved-query routes read the query string themselves and skip empty values
(:func:`api.models.query_string`); this middleware does the same for the routes
FastAPI validates (``/export``), so ``format=&include_documents=`` is the defaults
rather than a 422.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["EmptyParamsMiddleware", "drop_empty"]


def drop_empty(query_string: bytes) -> bytes:
    """``query_string`` without its ``key=`` (empty) pairs; unchanged when it has none."""
    if not query_string:
        return query_string
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v != ""]
    if len(kept) == len(pairs):
        return query_string
    return urlencode(kept).encode("latin-1")


class EmptyParamsMiddleware:
    """Drop empty query-string values before FastAPI validates them (``GET /export``)."""

    def __init__(self, app: ASGIApp, prefixes: tuple[str, ...] = ("/export",)) -> None:
        self.app = app
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            scope = dict(scope, query_string=drop_empty(scope.get("query_string", b"")))
        await self.app(scope, receive, send)
