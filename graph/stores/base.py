"""The store protocol every engine implements, and the plain values results come back as.

Results never leak driver types: a node is ``{"element_id", "id", "labels",
"properties"}``, a relationship ``{"element_id", "type", "start", "end",
"properties"}`` (``start``/``end`` are element ids), a path ``{"nodes": [...],
"relationships": [...]}``, and temporal values are ISO-8601 strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast, runtime_checkable

from newsgraph.graph.cypher import CypherLibrary

__all__ = [
    "WRITE_COUNTERS",
    "ColumnResult",
    "GraphStore",
    "QueryResult",
    "Step",
    "StoreInfo",
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

    def row_count(self) -> int:
        """How many rows there are (without making them, where the engine decoded columns)."""
        return len(self.rows)

    def scalar(self) -> Any:
        """The first value of the first row, or ``None``."""
        return self.rows[0][0] if self.rows and self.rows[0] else None

    def column_values(self) -> Sequence[Sequence[Any]]:
        """The values of each column, in column order (as many as :attr:`columns`)."""
        if not self.rows:
            return [[] for _ in self.columns]
        return list(zip(*self.rows, strict=True))


class ColumnResult(QueryResult):
    """A result an engine decoded a column at a time: :attr:`rows` are made from the
    columns only when asked for (exports read the columns, so a page is never turned
    into rows and back)."""

    def __init__(
        self, columns: list[str], values: Sequence[Sequence[Any]], stats: dict[str, int]
    ) -> None:
        self.columns, self.stats = columns, stats
        self._values: Sequence[Sequence[Any]] | None = values
        self._rows: list[list[Any]] | None = None

    @property
    def rows(self) -> list[list[Any]]:
        """Rows of plain values, made from the columns on first use."""
        if self._rows is None:
            self._rows = list(map(list, zip(*self._values or [], strict=True)))
        return self._rows

    @rows.setter
    def rows(self, rows: list[list[Any]]) -> None:
        self._rows, self._values = rows, None

    def row_count(self) -> int:
        if self._values is None:
            return super().row_count()
        return len(self._values[0]) if self._values else 0

    def column_values(self) -> Sequence[Sequence[Any]]:
        """The values of each column, as the engine decoded them."""
        return self._values if self._values is not None else super().column_values()


@dataclass(frozen=True)
class StoreInfo:
    """What a store is, as plain values: which engine, where, its Cypher statements."""

    engine: str
    """``falkordb`` or ``neo4j``: picks Cypher overrides in :attr:`library`."""
    url: str
    """Where the store is, for messages (never with a password)."""
    library: CypherLibrary
    """The Cypher statements as this engine sees them."""
    single_writer: bool
    """Writes take the store's one-writer lock (held until ``close``)."""
    reach: Mapping[str, Any] | None = None
    """How another process opens this same graph (``newsgraph.graph.stores.reopen``), as
    JSON-friendly values; ``None`` when it cannot (parallel export workers)."""


@runtime_checkable
class GraphStore(Protocol):
    """What newsgraph needs from a graph database: eight members.

    Pipelining (a read in flight while the caller decodes the one before, a write
    transaction running while the caller builds the next) is the engine's own business,
    behind :meth:`read_pages` and :meth:`write_batches`. Planning a statement
    (``explain``) and asking whether the store answers (``ping``) are helpers in
    ``newsgraph.graph.stores`` built on :meth:`run`.
    """

    @property
    def info(self) -> StoreInfo:
        """Engine, URL and Cypher library."""
        ...

    def run(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        explain: bool = False,
    ) -> QueryResult:
        """Run one statement in a read-only transaction, with a timeout. With ``explain``
        plan it without running it: one column ``plan``, a row per line; raise on an
        invalid statement."""
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

    def read_pages(
        self, reads: Iterable[Step], *, timeout_ms: int | None = None, typed: bool = True
    ) -> Generator[QueryResult, None, None]:
        """Run each read-only ``(statement, params)`` in order and yield its result; the
        engine may have the next read in flight while the caller works on this one.
        ``timeout_ms`` bounds each read. ``typed=False``: the engine may send values
        other than integers, strings and nulls as text, for statements whose columns'
        types the caller knows and converts (FalkorDB's verbose replies; other engines
        send typed values anyway).
        Stopping early is fine: what is in flight is read and dropped."""
        ...

    def write(self, steps: Sequence[Step], *, schema: bool = False) -> list[QueryResult]:
        """Run the statements as one write transaction: all of them or none. Takes the
        store's writer lock (when it has one) on the first write, until :meth:`close`.
        ``schema``: the statements are schema DDL (index, constraint), run each on its
        own, outside the writer lock."""
        ...

    def write_batches(
        self, batches: Iterable[Sequence[Step]]
    ) -> Generator[list[QueryResult], None, None]:
        """:meth:`write` each batch in order, yielding its results once it is committed;
        the engine may run one batch while the caller's iterable builds the next. A
        failed batch raises here and nothing after it is written."""
        ...

    def persist(self, *, wait: bool = False) -> None:
        """Make committed writes durable now (a snapshot where the engine needs one)."""
        ...

    def close(self) -> None:
        """Release connections (async ones of :meth:`run_async` too) and the embedded
        server, when this was its last user."""
        ...


def plain(value: Any) -> Any:
    """Convert temporal values and containers to JSON-friendly Python values: a Cypher
    ``date`` (FalkorDB's, or the Neo4j driver's ``neo4j.time.Date``) becomes ``YYYY-MM-DD``
    text on both engines, so the API, CLI and exports see one form."""
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
