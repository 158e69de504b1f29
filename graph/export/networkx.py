"""The graph as a :class:`networkx.MultiDiGraph`: the whole graph, or a saved query's subgraph.

Nodes are keyed by entity id (documents, when included, by document id) and carry
``name``, ``type``, ``labels``, ``aliases`` and the other attributes listed in
:mod:`newsgraph.graph.export.read`; edges are keyed by relation type and carry ``type``,
``sources``, ``evidence_count``, ``confidence``, ``first_seen`` and ``last_seen``
(MENTIONS: ``type``, ``count``, ``aliases`` and ``date``). Dates (``first_seen``,
``last_seen``, ``published``, ``date``) are :class:`datetime.date` values. File formats
(:mod:`newsgraph.graph.export.files`) and the notebook example are built on this one
function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.export.files import FileGraph, write_csv, write_json
from newsgraph.graph.export.neo4j_import import Neo4jImport, export_neo4j_import, write_neo4j_import
from newsgraph.graph.export.read import (
    KEY_LABELS,
    Edge,
    EdgeBatch,
    Node,
    NodeBatch,
    OnRows,
    edge_attrs,
    node_attrs,
)
from newsgraph.graph.export.slim import SLIM_PAGE_SIZE, slim_batches
from newsgraph.graph.export.xml import write_gexf, write_graphml
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.schema import DOCUMENT_LABEL
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.graph.stores.base import GraphStore

__all__ = [
    "FILE_WRITERS",
    "FORMATS",
    "ExportResult",
    "Subgraph",
    "export_to",
    "saved_query_subgraph",
    "to_networkx",
]

FORMATS = ("graphml", "gexf", "json", "csv", "neo4j-import")
FILE_WRITERS: dict[str, Callable[[FileGraph, Path], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
}
"""Format name -> writer of a :class:`newsgraph.graph.export.files.FileGraph` to a path."""


@dataclass
class Subgraph:
    """The nodes and relationships a saved query returned, in the full form of
    :func:`newsgraph.graph.export.read.full_batches` (so every exporter can take either)."""

    batches: list[NodeBatch | EdgeBatch]
    truncated: bool
    dangling: int
    """Relationships left out because the query did not return one of their ends."""


def _key_label(labels: Iterable[str]) -> str | None:
    return next((label for label in KEY_LABELS if label in labels), None)


def saved_query_subgraph(
    store: GraphStore,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    settings: Settings | None = None,
) -> Subgraph:
    """Run saved query ``query`` and collect the nodes, relationships and paths it returns.

    Bound, capped and timed out like any saved query (``row_cap``,
    ``query_timeout_ms``); ``truncated`` says the cap was hit.
    """
    from newsgraph.graph.query.registry import (
        load_registry,  # the registry loads every query file: lazily
    )
    from newsgraph.graph.query.results import to_graph

    settings = settings or get_settings()
    page = load_registry(store.info.engine).run(
        store, query, dict(params or {}), row_cap=settings.row_cap,
        timeout_ms=settings.query_timeout_ms,
    )  # fmt: skip
    found = to_graph(page)
    nodes: dict[str, NodeBatch] = {}
    ids: dict[str, tuple[str, str]] = {}  # element id -> (key label, id)
    for node in found["nodes"]:
        label = _key_label(node["labels"])
        if label is None or node["id"] is None:
            continue
        ids[node["element_id"]] = (label, node["id"])
        batch = nodes.setdefault(label, NodeBatch(label))
        batch.rows.append(
            {"id": node["id"], "labels": node["labels"], "properties": node["properties"]}
        )
    edges: dict[str, EdgeBatch] = {}
    dangling = 0
    for rel in found["edges"]:
        if rel["start"] not in ids or rel["end"] not in ids:
            dangling += 1
            continue
        (label, source), (_, target) = ids[rel["start"]], ids[rel["end"]]
        row = {"source": source, "target": target, "type": rel["type"],
               "properties": rel["properties"]}  # fmt: skip
        edges.setdefault(label, EdgeBatch(label)).rows.append(row)
    batches: list[NodeBatch | EdgeBatch] = [*nodes.values(), *edges.values()]
    return Subgraph(batches, page.truncated, dangling)


def _subgraph_items(subgraph: Subgraph, include_documents: bool) -> tuple[list[Node], list[Edge]]:
    keep = {label for label in KEY_LABELS if include_documents or label != DOCUMENT_LABEL}
    keep.discard("IngestRun")
    keep.discard("Evidence")
    nodes: list[Node] = []
    edges: list[Edge] = []
    for batch in subgraph.batches:
        if isinstance(batch, NodeBatch) and batch.key_label in keep:
            nodes += [(r["id"], node_attrs(r["labels"], r["properties"])) for r in batch.rows]
        elif isinstance(batch, EdgeBatch) and batch.start_label in keep:
            edges += [(r["source"], r["target"], r["type"], edge_attrs(r["type"], r["properties"]))
                      for r in batch.rows]  # fmt: skip
    return nodes, edges


@gc_paused(keep=True)
def to_networkx(
    store: GraphStore,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    include_documents: bool = False,
    page_size: int = SLIM_PAGE_SIZE,
    on_rows: OnRows | None = None,
    settings: Settings | None = None,
) -> nx.MultiDiGraph:
    """The whole graph, or the subgraph saved query ``query`` returns, as a MultiDiGraph.

    Documents and MENTIONS are left out unless ``include_documents``. The whole
    graph is read in pages of ``page_size`` nodes; ``on_rows`` hears how many
    rows each page brought.
    ``graph.graph["truncated"]`` is true when a saved query hit the row cap.
    """
    graph = nx.MultiDiGraph(source=store.info.url)
    if query is None:
        for nodes, edges in slim_batches(
            store, include_documents=include_documents, page_size=page_size, on_rows=on_rows
        ):
            graph.add_nodes_from(nodes)
            graph.add_edges_from(edges)
        return graph
    nodes, edges, truncated = _query_items(
        store, query, params, include_documents, on_rows, settings=settings
    )
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    graph.graph.update(query=query, truncated=truncated)
    return graph


def _query_items(
    store: GraphStore,
    query: str,
    params: Mapping[str, Any] | None,
    include_documents: bool,
    on_rows: OnRows | None,
    **options: Any,
) -> tuple[list[Node], list[Edge], bool]:
    """Saved query ``query``'s subgraph as export nodes and edges, and its truncation."""
    subgraph = saved_query_subgraph(store, query, params, **options)
    nodes, edges = _subgraph_items(subgraph, include_documents)
    if on_rows is not None:
        on_rows(len(nodes) + len(edges))
    return nodes, edges, subgraph.truncated


