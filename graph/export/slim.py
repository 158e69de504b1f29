"""The slim view of the whole graph: the attributes exports carry, page by page.

Nodes come as ``(id, attrs)`` and edges as ``(source, target, type, attrs)``, read
with ``cypher/export/{entities,relations,documents,mentions}.cypher`` by
:func:`newsgraph.graph.export.read.read_ahead`; or, for the file writers, each page as
:class:`newsgraph.graph.export.columns.Columns`, the attributes left in the columns the
store decoded (no dict per row is made only to be taken apart again).

On FalkorDB the pages are read with the ``*_joined`` forms of these statements as text
(``read_pages(typed=False)``: FalkorDB's verbose replies, which tag no value with its
kind): every column's type is known here, so nothing needs decoding but the lists,
which come joined by :data:`JOIN_SEPARATOR` with their lengths beside them and are
split back. On the 40k-document bench graph the relations' replies took the client
0.15 s to read and split against 0.49 s to read and decode compact; ``to_networkx``
went from 1.2 s to about 0.9 s. A page whose lists do not split back to their lengths
(an item holding the separator) is read again with the plain statement; a page FalkorDB
will not join (an item that is not a string) is too, and the rest of the export is
read with the plain statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from itertools import repeat
from sys import intern
from typing import Any, cast

from newsgraph.graph.errors import SchemaError
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
from newsgraph.graph.stores.base import ColumnResult, GraphStore, QueryResult

__all__ = [
    "JOIN_SEPARATOR",
    "SLIM_PAGE_SIZE",
    "Page",
    "slim_batches",
    "slim_columns",
    "slim_edges",
    "slim_nodes",
    "unjoin",
]

SLIM_PAGE_SIZE = 1_000
"""Ids per page of the slim reads. Smaller than the full reads' pages: each page's
reply is decoded while the server reads the next, and a page that fits the processor's
caches decodes faster (on the 40k-document bench graph, ``to_networkx`` used 5-10%
less CPU with pages of 1,000 than of 5,000; the server's overhead per read is small
next to a page's rows)."""

JOIN_SEPARATOR = "\x1f"
"""Joins list items in the ``*_joined`` reads: the ASCII unit separator, which text
hardly ever holds (a page where it does is read again, typed)."""

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
    if not all(store.info.library.has(f"export/{name}_joined") for name in {j[0] for j in jobs}):
        yield from read_ahead(store, jobs, on_rows)
        return
    for (_, _, make), result in zip(jobs, _joined_reads(store, jobs, shared), strict=True):
        if on_rows is not None:
            on_rows(result.row_count())
        yield make(result)


def _joined_reads(store: GraphStore, jobs: list[Job[Page]], shared: bool) -> Iterator[QueryResult]:
    """Each job's result, read with the ``_joined`` form of its statement as text and
    its lists split back (:func:`unjoin`); read again with the plain statement, typed,
    where they do not split back. Once FalkorDB refuses to join a page, that page and
    the rest are read with the plain statements."""
    texts = store.info.library
    reads = ((texts.get(f"export/{name}_joined").text, {"ids": ids, "sep": JOIN_SEPARATOR})
             for name, ids, _ in jobs)  # fmt: skip
    done = 0
    with closing(store.read_pages(reads, typed=False)) as results:
        try:
            for result in results:
                split = unjoin(result, JOIN_SEPARATOR, shared)
                if split is None:
                    name, ids, _ = jobs[done]
                    split = store.run(texts.get(f"export/{name}").text, {"ids": ids})
                done += 1
                yield split
        except SchemaError:  # "Type mismatch": a list item that is not a string
            pass
    rest = ((texts.get(f"export/{name}").text, {"ids": ids}) for name, ids, _ in jobs[done:])
    with closing(store.read_pages(rest)) as results:
        yield from results


def unjoin(result: QueryResult, sep: str, shared: bool = True) -> QueryResult | None:
    """A ``*_joined`` read's result with each list column split back into lists (and its
    ``<name>__size`` column dropped), or ``None`` when a list does not split back to
    its length. ``shared``: lists of one item share it between rows (it is the joined
    text, interned: most relations have one source, and a document id repeats from
    relation to relation); interning every item of longer lists as well cost
    ``to_networkx`` of the bench graph 0.05 s more, a tenth of the export's own work."""
    names, values = result.columns, result.column_values()
    kept: list[str] = []
    columns: list[Sequence[Any]] = []
    for at, name in enumerate(names):
        if name.endswith("__size"):
            continue
        column = values[at] if values else []
        if at + 1 < len(names) and names[at + 1] == f"{name}__size":
            split = _split(column, values[at + 1] if values else [], sep, shared)
            if split is None:
                return None
            column = split
        kept.append(name)
        columns.append(column)
    if not result.row_count():
        return QueryResult(kept, [], result.stats)
    return ColumnResult(kept, columns, result.stats)


def _split(
    joined: Sequence[str | None], sizes: Sequence[int | None], sep: str, shared: bool
) -> list[list[str] | None] | None:
    """Joined lists split back (``None`` stays ``None``: no list), or ``None`` when one
    does not come back to its size."""
    if None in joined:
        present = [at for at, text in enumerate(joined) if text is not None]
        split = _split([joined[at] for at in present], [sizes[at] for at in present], sep,
                       shared)  # fmt: skip
        if split is None:
            return None
        lists: list[list[str] | None] = [None] * len(joined)
        for at, items in zip(present, split, strict=True):
            lists[at] = items
        return lists
    strings = cast("Sequence[str]", joined)  # no None left
    texts: Iterable[str] = map(intern, strings) if shared else strings
    parts = list(map(str.split, texts, repeat(sep)))  # a list of one item: its text, shared
    if list(map(len, parts)) != list(sizes):  # an empty list joins to "" and splits to [""]
        parts = [items if size else [] for items, size in zip(parts, sizes, strict=True)]
        if list(map(len, parts)) != list(sizes):
            return None
    return parts  # type: ignore[return-value]
