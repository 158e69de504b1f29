"""The store protocol every engine implements, and the plain values results come back as.

Results never leak driver types: a node is ``{"element_id", "id", "labels",
"properties"}``, a relationship ``{"element_id", "type", "start", "end",
"properties"}`` (``start``/``end`` are element ids), a path ``{"nodes": [...],
"relationships": [...]}``, and temporal values are ISO-8601 strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast, runtime_checkable

from newsgraph.graph.cypher import CypherLibrary

__all__ = [
    "WRITE_COUNTERS",
    "GraphStore",
    "QueryResult",
    "Step",
    "node_value",
    "relationship_value",
]

WRITE_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "properties_removed",
    "labels_added",
    "indexes_added",
)
"""The keys of :attr:`QueryResult.stats`, the same on every engine."""

Step = tuple[str, Mapping[str, Any]]
"""One statement of a write transaction: ``(cypher_text, params)``."""


@dataclass
class QueryResult:
    """Columns, rows of plain Python values, and the write counters."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Any:
        """The first value of the first row, or ``None``."""
        return self.rows[0][0] if self.rows and self.rows[0] else None


@runtime_checkable
class GraphStore(Protocol):
    """What newsgraph needs from a graph database."""

    engine: str
    """``falkordb`` or ``neo4j``: picks Cypher overrides in :attr:`library`."""
    url: str
    """Where the store is, for messages (never with a password)."""

    @property
    def library(self) -> CypherLibrary:
        """The Cypher statements as this engine sees them."""
        ...

    def run(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        """Run one statement in a read-only transaction, with a timeout."""
        ...

    async def run_async(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        """:meth:`run` for code on an event loop (the API)."""
        ...

    async def aclose(self) -> None:
        """Release what :meth:`run_async` opened; :meth:`close` still has to be called."""
        ...

    def begin_run(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> Callable[[], QueryResult]:
        """Start :meth:`run` and return the function that finishes it: waits for the
        result, raises its error or returns it. Call it exactly once; several reads may
        be in flight at a time. An engine that cannot overlap a read with the caller's
        work runs it here and returns its result."""
        ...

    def write(self, steps: Sequence[Step]) -> list[QueryResult]:
        """Run the statements as one write transaction: all of them or none."""
        ...

    def begin_write(
        self, steps: Sequence[Step], after: Callable[[], object] | None = None
    ) -> Callable[[], list[QueryResult]]:
        """Start :meth:`write` and return the function that finishes it: waits for the
        transaction, raises its error or returns its results. Must be called exactly once,
        before the next write. ``after`` is called before this write starts (and may
        raise to stop it): the caller finishes its previous write there, after the engine
        has done the work it can do ahead. An engine that cannot overlap a write with the
        caller's work runs it here and returns its results."""
        ...

    def run_ddl(self, statement: str) -> None:
        """Run one schema statement (index, constraint) outside any saved-query rules."""
        ...

    def explain(self, statement: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """Plan a statement without running it; raise on an invalid one."""
        ...

    def ping(self) -> bool:
        """True when the store answers."""
        ...

    def hold_writer_lock(self) -> bool:
        """Take the store's one-writer lock now unless held (writes take it anyway) and
        keep it until :meth:`close`; False when this engine has no writer lock."""
        ...

    def persist(self, *, wait: bool = False) -> None:
        """Make committed writes durable now (a snapshot where the engine needs one)."""
        ...

    def close(self) -> None:
        """Release connections (and the embedded server, when this was its last user)."""
        ...


def plain(value: Any) -> Any:
    """Convert temporal values and containers to JSON-friendly Python values."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    return value


def node_value(
    element_id: str,
    labels: Sequence[str],
    properties: Mapping[str, Any],
    *,
    converted: bool = False,
) -> dict:
    """The plain form of a node. ``converted``: ``properties`` is already a plain dict of
    the caller's own, used as it is (the FalkorDB decoder builds it so)."""
    props = _plain_properties(properties, converted)
    return {
        "element_id": element_id,
        "id": props.get("id"),
        "labels": sorted(labels),
        "properties": props,
    }


def relationship_value(
    element_id: str,
    rel_type: str,
    start: str,
    end: str,
    properties: Mapping[str, Any],
    *,
    converted: bool = False,
) -> dict:
    """The plain form of a relationship; ``start``/``end`` are node element ids;
    ``converted`` as for :func:`node_value`."""
    return {
        "element_id": element_id,
        "type": rel_type,
        "start": start,
        "end": end,
        "properties": _plain_properties(properties, converted),
    }


def _plain_properties(properties: Mapping[str, Any], converted: bool) -> dict[str, Any]:
    if converted:
        return cast(dict[str, Any], properties)
    result: dict[str, Any] = plain(dict(properties))
    return result
