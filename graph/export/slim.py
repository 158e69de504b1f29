"""The slim view of the whole graph: the attributes exports carry, page by page.

Nodes come as ``(id, attrs)`` and edges as ``(source, target, type, attrs)``, read
with ``cypher/export/{entities,relations,documents,mentions}.cypher`` by
:func:`newsgraph.graph.export.read.read_ahead`; or, for the file writers, each page as
:class:`newsgraph.graph.export.columns.Columns`, the attributes left in the columns the
store decoded (no dict per row is made only to be taken apart again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsgraph.graph.export.columns import Columns
from newsgraph.graph.export.read import (
    SLIM_READS,
    Edge,
    Job,
    Node,
    OnRows,
    attribute_spec,
    id_pages,
    read_ahead,
    shared_day,
)
from newsgraph.graph.stores.base import GraphStore, QueryResult

__all__ = ["SLIM_PAGE_SIZE", "Page", "slim_batches", "slim_columns", "slim_edges", "slim_nodes"]

SLIM_PAGE_SIZE = 1_000
"""Ids per page of the slim reads. Smaller than the full reads' pages: each page's
reply is decoded while the server reads the next, and a page that fits the processor's
caches decodes faster (on the 40k-document bench graph, ``to_networkx`` used 5-10%
less CPU with pages of 1,000 than of 5,000; the server's overhead per read is small
next to a page's rows)."""

Page = tuple[list[Node] | Columns, list[Edge] | Columns]
"""A page of ``(nodes, edges)``, each as rows or as :class:`Columns`."""


def slim_columns(result: QueryResult, keys: int, shared: bool = True) -> Columns:
    """A page of export/entities or export/documents (``keys=1``: the id), or of
    export/relations or export/mentions (``keys=3``: source, target and type), as columns
    converted to the exported types; ``shared``: repeated strings shared between rows
    (see :data:`newsgraph.graph.export.read._SHARED`)."""
    values = result.column_values()
    if not values or not values[0]:
        return Columns([[] for _ in range(keys)])
    first = 1 if keys == 1 else 2  # an edge's type is a key and an attribute
    spec = attribute_spec(result.columns[first:], shared)
    converted = [_column(convert, column)
                 for (_, convert), column in zip(spec, values[first:], strict=True)]  # fmt: skip
    key_columns = [values[0]] if keys == 1 else [values[0], values[1], converted[0]]
    return Columns(key_columns, {name: col for (name, _), col in zip(spec, converted, strict=True)})


def slim_nodes(result: QueryResult, shared: bool = True) -> list[Node]:
    """A page of export/entities or export/documents as ``(id, attrs)``."""
    return slim_columns(result, 1, shared).rows()


def slim_edges(result: QueryResult, shared: bool = True) -> list[Edge]:
    """A page of export/relations or export/mentions as ``(source, target, type, attrs)``."""
    return slim_columns(result, 3, shared).rows()


def _column(convert: Callable[[Any], Any] | None, column: Sequence[Any]) -> Sequence[Any]:
    """``convert`` applied to every value of ``column`` but ``None``; nothing done to a
    column whose values have the type ``convert`` makes already (as the engine sent them)."""
    if convert is None:
        return column
    if convert is shared_day:  # None stays None, and a date is made once per day
        return list(map(shared_day, column))
    if isinstance(convert, type) and set(map(type, column)) <= {convert, type(None)}:
        return column
    if None in column:
        return [value if value is None else convert(value) for value in column]
    return list(map(convert, column))


def slim_batches(
    store: GraphStore,
    *,
    include_documents: bool = False,
    page_size: int = SLIM_PAGE_SIZE,
    on_rows: OnRows | None = None,
    shared: bool = True,
    columns: bool = False,
) -> Iterator[Page]:
    """The whole graph as ``(nodes, edges)`` batches of export attributes: every node
    first (entities, then documents with ``include_documents``), in id order, then
    every edge (relations, then MENTIONS), by start node. ``shared`` shares repeated
    strings between rows: for a graph kept whole, not for pages written and dropped;
    ``columns`` gives each page as :class:`Columns` (for the file writers)."""
    reads = SLIM_READS if include_documents else SLIM_READS[:1]
    ids = {label: id_pages(store, id_name, page_size) for label, id_name, _, _ in reads}

    def nodes_only(result: QueryResult) -> Page:
        page = slim_columns(result, 1, shared)
        return (page if columns else page.rows()), []

    def edges_only(result: QueryResult) -> Page:
        page = slim_columns(result, 3, shared)
        return [], (page if columns else page.rows())

    jobs: list[Job[Page]] = [
        *((nodes, page, nodes_only) for label, _, nodes, _ in reads for page in ids[label]),
        *((edges, page, edges_only) for label, _, _, edges in reads for page in ids[label]),
    ]
    yield from read_ahead(store, jobs, on_rows)
