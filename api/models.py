"""Saved-query parameters over HTTP: OpenAPI types for every one, read from the headers.

Each saved query gets a query-string model (its parameters plus ``format``) and a
strict JSON body model (its parameters); both forbid unknown fields. The body model
validates ``POST`` bodies. The query-string model only describes ``GET`` requests in
OpenAPI (:func:`openapi_parameters`): ``GET`` routes read the query string with
:func:`query_string` and leave checking and conversion to the registry, the one
definition of what is allowed, as the CLI does. Validating through a pydantic model
as well cost more CPU per request than running the query (``bench/api.py``).
"""

from __future__ import annotations

import keyword
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, create_model
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api.deps import FORMATS, SHAPES, QueryRunner, render
from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.query.params import ParamSpec
from newsgraph.graph.query.registry import QueryPage, SavedQuery

__all__ = [
    "body_model",
    "model_params",
    "next_url",
    "openapi_parameters",
    "query_model",
    "query_string",
    "respond_to_query_string",
]

_SCALARS: dict[str, Any] = {
    "string": str, "search": str, "int": int, "float": float, "bool": bool,
    "date": Annotated[str, Field(json_schema_extra={"format": "date"})],
}  # fmt: skip
"""Python types of the parameter kinds; a ``date`` is ISO text (OpenAPI ``format: date``),
checked by the registry, which names the parameter when it is not a real YYYY-MM-DD."""


def _field_name(name: str) -> str:
    """A Python-safe field name (``from`` → ``from_``); the alias keeps the real name."""
    return f"{name}_" if keyword.iskeyword(name) or hasattr(BaseModel, name) else name


def _annotation(spec: ParamSpec) -> Any:
    if spec.kind == "list":
        item = Literal[spec.values] if spec.values else _SCALARS[spec.item or "string"]
        base: Any = list[item]  # type: ignore[valid-type]
    elif spec.kind == "enum":
        base = Literal[spec.values]
    else:
        base = _SCALARS[spec.kind]
    return base | None if spec.nullable else base


