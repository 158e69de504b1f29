"""What handlers need, as ``Annotated`` dependencies: settings, store, registry, runner.

The dependency functions are ``async`` because they only read ``app.state``: FastAPI
runs plain ``def`` dependencies in its thread pool, one hop each, which was measured
to add about 2 ms per request. Query handlers are ``async`` too and run the store's
``run_async`` (see :meth:`QueryRunner.page`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, Request
from fastapi.responses import Response

from newsgraph.graph.query.registry import QueryPage, QueryRegistry
from newsgraph.graph.query.results import graph_by_id, to_csv, to_objects
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores.base import GraphStore

__all__ = [
    "FORMATS",
    "SHAPES",
    "Format",
    "QueryRunner",
    "RegistryDep",
    "RunnerDep",
    "SettingsDep",
    "Shape",
    "StoreDep",
    "json_response",
    "render",
]

Format = Literal["rows", "graph", "csv"]
FORMATS: tuple[str, ...] = ("rows", "graph", "csv")
Shape = Literal["arrays", "objects"]
SHAPES: tuple[str, ...] = ("arrays", "objects")


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> GraphStore:
    """The store the lifespan opened."""
    store: GraphStore = request.app.state.store
    return store


async def get_registry(request: Request) -> QueryRegistry:
    """The saved-query registry for the store's engine."""
    registry: QueryRegistry = request.app.state.registry
    return registry


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
RegistryDep = Annotated[QueryRegistry, Depends(get_registry)]


def json_response(body: Any, status_code: int = 200) -> Response:
    """JSON through orjson: several times faster than ``json.dumps`` on result rows."""
    content = orjson.dumps(body, default=str, option=orjson.OPT_NON_STR_KEYS)
    return Response(content, status_code=status_code, media_type="application/json")


def render(
    page: QueryPage, fmt: str, shape: str = "arrays", next_url: str | None = None
) -> Response:
    """A page of rows as the requested format: ``rows`` JSON (arrays or objects), ``graph``
    JSON (keyed by entity ids) or CSV. JSON pages carry ``count`` and ``next``, CSV
    ``X-Truncated`` and a ``Link: <next>; rel="next"`` header."""
    if fmt == "csv":
        headers = {"X-Truncated": "true" if page.truncated else "false"}
        if next_url is not None:
            headers["Link"] = f'<{next_url}>; rel="next"'
        return Response(to_csv(page.columns, page.rows), media_type="text/csv", headers=headers)
    paging = {"truncated": page.truncated, "limit": page.limit, "offset": page.offset,
              "count": len(page.rows), "next": next_url}  # fmt: skip
    if fmt == "graph":
        return json_response({"query": page.query, **graph_by_id(page), **paging})
    rows = to_objects(page.columns, page.rows) if shape == "objects" else page.rows
    return json_response({"query": page.query, "columns": page.columns, "rows": rows, **paging})


@dataclass
class QueryRunner:
    """Runs saved queries with the app's store, timeout and row cap."""

    store: GraphStore
    registry: QueryRegistry
    settings: Settings

    async def page(self, name: str, params: dict[str, Any]) -> QueryPage:
        """Bind and run one saved query read-only; one page of rows.

        On the event loop (``store.run_async``): routes are ``async def``, so a request
        never hops to a worker thread. Under concurrent load those threads queued for
        the interpreter lock behind each other and the event loop, measured at about
        half the server's time per request.
        """
        return await self.registry.run_async(
            self.store,
            name,
            params,
            row_cap=self.settings.row_cap,
            timeout_ms=self.settings.query_timeout_ms,
        )

    async def respond(self, name: str, params: dict[str, Any], fmt: str) -> Response:
        """Run and render in one step."""
        return render(await self.page(name, params), fmt)


async def get_runner(request: Request) -> QueryRunner:
    """The runner the lifespan built over this app's store, registry and settings.

    One dependency with no sub-dependencies: each dependency FastAPI solves costs
    CPU on every request, and the API is CPU-bound under concurrent load.
    """
    runner: QueryRunner = request.app.state.runner
    return runner


RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
