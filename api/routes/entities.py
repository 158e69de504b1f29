"""``GET /entities/search?q=`` and ``GET /entities/{id}``: shortcuts over saved queries."""

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from newsgraph.api.deps import RunnerDep
from newsgraph.api.errors import EntityNotFoundError
from newsgraph.api.models import openapi_parameters, query_model, respond_to_query_string
from newsgraph.api.schemas import ERROR_RESPONSES, QUERY_RESPONSES, EntityProfile
from newsgraph.graph.query.registry import QueryRegistry

__all__ = ["add_entity_routes"]

_RELATION_KEYS = ("relation", "direction", "relations", "partners", "partner_ids", "sources",
                  "evidence")  # fmt: skip


def _profile(records: list[dict[str, Any]]) -> dict[str, Any]:
    """``entity_profile`` rows folded into one entity with its relation groups."""
    first = records[0]
    return {
        "entity": first["entity"],
        "aliases": first["aliases"],
        "relations": [
            {key: row[key] for key in _RELATION_KEYS}
            for row in records
            if row["relation"] is not None
        ],
    }


def add_entity_routes(router: APIRouter, registry: QueryRegistry) -> None:
    """Add entity search (``entity_search``) and one entity's profile (``entity_profile``)
    straight onto ``router``, as :func:`api.routes.queries.add_query_routes` does."""
    tags: list[str | Enum] = ["entities"]
    search_parameters = openapi_parameters(query_model(registry.get("entity_search")))

    @router.get(
        "/entities/search",
        summary="Find entities by name or alias",
        tags=tags,
        openapi_extra={"parameters": search_parameters},
        response_class=Response,
        responses=QUERY_RESPONSES,
    )
    async def search(request: Request) -> Response:
        """The ``entity_search`` saved query (its parameters, in the query string)."""
        return await respond_to_query_string(request, "entity_search")

    @router.get("/entities/{entity_id}", summary="One entity with its relations", tags=tags,
                response_model=EntityProfile, responses=ERROR_RESPONSES)  # fmt: skip
    async def profile(
        entity_id: Annotated[str, Path(min_length=1, max_length=300)], runner: RunnerDep
    ) -> dict[str, Any]:
        """The ``entity_profile`` saved query, folded into one object; 404 when unknown."""
        page = await runner.page("entity_profile", {"id": entity_id, "limit": 500})
        records = [dict(zip(page.columns, row, strict=True)) for row in page.rows]
        if not records:
            raise EntityNotFoundError(f"no entity with id {entity_id!r}", id=entity_id)
        return _profile(records)
