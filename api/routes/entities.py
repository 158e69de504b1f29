"""``GET /entities/search?q=`` and ``GET /entities/{id}``: shortcuts over saved queries."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import RunnerDep
from api.errors import EntityNotFoundError
from api.models import model_params, query_model
from graph.queries import QueryRegistry

__all__ = ["entities_router"]

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


def entities_router(registry: QueryRegistry) -> APIRouter:
    """Entity search (``entity_search``) and one entity's profile (``entity_profile``)."""
    router = APIRouter(tags=["entities"])
    search_cls = query_model(registry.get("entity_search"))

    @router.get("/entities/search", summary="Find entities by name or alias")
    async def search(params: Annotated[search_cls, Query()], runner: RunnerDep) -> Response:  # type: ignore[valid-type]
        """The ``entity_search`` saved query."""
        return await runner.respond("entity_search", model_params(params), params.format)  # type: ignore[attr-defined]

    @router.get("/entities/{entity_id}", summary="One entity with its relations")
    async def profile(
        entity_id: Annotated[str, Path(min_length=1, max_length=300)], runner: RunnerDep
    ) -> dict[str, Any]:
        """The ``entity_profile`` saved query, folded into one object; 404 when unknown."""
        page = await runner.page("entity_profile", {"id": entity_id, "limit": 500})
        records = [dict(zip(page.columns, row, strict=True)) for row in page.rows]
        if not records:
            raise EntityNotFoundError(f"no entity with id {entity_id!r}", id=entity_id)
        return _profile(records)

    return router
