"""``create_app()``: the FastAPI application over the graph store and the saved queries.

The lifespan opens the store (``graph.stores.open_store`` plus the schema DDL) unless
one is passed in, and loads the saved-query registry for its engine. Routes are
generated from the saved-query headers when the app is created; parameters are the
same on every engine (``load_registry`` checks that overrides match).

Around the routes: ``/docs`` and ``/redoc`` served offline (:mod:`api.docs`), empty
query-string values dropped on ``/export`` (:mod:`api.empty_params`), ``ETag``/304 from
the graph's last write (:mod:`api.caching`), gzip over 1 KiB, then the API key and CORS.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from newsgraph.api.auth import ApiKeyMiddleware, checked_api_key
from newsgraph.api.caching import ETagMiddleware
from newsgraph.api.deps import QueryRunner
from newsgraph.api.docs import install_docs
from newsgraph.api.empty_params import EmptyParamsMiddleware
from newsgraph.api.errors import install_handlers
from newsgraph.api.limits import BodyLimitMiddleware
from newsgraph.api.routes import style, system
from newsgraph.api.routes.entities import add_entity_routes
from newsgraph.api.routes.export import router as export_router
from newsgraph.api.routes.queries import add_query_routes
from newsgraph.graph.cypher import ENGINES
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.graph.stores import GraphStore, open_store

__all__ = ["create_app"]


def _lifespan(
    settings: Settings, given: GraphStore | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = given or open_store(settings)
        try:
            if given is None:
                ensure_schema(store)
            app.state.store = store
            app.state.registry = load_registry(store.info.engine)
            app.state.runner = QueryRunner(store, app.state.registry, settings)
            # Everything made so far (modules, routes, pydantic models) lives as long as
            # the app: out of the collector's sight, a full collection under load took
            # 36 ms instead of well under 1 ms, and it stalled every request in flight.
            gc.collect()
            gc.freeze()
            yield
        finally:
            gc.unfreeze()
            if given is None:
                store.close()

    return lifespan


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The newsgraph API. A ``store`` passed in is used as is and never closed here."""
    settings = settings or get_settings()
    routes_registry = load_registry(store.info.engine if store is not None else ENGINES[0])
    app = FastAPI(
        title="newsgraph",
        summary="Saved queries over a knowledge graph built from news articles.",
        version="0.1.0",
        lifespan=_lifespan(settings, store),
        docs_url=None,  # served offline by install_docs
        redoc_url=None,
    )
    app.state.settings = settings
    install_handlers(app)
    add_query_routes(app.router, routes_registry)  # the hot routes: first, and not included
    add_entity_routes(app.router, routes_registry)
    app.include_router(system.router)
    app.include_router(style.router)
    app.include_router(export_router)
    api_key = checked_api_key(settings.api_key) if settings.api_key is not None else None
    install_docs(app, secured=api_key is not None)
    app.add_middleware(EmptyParamsMiddleware)  # "types=" means not given, on /export too
    app.add_middleware(ETagMiddleware)  # inside gzip and the key check: tags what is sent
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    if api_key is not None:
        app.add_middleware(ApiKeyMiddleware, api_key=api_key)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
            expose_headers=["X-Truncated"],
        )
    return app
