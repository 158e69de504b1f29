"""``/docs``, ``/redoc`` and ``/openapi.json`` that work with no network.

Swagger UI and ReDoc come from the ``fastapi-offline`` package, which ships their
JavaScript and CSS (with their licences) as package data; they are served from
``/docs-assets`` and the pages carry a Content-Security-Policy that allows only this
origin, so a browser on a closed network never tries a CDN. The documents stay
readable without an API key (see :mod:`api.auth`); the OpenAPI document declares the
key's ``securitySchemes`` from FastAPI's own security helpers, and requires them on
every operation but ``/health`` when a key is configured.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.security import APIKeyHeader, HTTPBearer
from pydantic.json_schema import models_json_schema
from starlette.staticfiles import StaticFiles

from newsgraph.api.schemas import ErrorBody, GraphPage, ObjectsPage, RowsPage

__all__ = ["ASSETS", "CSP", "DOCS_PATHS", "install_docs"]

ASSETS = "/docs-assets"
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
       "worker-src 'self' blob:")  # fmt: skip
_SCHEMES = {
    "ApiKey": APIKeyHeader(name="X-API-Key", auto_error=False, description="The API key."),
    "Bearer": HTTPBearer(auto_error=False, description="The API key as a bearer token."),
}
_FASTAPI_422 = ("HTTPValidationError", "ValidationError")


def _assets() -> str:
    return str(files("fastapi_offline") / "static")


def _html(response: HTMLResponse) -> HTMLResponse:
    response.headers["Content-Security-Policy"] = CSP
    return response


def _extra_schemas() -> dict[str, Any]:
    """Response shapes a route lists by reference only (objects, graph, errors)."""
    _, schema = models_json_schema(
        [
            (RowsPage, "serialization"),
            (ObjectsPage, "serialization"),
            (GraphPage, "serialization"),
            (ErrorBody, "validation"),
        ],
        ref_template="#/components/schemas/{model}",
    )
    defs: dict[str, Any] = schema.get("$defs", {})
    return defs


def openapi_document(app: FastAPI, secured: bool) -> dict[str, Any]:
    """The OpenAPI document: routes, every response shape, and the key's security schemes."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, summary=app.summary,
                      description=app.description, routes=app.routes)  # fmt: skip
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name, schema in _extra_schemas().items():
        schemas.setdefault(name, schema)
    for name in _FASTAPI_422:  # every route documents newsgraph's error shape instead
        schemas.pop(name, None)
    components["securitySchemes"] = {
        name: scheme.model.model_dump(mode="json", by_alias=True, exclude_none=True)
        for name, scheme in _SCHEMES.items()
    }
    if secured:
        doc["security"] = [{name: []} for name in _SCHEMES]
        for path, operations in doc["paths"].items():
            if path == "/health":
                for operation in operations.values():
                    operation["security"] = []
    app.openapi_schema = doc
    return doc


def install_docs(app: FastAPI, *, secured: bool) -> None:
    """Serve ``/docs``, ``/redoc`` and their assets locally; build the OpenAPI document
    with :func:`openapi_document`. ``app`` must be made with ``docs_url=None`` and
    ``redoc_url=None``."""
    app.mount(ASSETS, StaticFiles(directory=_assets()), name="docs-assets")

    def prefix(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        root = prefix(request)
        return _html(get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json", title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS}/favicon.png",
            oauth2_redirect_url=f"{root}/docs/oauth2-redirect",
            swagger_ui_parameters={"validatorUrl": None},
        ))  # fmt: skip

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def oauth2_redirect() -> HTMLResponse:
        return _html(get_swagger_ui_oauth2_redirect_html())

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = prefix(request)
        return _html(get_redoc_html(
            openapi_url=f"{root}/openapi.json", title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS}/favicon.png", with_google_fonts=False,
        ))  # fmt: skip

    def build() -> dict[str, Any]:
        return openapi_document(app, secured)

    app.openapi = build  # type: ignore[method-assign]