@dataclass
class ExportResult:
    """What an export wrote."""

    format: str
    output: Path
    nodes: int
    edges: int
    truncated: bool = False
    neo4j: Neo4jImport | None = None


@gc_paused()
def export_to(
    store: GraphStore,
    fmt: str,
    output: Path,
    *,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    include_documents: bool = False,
    on_rows: OnRows | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
) -> ExportResult:
    """Export the whole graph (or saved query ``query``'s subgraph) as ``fmt`` to ``output``.

    ``output`` is a file for graphml, gexf and json, a folder for csv and
    neo4j-import. ``neo4j-import`` always carries everything (documents, every
    property); the other formats carry the attributes of :func:`to_networkx`.
    ``workers``: processes for a whole-graph neo4j-import (see
    :func:`.neo4j_import.export_neo4j_import`; default: one per core, up to 4).
    """
    if fmt == "neo4j-import":
        if query is None:
            report, truncated = (
                export_neo4j_import(store, output, on_rows=on_rows, workers=workers),
                False,
            )
        else:
            sub = saved_query_subgraph(store, query, params, settings=settings)
            report, truncated = write_neo4j_import(sub.batches, output), sub.truncated
        nodes = sum(n for name, n in report.rows.items() if name not in _EDGE_FILES)
        edges = sum(n for name, n in report.rows.items() if name in _EDGE_FILES)
        return ExportResult(fmt, output, nodes, edges, truncated, report)
    if fmt not in FILE_WRITERS:
        raise BadParameterError(f"unknown export format {fmt!r}", allowed=list(FORMATS))
    graph = FileGraph([], {"source": store.info.url}, include_documents)
    if query is None:
        graph.batches = slim_batches(
            store, include_documents=include_documents, on_rows=on_rows, shared=False,
            columns=True,
        )  # each page is written and dropped: sharing its strings would only cost time
    else:
        items = _query_items(
            store, query, params, include_documents, on_rows, settings=settings
        )
        graph.batches = [items[:2]]
        graph.attrs.update(query=query, truncated=items[2])
    FILE_WRITERS[fmt](graph, output)
    return ExportResult(fmt, output, graph.nodes, graph.edges, bool(graph.attrs.get("truncated")))


_EDGE_FILES = ("relations.csv", "mentions.csv")
