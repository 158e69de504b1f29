"""The API's errors: newsgraph's one hierarchy rendered as one JSON shape.

Every error response is ``{"error": {"code", "message", ...}}``. Handlers cover the
hierarchy (:class:`~graph.errors.NewsgraphError` carries its status), request
validation (422 naming the parameter), HTTP errors from routing (404, 405), and, as
a last resort, any unexpected exception (logged, 500, no traceback in the body).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.graph.errors import BadParameterError, NewsgraphError

__all__ = ["EntityNotFoundError", "NotAuthenticatedError", "error_response", "install_handlers"]

log = logging.getLogger("newsgraph.api")


class NotAuthenticatedError(NewsgraphError):
    """The API key is missing or wrong."""

    status_code = 401
    exit_code = 2
    code = "unauthorized"


class EntityNotFoundError(NewsgraphError):
    """No entity has this id."""

    status_code = 404
    exit_code = 2
    code = "entity_not_found"


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}


def error_response(error: NewsgraphError, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response for one of newsgraph's errors."""
    return JSONResponse(error.to_dict(), status_code=error.status_code, headers=headers)


def _param_name(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    return parts[0] if parts else None


def validation_error(exc: RequestValidationError) -> BadParameterError:
    """A :class:`BadParameterError` naming the first bad parameter of a request."""
    problems = []
    for item in exc.errors():
        name = _param_name(item.get("loc", ()))
        if item.get("type") == "extra_forbidden":
            message = f"unknown parameter {name!r}"
        elif item.get("type") == "missing":
            message = f"missing required parameter {name!r}" if name else "missing request body"
        else:
            message = f"parameter {name!r}: {item.get('msg', 'invalid')}"
        problems.append({"param": name, "message": message})
    if not problems:
        return BadParameterError("invalid request", param=None, problems=[])
    first = problems[0]
    return BadParameterError(str(first["message"]), param=first["param"], problems=problems)


async def _newsgraph_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewsgraphError)
    if exc.status_code >= 500:
        log.warning("%s: %s", exc.code, exc.message)
    return error_response(exc)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(validation_error(exc))


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    body = {"error": {"code": code, "message": str(exc.detail)}}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    body = {"error": {"code": "internal_error", "message": "internal server error"}}
    return JSONResponse(body, status_code=500)


def install_handlers(app: FastAPI) -> None:
    """Register the one set of exception handlers on ``app``."""
    app.add_exception_handler(NewsgraphError, _newsgraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
