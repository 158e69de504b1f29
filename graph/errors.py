"""One error hierarchy for newsgraph. Each error knows its HTTP status and exit code."""

from __future__ import annotations

from typing import Any

__all__ = [
    "BadInputError",
    "BadParameterError",
    "NewsgraphError",
    "QueryTimeoutError",
    "SchemaError",
    "StoreUnavailableError",
    "UnknownQueryError",
]


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""

    status_code = 500
    exit_code = 1
    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The JSON error body: ``{"error": {"code", "message", ...details}}``."""
        return {"error": {"code": self.code, "message": self.message, **self.details}}


class SchemaError(NewsgraphError):
    """The graph schema, a Cypher file or a batch does not fit the schema."""

    status_code = 500
    exit_code = 3
    code = "schema_error"


class BadInputError(NewsgraphError):
    """An input file or document cannot be read or parsed."""

    status_code = 400
    exit_code = 2
    code = "bad_input"


class UnknownQueryError(NewsgraphError):
    """No saved query has this name."""

    status_code = 404
    exit_code = 2
    code = "unknown_query"


class BadParameterError(NewsgraphError):
    """A query parameter is missing, unknown, of the wrong type or out of range."""

    status_code = 422
    exit_code = 2
    code = "bad_parameter"


class QueryTimeoutError(NewsgraphError):
    """The store gave up on a query after the configured timeout."""

    status_code = 504
    exit_code = 4
    code = "timeout"


class StoreUnavailableError(NewsgraphError):
    """The graph store cannot be reached or started."""

    status_code = 503
    exit_code = 5
    code = "store_unavailable"
