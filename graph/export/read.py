"""Paged reads of the whole graph (or a saved query's subgraph) for every exporter.

The ids of each key label are read first, in keyset pages of :data:`ID_PAGE` (one
column, ordered by the indexed ``id``); nodes are then read by pages of these ids,
and each page's outgoing relationships with one ``UNWIND $ids`` lookup, so every
relationship is read exactly once and no single result holds the whole graph. Each
page's read is sent before the previous page is decoded (:meth:`GraphStore.read_pages`),
so the server works while Python decodes, on one thread.

Two views of the same data:

- *slim* (:func:`newsgraph.graph.export.slim.slim_batches`): the attributes exports
  carry, as ``(id, attrs)`` nodes and ``(source, target, type, attrs)`` edges, read with
  ``cypher/export/{entities,relations,documents,mentions}.cypher``; every node
  comes before any edge;
- *full* (:func:`full_batches`): every label and property, for ``copy`` and
  ``neo4j-import``, read with ``cypher/export/*_full.cypher``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, TypeVar

from newsgraph.graph.schema import DOCUMENT_LABEL, ENTITY_LABEL
from newsgraph.graph.stores.base import GraphStore, QueryResult

__all__ = [
    "ATTRIBUTE_TYPES",
    "DATE_FIELDS",
    "DOCUMENT_FIELDS",
    "EDGE_FIELDS",
    "ENTITY_FIELDS",
    "ID_PAGE",
    "KEY_LABELS",
    "MENTION_FIELDS",
    "PAGE_SIZE",
    "SLIM_READS",
    "Edge",
    "EdgeBatch",
    "Job",
    "Node",
    "NodeBatch",
    "OnRows",
    "Spec",
    "as_date",
    "attribute_spec",
    "edge_attrs",
    "full_batches",
    "id_pages",
    "node_attrs",
    "read_ahead",
    "shared_day",
]

PAGE_SIZE = 5_000
ID_PAGE = 100_000
KEY_LABELS = (ENTITY_LABEL, DOCUMENT_LABEL, "IngestRun", "Evidence")
"""Labels whose nodes have an indexed ``id``: every node of graph-shape has one of them."""
SLIM_READS = (
    (ENTITY_LABEL, "entity_ids", "entities", "relations"),
    (DOCUMENT_LABEL, "document_ids", "documents", "mentions"),
)
FULL_READS = (
    (ENTITY_LABEL, "entity_ids", "entities_full", "relations_full"),
    (DOCUMENT_LABEL, "document_ids", "documents_full", "mentions_full"),
    ("IngestRun", "run_ids", "runs_full", None),
    ("Evidence", "evidence_ids", "evidence_full", "states_full"),
)
"""Key label, then the statements for its ids, its node pages, and the relationships
read by pages of its ids (those starting there; for Evidence, the STATES links ending
there)."""

ENTITY_FIELDS = ("name", "type", "labels", "aliases", "wikidata", "first_seen", "last_seen",
                 "mention_count", "document_count")  # fmt: skip
DOCUMENT_FIELDS = ("type", "labels", "title", "url", "source", "published", "word_count")
EDGE_FIELDS = ("type", "sources", "evidence_count", "confidence", "first_seen", "last_seen",
               "source_count", "provenance")  # fmt: skip
"""``sources`` is the edge's sample (its newest sources); ``source_count`` counts them all."""
MENTION_FIELDS = ("type", "count", "aliases", "date")
ATTRIBUTE_TYPES: dict[str, type] = {
    "labels": list, "aliases": list, "sources": list, "confidence": float,
    "mention_count": int, "document_count": int, "word_count": int,
    "evidence_count": int, "count": int, "source_count": int,
}  # fmt: skip
"""The type of every exported attribute that is not a string (dates: :data:`DATE_FIELDS`)."""
DATE_FIELDS = frozenset({"first_seen", "last_seen", "published", "date"})
"""Attributes stored as Cypher dates. Stores return them as ISO text (plain values);
:func:`to_networkx` makes them :class:`datetime.date`, file formats keep the text."""

OnRows = Callable[[int], None]
"""Told how many rows each page brought (for progress bars)."""
T = TypeVar("T")
Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


@dataclass
class NodeBatch:
    """Full nodes sharing one key label: rows ``{"id", "labels", "properties"}``."""

    key_label: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class EdgeBatch:
    """Full relationships from ``start_label`` nodes to entities:
    rows ``{"source", "target", "type", "properties"}``."""

    start_label: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def as_date(value: Any) -> Any:
    """``value`` as a :class:`datetime.date` (or ``datetime`` with a time) when it is ISO
    text; anything else (``None``, a date already, free text) as it is."""
    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return value


@lru_cache(maxsize=1 << 16)
def shared_day(value: str) -> Any:
    """:func:`as_date`, one object per distinct day (shared between rows, as strings are)."""
    return as_date(value)


