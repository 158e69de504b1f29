"""Paged reads of the whole graph (or a saved query's subgraph) for every exporter.

Nodes are read in pages ordered by their indexed ``id`` (keyset paging: each page
starts after the last id of the previous one), and each page's outgoing
relationships are read with one ``UNWIND $ids`` lookup, so every relationship is
read exactly once and no single result holds the whole graph.

Two views of the same data:

- *slim* (:func:`slim_batches`): the attributes exports carry, as
  ``(id, attrs)`` nodes and ``(source, target, type, attrs)`` edges, read with
  ``cypher/export/{entities,relations,documents,mentions}.cypher``;
- *full* (:func:`full_batches`): every label and property, for ``copy`` and
  ``neo4j-import``, read with ``cypher/export/*_full.cypher``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.schema import DOCUMENT_LABEL, ENTITY_LABEL
from graph.stores.base import GraphStore, QueryResult

__all__ = [
    "DOCUMENT_FIELDS",
    "EDGE_FIELDS",
    "ENTITY_FIELDS",
    "KEY_LABELS",
    "MENTION_FIELDS",
    "PAGE_SIZE",
    "EdgeBatch",
    "NodeBatch",
    "OnRows",
    "edge_attrs",
    "full_batches",
    "node_attrs",
    "prefetched",
    "slim_batches",
]

PAGE_SIZE = 5_000
KEY_LABELS = (ENTITY_LABEL, DOCUMENT_LABEL, "IngestRun")
"""Labels whose nodes have an indexed ``id``: every node of graph-shape has one of them."""
FULL_READS = (
    (ENTITY_LABEL, "entities_full", "relations_full"),
    (DOCUMENT_LABEL, "documents_full", "mentions_full"),
    ("IngestRun", "runs_full", None),
)
"""Key label, node page statement, and the statement for the relationships starting there."""

ENTITY_FIELDS = ("name", "type", "labels", "aliases", "wikidata", "first_seen", "last_seen",
                 "mention_count", "document_count")  # fmt: skip
DOCUMENT_FIELDS = ("type", "labels", "title", "url", "source", "published", "word_count")
EDGE_FIELDS = ("type", "sources", "evidence_count", "confidence", "first_seen", "last_seen")
MENTION_FIELDS = ("type", "count")

OnRows = Callable[[int], None]
"""Told how many rows each page brought (for progress bars)."""
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


def _intern(value: Any) -> Any:
    """Share repeated strings (types, dates, document ids) between edges: less memory."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [sys.intern(v) if isinstance(v, str) else v for v in value]
    return value


def node_attrs(labels: list[str], props: Mapping[str, Any]) -> dict[str, Any]:
    """The exported attributes of a node (entity or document), ``None`` values left out.

    Documents get ``type = "Document"`` so that every node has a type.
    """
    is_doc = DOCUMENT_LABEL in labels
    attrs: dict[str, Any] = {"type": DOCUMENT_LABEL} if is_doc else {}
    attrs["labels"] = [sys.intern(label) for label in labels]
    for key in DOCUMENT_FIELDS[2:] if is_doc else ENTITY_FIELDS:
        value = props.get(key)
        if value is not None and key not in attrs:
            attrs[key] = _intern(value)
    return attrs


def edge_attrs(rel_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """The exported attributes of a relationship, ``None`` values left out."""
    attrs: dict[str, Any] = {"type": sys.intern(rel_type)}
    for key in MENTION_FIELDS[1:] if rel_type == "MENTIONS" else EDGE_FIELDS[1:]:
        value = props.get(key)
        if value is not None:
            attrs[key] = _intern(value)
    if "confidence" in attrs:  # one type per attribute, whatever the engine returned
        attrs["confidence"] = float(attrs["confidence"])
    return attrs


def _pages(store: GraphStore, text: str, page_size: int) -> Iterator[list[dict[str, Any]]]:
    """Keyset paging on ``id``: each page starts after the last id of the one before."""
    after = ""
    while True:
        rows = store.run(text, {"after": after, "limit": page_size}).records()
        if rows:
            yield rows
        if len(rows) < page_size:
            return
        after = rows[-1]["id"]


_DONE = object()


def prefetched(items: Iterator[Any]) -> Iterator[Any]:
    """Advance ``items`` one step ahead in a worker thread.

    The store spends most of a page waiting on the server (socket reads release
    the GIL), so reading page k+1 while the caller builds page k hides that wait.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="newsgraph-export") as pool:
        future = pool.submit(next, items, _DONE)
        while (item := future.result()) is not _DONE:
            future = pool.submit(next, items, _DONE)
            yield item


def _slim_pages(
    store: GraphStore, nodes: str, edges: str, page_size: int
) -> Iterator[tuple[list[dict[str, Any]], QueryResult]]:
    node_text = store.library.get(f"export/{nodes}").text
    edge_text = store.library.get(f"export/{edges}").text
    for page in _pages(store, node_text, page_size):
        yield page, store.run(edge_text, {"ids": [row["id"] for row in page]})


def _slim_kind(
    store: GraphStore, nodes: str, edges: str, page_size: int, on_rows: OnRows | None
) -> Iterator[tuple[list[Node], list[Edge]]]:
    for page, result in prefetched(_slim_pages(store, nodes, edges, page_size)):
        node_batch = [(row["id"], node_attrs(row["labels"], row)) for row in page]
        cols = result.columns
        edge_batch = []
        for values in result.rows:
            row = dict(zip(cols, values, strict=True))
            rel_type = row["type"]
            edge_batch.append((row["source"], row["target"], rel_type, edge_attrs(rel_type, row)))
        if on_rows is not None:
            on_rows(len(node_batch) + len(edge_batch))
        yield node_batch, edge_batch


def slim_batches(
    store: GraphStore,
    *,
    include_documents: bool = False,
    page_size: int = PAGE_SIZE,
    on_rows: OnRows | None = None,
) -> Iterator[tuple[list[Node], list[Edge]]]:
    """The whole graph as ``(nodes, edges)`` batches of export attributes.

    Entities first (with the relations that start at them), then, with
    ``include_documents``, documents with their MENTIONS.
    """
    yield from _slim_kind(store, "entities", "relations", page_size, on_rows)
    if include_documents:
        yield from _slim_kind(store, "documents", "mentions", page_size, on_rows)


def full_batches(
    store: GraphStore,
    *,
    page_size: int = PAGE_SIZE,
    on_rows: OnRows | None = None,
    nodes: bool = True,
    edges: bool = True,
) -> Iterator[NodeBatch | EdgeBatch]:
    """Every node (by key label) and relationship, with all labels and properties.

    Each page of nodes is followed by the relationships that start there; with
    ``nodes=False`` or ``edges=False`` that part is left out (``copy`` writes every
    node before any relationship, whose ends must exist).
    """
    for label, node_name, edge_name in FULL_READS:
        node_text = store.library.get(f"export/{node_name}").text
        edge_text = store.library.get(f"export/{edge_name}").text if edge_name else ""
        if not nodes and not edge_name:
            continue
        for page in _pages(store, node_text, page_size):
            count = 0
            if nodes:
                yield NodeBatch(label, page)
                count += len(page)
            if edges and edge_name:
                rows = store.run(edge_text, {"ids": [row["id"] for row in page]}).records()
                yield EdgeBatch(label, rows)
                count += len(rows)
            if on_rows is not None:
                on_rows(count)
