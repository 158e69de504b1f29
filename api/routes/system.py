"""``GET /health`` (the process answers) and ``GET /ready`` (the store answers)."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.api.deps import StoreDep
from newsgraph.api.schemas import ERROR_RESPONSES
from newsgraph.graph.errors import StoreUnavailableError
from newsgraph.graph.stores import ping

__all__ = ["router"]

router = APIRouter(tags=["system"])


@router.get("/health", summary="The process is up")
def health() -> dict[str, str]:
    """Always ``{"status": "ok"}`` while the process runs; needs no API key."""
    return {"status": "ok"}


@router.get("/ready", summary="The graph store answers", responses=ERROR_RESPONSES)
def ready(store: StoreDep) -> dict[str, str]:
    """``{"status": "ready", "engine"}``; 503 when the store does not answer."""
    if not ping(store):
        raise StoreUnavailableError(f"graph store at {store.info.url} is unreachable")
    return {"status": "ready", "engine": store.info.engine}