_TYPED: dict[str, Callable[[Any], Any]] = {
    name: kind for name, kind in ATTRIBUTE_TYPES.items() if kind is not list
}  # one type per attribute, whatever the engine returned
_SHARED: dict[str, Callable[[Any], Any]] = {
    **_TYPED, "type": sys.intern,
    "first_seen": shared_day, "last_seen": shared_day, "published": shared_day, "date": shared_day,
}  # fmt: skip
""":data:`_TYPED`, dates as :class:`datetime.date`, and relation types shared between
rows (stores share the strings inside lists, such as labels and document ids, between
rows themselves): measured on 500k relations (before dates were date objects),
``to_networkx`` peaks at 487 MiB with them shared, 644 MiB without."""
Spec = Sequence[tuple[str, Callable[[Any], Any] | None]]


def attribute_spec(columns: Iterable[str], shared: bool = True) -> Spec:
    """Each column's name and the conversion the exports apply to its values (``shared``:
    dates and relation types made once and shared between rows)."""
    convert = _SHARED if shared else _TYPED
    return [(name, convert.get(name)) for name in columns]


def _attrs(spec: Spec, values: Iterable[Any]) -> dict[str, Any]:
    """The attributes of one row: ``None`` values left out, the others converted."""
    attrs = {}
    for (name, convert), value in zip(spec, values, strict=True):
        if value is not None:
            attrs[name] = convert(value) if convert else value
    return attrs


def node_attrs(labels: list[str], props: dict[str, Any]) -> dict[str, Any]:
    """The exported attributes of a node (entity or document) from its labels and
    properties, ``None`` values left out. Documents get ``type = "Document"``."""
    if DOCUMENT_LABEL in labels:
        values = [DOCUMENT_LABEL, labels, *map(props.get, DOCUMENT_FIELDS[2:])]
        return _attrs(_DOCUMENT_SPEC, values)
    return _attrs(_ENTITY_SPEC, [labels, *map(props.get, _ENTITY_SPEC_NAMES[1:])])


def edge_attrs(rel_type: str, props: dict[str, Any]) -> dict[str, Any]:
    """The exported attributes of a relationship, ``None`` values left out."""
    names = MENTION_FIELDS if rel_type == "MENTIONS" else EDGE_FIELDS
    return _attrs(attribute_spec(names), [rel_type, *map(props.get, names[1:])])


_ENTITY_SPEC_NAMES = ("labels", *(name for name in ENTITY_FIELDS if name != "labels"))
_ENTITY_SPEC = attribute_spec(_ENTITY_SPEC_NAMES)  # the order of export/entities: labels first
_DOCUMENT_SPEC = attribute_spec(DOCUMENT_FIELDS)


def id_pages(store: GraphStore, name: str, page_size: int = PAGE_SIZE) -> list[list[str]]:
    """Every id of one key label, in order, cut into pages of ``page_size``."""
    text = store.info.library.get(f"export/{name}").text
    pages: list[list[str]] = []
    after = ""
    while True:
        ids = [row[0] for row in store.run(text, {"after": after, "limit": ID_PAGE}).rows]
        pages += [ids[start : start + page_size] for start in range(0, len(ids), page_size)]
        if len(ids) < ID_PAGE:
            return pages
        after = ids[-1]


Job = tuple[str, list[str], Callable[[QueryResult], T]]
"""A read: the statement's name, its page of ids, what to make of its result."""


def read_ahead(store: GraphStore, jobs: Iterable[Job[T]], on_rows: OnRows | None) -> Iterator[T]:
    """Every job's read, made into its value, in order (:meth:`GraphStore.read_pages`
    may have the next read in flight while the caller works on this one's)."""
    jobs = list(jobs)
    reads = ((_text(store, name), {"ids": ids}) for name, ids, _ in jobs)
    with closing(store.read_pages(reads)) as results:  # stopped early: the store tidies up
        for (_, _, make), result in zip(jobs, results, strict=True):
            if on_rows is not None:
                on_rows(result.row_count())
            yield make(result)


def _text(store: GraphStore, name: str) -> str:
    return store.info.library.get(f"export/{name}").text


def full_batches(
    store: GraphStore,
    *,
    page_size: int = PAGE_SIZE,
    on_rows: OnRows | None = None,
    nodes: bool = True,
    edges: bool = True,
) -> Iterator[NodeBatch | EdgeBatch]:
    """Every node (by key label) and relationship, with all labels and properties.

    Every node comes before any relationship (``copy`` needs both ends to exist);
    with ``nodes=False`` or ``edges=False`` that part is left out.
    """
    reads = [read for read in FULL_READS if nodes or read[3]]
    ids = {label: id_pages(store, id_name, page_size) for label, id_name, _, _ in reads}
    jobs: list[Job[NodeBatch | EdgeBatch]] = []
    for label, _, node_name, _ in reads if nodes else ():
        jobs += [(node_name, page, partial(_node_batch, label)) for page in ids[label]]
    for label, _, _, edge_name in reads:
        if edges and edge_name:
            jobs += [(edge_name, page, partial(_edge_batch, label)) for page in ids[label]]
    yield from read_ahead(store, jobs, on_rows)


def _node_batch(label: str, result: QueryResult) -> NodeBatch:
    return NodeBatch(label, result.records())


def _edge_batch(label: str, result: QueryResult) -> EdgeBatch:
    return EdgeBatch(label, result.records())
