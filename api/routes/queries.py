"""Saved queries over HTTP: the catalogue, one typed route pair per query, and a fallback.

``GET /queries/NAME`` takes parameters in the query string (plus ``format``);
``POST /queries/NAME?format=...`` takes them as a JSON object. The typed routes are
generated from the headers, so ``/docs`` and ``/openapi.json`` show every
parameter's type, default and bounds. ``/queries/{name}`` only answers names that
are not saved queries, with 404.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response

from api.deps import Format, RegistryDep, RunnerDep
from api.models import body_model, model_params, query_model
from graph.queries import QueryRegistry, SavedQuery

__all__ = ["queries_router"]

_FORMAT_HELP = "rows (JSON columns and rows), graph (JSON nodes and edges) or csv"
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {}}, "description": "Rows"},
    404: {"description": "Unknown saved query"},
    422: {"description": "Bad, unknown or missing parameter"},
    504: {"description": "Query timed out"},
    503: {"description": "Store unavailable"},
}


def _add_typed_routes(router: APIRouter, query: SavedQuery) -> None:
    """``GET`` and ``POST /queries/NAME`` with models built from the query's header."""
    query_cls = query_model(query)
    body_cls = body_model(query)
    name = query.name

    async def run_get(params: Annotated[query_cls, Query()], runner: RunnerDep) -> Response:  # type: ignore[valid-type]
        return await runner.respond(name, model_params(params), params.format)  # type: ignore[attr-defined]

    async def run_post(
        runner: RunnerDep,
        body: Annotated[body_cls | None, Body()] = None,  # type: ignore[valid-type]
        format: Annotated[Format, Query(description=_FORMAT_HELP)] = "rows",
    ) -> Response:
        return await runner.respond(name, model_params(body), format)

    doc = f"{query.description}\n\nSaved query `{name}` (`cypher/queries/{name}.cypher`)."
    for method, handler in (("GET", run_get), ("POST", run_post)):
        router.add_api_route(
            f"/queries/{name}",
            handler,
            methods=[method],
            name=f"{name}_{method.lower()}",
            operation_id=f"{name}_{method.lower()}",
            summary=query.title,
            description=doc,
            responses=_RESPONSES,
            response_class=Response,
        )


def queries_router(registry: QueryRegistry) -> APIRouter:
    """The catalogue, the typed routes of every saved query, and the 404 fallback."""
    router = APIRouter(tags=["queries"])

    @router.get("/queries", summary="Catalogue of saved queries")
    async def catalogue(reg: RegistryDep) -> list[dict[str, Any]]:
        """Every saved query: name, title, description, parameters with types and bounds."""
        return reg.catalogue()

    for query in registry:
        _add_typed_routes(router, query)

    @router.api_route("/queries/{name}", methods=["GET", "POST"], include_in_schema=False)
    async def unknown(name: str, reg: RegistryDep) -> None:
        """Only names that are not saved queries reach this route."""
        reg.get(name)  # raises UnknownQueryError (404)

    return router
