"""Saved queries over HTTP: the catalogue, one typed route pair per query, and a fallback.

``GET /queries/NAME`` takes parameters in the query string (plus ``format``);
``POST /queries/NAME?format=...`` takes them as a JSON object. The typed routes are
generated from the headers, so ``/docs`` and ``/openapi.json`` show every
parameter's type, default and bounds. ``/queries/{name}`` only answers names that
are not saved queries, with 404.
"""

import difflib
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import Format, RegistryDep, RunnerDep, Shape, render
from newsgraph.api.models import (
    body_model,
    model_params,
    next_url,
    openapi_parameters,
    query_model,
    respond_to_query_string,
)
from newsgraph.api.schemas import ERROR_RESPONSES, QUERY_RESPONSES
from newsgraph.graph.errors import UnknownQueryError
from newsgraph.graph.query.registry import QueryRegistry, SavedQuery

__all__ = ["add_query_routes"]

_FORMAT_HELP = "rows (JSON columns and rows), graph (JSON nodes and edges) or csv"
_SHAPE_HELP = "rows as arrays (the default) or as objects keyed by column"


def _add_typed_routes(router: APIRouter, query: SavedQuery, tags: list[str | Enum]) -> None:
    """``GET`` and ``POST /queries/NAME``, typed in OpenAPI from the query's header.

    ``GET`` reads the query string itself (see :mod:`api.models`): the registry checks
    and converts the values, as it does the CLI's, and names a bad one.
    """
    body_cls = body_model(query)
    name = query.name

    async def run_get(request: Request) -> Response:
        return await respond_to_query_string(request, name)

    async def run_post(
        request: Request,
        runner: RunnerDep,
        body: Annotated[body_cls | None, Body()] = None,  # type: ignore[valid-type]
        format: Annotated[Format, Query(description=_FORMAT_HELP)] = "rows",
        shape: Annotated[Shape, Query(description=_SHAPE_HELP)] = "arrays",
    ) -> Response:
        params = model_params(body)
        page = await runner.page(name, params)
        return render(page, format, shape, next_url(request, query, page, params))

    doc = f"{query.description}\n\nSaved query `{name}` (`cypher/queries/{name}.cypher`)."
    get_parameters = {"parameters": openapi_parameters(query_model(query))}
    for method, handler in (("GET", run_get), ("POST", run_post)):
        router.add_api_route(
            f"/queries/{name}",
            handler,
            methods=[method],
            name=f"{name}_{method.lower()}",
            operation_id=f"{name}_{method.lower()}",
            summary=query.title,
            description=doc,
            responses=QUERY_RESPONSES,
            response_class=Response,
            tags=tags,
            openapi_extra=get_parameters if method == "GET" else None,
        )


def add_query_routes(router: APIRouter, registry: QueryRegistry) -> None:
    """Add the catalogue, the typed routes of every saved query, and the 404 fallback.

    They go straight onto ``router`` (the app's own): routes behind ``include_router``
    were matched twice per request, each time trying every route before the right
    one, which cost more CPU than parsing the request.
    """
    tags: list[str | Enum] = ["queries"]

    @router.get("/queries", summary="Catalogue of saved queries", tags=tags,
                responses=ERROR_RESPONSES)  # fmt: skip
    async def catalogue(reg: RegistryDep) -> list[dict[str, Any]]:
        """Every saved query: name, title, description, parameters with types and bounds."""
        return reg.catalogue()

    for query in registry:
        _add_typed_routes(router, query, tags)

    @router.api_route("/queries/{name}", methods=["GET", "POST"], include_in_schema=False)
    async def unknown(name: str, reg: RegistryDep) -> None:
        """Only names that are not saved queries reach this route: 404, with close names."""
        close = difflib.get_close_matches(name, reg.names(), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UnknownQueryError(f"no saved query named {name!r}{hint}", query=name,
                                suggestions=close)  # fmt: skip
