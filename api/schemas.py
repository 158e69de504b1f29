"""Response models: what every route sends, as JSON Schema in ``/openapi.json``.

Handlers build their bodies with orjson for speed (see :mod:`api.deps`); these models
only describe the bodies, so generated clients and schemathesis' response checks see
exactly what the server sends, errors included (``{"error": {...}}``, never FastAPI's
``{"detail": [...]}``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ERROR_RESPONSES",
    "QUERY_RESPONSES",
    "EntityProfile",
    "ErrorBody",
    "ErrorDetail",
    "GraphEdge",
    "GraphNode",
    "GraphPage",
    "ObjectsPage",
    "RowsPage",
]


class ErrorDetail(BaseModel):
    """The one error shape: a code, a message, and details such as ``param``."""

    model_config = ConfigDict(extra="allow")

    code: str = Field(description="Stable machine-readable code, e.g. bad_parameter.")
    message: str = Field(description="What went wrong, naming the parameter or id.")


class ErrorBody(BaseModel):
    """Every error response: ``{"error": {"code", "message", ...}}``."""

    error: ErrorDetail


class _Page(BaseModel):
    query: str = Field(description="The saved query's name.")
    truncated: bool = Field(description="More rows exist past this page.")
    limit: int = Field(description="Rows asked for (after the server's row cap).")
    offset: int = Field(description="Rows skipped.")
    count: int = Field(description="Rows in this page.")
    next: str | None = Field(description="URL of the next page when truncated, else null.")


class RowsPage(_Page):
    """``format=rows`` (``shape=arrays``, the default): one array of cells per row."""

    columns: list[str]
    rows: list[list[Any]]


class ObjectsPage(_Page):
    """``format=rows&shape=objects``: one object per row, keyed by column."""

    columns: list[str]
    rows: list[dict[str, Any]]


class GraphNode(BaseModel):
    """A node keyed by its entity (or document) id; ``element_id`` is the engine's own."""

    id: str | None = Field(description="Entity or document id; null for other nodes.")
    labels: list[str]
    properties: dict[str, Any]
    element_id: str = Field(description="Engine element id (differs between stores).")


class GraphEdge(BaseModel):
    """A relationship between two nodes, by their ids."""

    key: str = Field(description="start|TYPE|end, or the element id when an end is unknown.")
    type: str
    start: str | None = Field(description="id of the start node (null if not in the result).")
    end: str | None = Field(description="id of the end node (null if not in the result).")
    properties: dict[str, Any]
    element_id: str = Field(description="Engine element id (differs between stores).")


class EntityProfile(BaseModel):
    """``GET /entities/{id}``: one entity, its aliases and its relation groups."""

    entity: dict[str, Any] = Field(description="The node: id, labels, properties, element_id.")
    aliases: list[str] | None
    relations: list[dict[str, Any]] = Field(
        description="One group per relation type and direction: partners, sources, evidence."
    )


class GraphPage(_Page):
    """``format=graph``: the nodes and edges found anywhere in the rows."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("Bad input"),
    401: _error("API key missing or wrong (when one is configured)"),
    404: _error("Unknown saved query or entity"),
    422: _error("Bad, unknown or missing parameter"),
    500: _error("Internal error"),
    503: _error("Store unavailable"),
    504: _error("Query timed out"),
}

_ROWS_SCHEMA = {
    "anyOf": [
        {"$ref": "#/components/schemas/RowsPage"},
        {"$ref": "#/components/schemas/ObjectsPage"},
        {"$ref": "#/components/schemas/GraphPage"},
    ]
}

QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One page of rows: rows (arrays or objects), graph or CSV",
        "content": {
            "application/json": {"schema": _ROWS_SCHEMA},
            "text/csv": {"schema": {"type": "string"}},
        },
        "headers": {
            "ETag": {"schema": {"type": "string"}, "description": "Changes on every write."}
        },
    },
    304: {"description": "Not modified since the ETag in If-None-Match"},
    **ERROR_RESPONSES,
}