def _int(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def _constraints(spec: ParamSpec) -> dict[str, Any]:
    if spec.kind in ("int", "float"):
        return {"ge": spec.minimum, "le": spec.maximum} | (
            {"allow_inf_nan": False} if spec.kind == "float" else {}
        )
    if spec.kind in ("string", "search", "list"):
        return {"min_length": _int(spec.minimum), "max_length": _int(spec.maximum)}
    return {}


def _field(spec: ParamSpec, example: str | None) -> tuple[Any, Any]:
    extra = {k: v for k, v in _constraints(spec).items() if v is not None}
    default = ... if spec.required else spec.default
    examples = [example] if example is not None and spec.kind in ("string", "search") else None
    description = spec.help or None
    info = Field(default, alias=spec.name, description=description, examples=examples, **extra)
    return _annotation(spec), info


def _fields(query: SavedQuery) -> dict[str, tuple[Any, Any]]:
    return {_field_name(p.name): _field(p, query.example.get(p.name)) for p in query.params}


def _model_name(query: SavedQuery, suffix: str) -> str:
    return "".join(part.capitalize() for part in query.name.split("_")) + suffix


def query_model(query: SavedQuery) -> type[BaseModel]:
    """The query-string model of ``query``: its parameters, ``format`` and ``shape``."""
    fmt = (Literal[FORMATS], Field("rows", description="rows, graph or csv"))
    shape = (Literal[SHAPES], Field("arrays", description="rows as arrays or objects"))
    return create_model(  # type: ignore[call-overload]
        _model_name(query, "Query"),
        __config__=ConfigDict(extra="forbid", populate_by_name=True),
        format=fmt,
        shape=shape,
        **_fields(query),
    )


def body_model(query: SavedQuery) -> type[BaseModel]:
    """The strict JSON body model of ``query``: its parameters only."""
    return create_model(  # type: ignore[call-overload]
        _model_name(query, "Body"),
        __config__=ConfigDict(extra="forbid", strict=True, populate_by_name=True),
        **_fields(query),
    )


def model_params(model: BaseModel | None) -> dict[str, Any]:
    """The saved-query parameters a request model holds (set ones only; ``format`` dropped)."""
    if model is None:
        return {}
    values = model.model_dump(by_alias=True, exclude_unset=True)
    values.pop("format", None)
    values.pop("shape", None)
    return values


def openapi_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI ``parameters`` (in the query string) for the fields of ``model``, as FastAPI
    writes them for a query-parameter model: a route that reads the query string itself
    passes these as ``openapi_extra`` so ``/docs`` still types every parameter."""
    schema = model.model_json_schema(by_alias=True)
    if "$defs" in schema:
        raise ValueError(f"{model.__name__}: nested definitions cannot be query parameters")
    required = set(schema.get("required", ()))
    parameters = []
    for name, field in schema["properties"].items():
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required,
                                     "schema": field}  # fmt: skip
        if "description" in field:
            parameter["description"] = field["description"]
        parameters.append(parameter)
    return parameters


def _one(raw: dict[str, Any], key: str, allowed: tuple[str, ...], default: str) -> str:
    value = raw.pop(key, default)
    if value not in allowed:
        raise BadParameterError(
            f"parameter {key!r} must be one of {', '.join(allowed)}; got {value!r}", param=key
        )
    return str(value)


def query_string(
    params: QueryParams, query: SavedQuery | None = None
) -> tuple[dict[str, Any], str, str]:
    """The saved-query parameters of a query string, still as text, the ``format`` and the
    ``shape``.

    A key given more than once is a list (``types=MEETS&types=LEADS``); a list given once
    may also be comma-separated. An empty value (``types=``) means the parameter is not
    given, as dashboard selectors send "all"; ``null`` sets a nullable parameter of
    ``query`` to null. Unknown keys stay in for the registry to reject by name.
    """
    raw: dict[str, Any] = {}
    for key, value in params.multi_items():
        if value == "":
            continue
        if key not in raw:
            raw[key] = value
        elif isinstance(raw[key], list):
            raw[key].append(value)
        else:
            raw[key] = [raw[key], value]
    fmt = _one(raw, "format", FORMATS, "rows")
    shape = _one(raw, "shape", SHAPES, "arrays")
    for spec in query.params if query is not None else ():
        if spec.nullable and raw.get(spec.name) == "null":
            raw[spec.name] = None
    return raw, fmt, shape


def _text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def next_url(request: Request, query: SavedQuery, page: QueryPage,
             params: dict[str, Any] | None = None) -> str | None:  # fmt: skip
    """The ready URL of the page after ``page`` (``None`` when it is the last one).

    ``GET`` keeps the request's own query string with the next ``offset``; for ``POST``,
    ``params`` (the body) become a ``GET`` query string, lists as repeated keys.
    """
    if not page.truncated:
        return None
    offset = page.offset + page.limit
    maximum = query.param("offset").maximum
    if maximum is not None and offset > maximum:
        return None
    if params is None:
        return str(request.url.include_query_params(offset=offset))
    pairs: list[tuple[str, str]] = []
    for key, value in {**params, "offset": offset}.items():
        items = value if isinstance(value, list) else [value]
        pairs += [(key, _text(item)) for item in items]
    kept = [(k, v) for k, v in request.query_params.multi_items() if k in ("format", "shape")]
    return str(request.url.replace(query=urlencode(pairs + kept)))


async def respond_to_query_string(request: Request, name: str) -> Response:
    """Run saved query ``name`` with the parameters, ``format`` and ``shape`` of
    ``request``'s query string (the ``GET`` routes of queries and entity search)."""
    runner: QueryRunner = request.app.state.runner
    query = runner.registry.get(name)
    params, fmt, shape = query_string(request.query_params, query)
    page = await runner.page(name, query.parse_text(params))
    return render(page, fmt, shape, next_url(request, query, page))
