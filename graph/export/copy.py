"""``copy``: the whole graph, or a saved query's subgraph, into another store.

Writes are idempotent batched ``UNWIND ... MERGE`` statements on the indexed ``id``
(``cypher/export/merge_*.cypher``): every node first, then every relationship (whose
ends must exist), one transaction per page. Copying twice changes nothing.
Labels and relation types enter the statements only through :func:`graph.schema.fill_names`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.graph.export.read import PAGE_SIZE, EdgeBatch, NodeBatch, OnRows, full_batches
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.schema import DOCUMENT_LABEL, fill_names
from newsgraph.graph.stores.base import GraphStore, Step

__all__ = ["CopyReport", "copy_batches", "copy_graph"]

WRITE_ROWS = 5_000


@dataclass
class CopyReport:
    """How many nodes and relationships were written to the target."""

    nodes: int = 0
    relationships: int = 0


def _chunks(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), WRITE_ROWS):
        yield rows[start : start + WRITE_ROWS]


def _node_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": row["id"], "properties": row["properties"]} for row in rows]


def _node_steps(target: GraphStore, batch: NodeBatch) -> list[Step]:
    own = {"IngestRun": "export/merge_runs", "Evidence": "export/merge_evidence"}
    if batch.key_label in own:  # not schema names: their own statements
        text = target.info.library.get(own[batch.key_label]).text
        return [(text, {"rows": chunk}) for chunk in _chunks(_node_rows(batch.rows))]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in batch.rows:
        groups[tuple(row["labels"])].append(row)
    template = target.info.library.get("export/merge_nodes")
    steps: list[Step] = []
    for labels, rows in groups.items():
        text = fill_names(template, {"KEY": [batch.key_label], "LABELS": labels})
        steps += [(text, {"rows": chunk}) for chunk in _chunks(_node_rows(rows))]
    return steps


def _edge_steps(target: GraphStore, batch: EdgeBatch) -> list[Step]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in batch.rows:
        groups[row["type"]].append(
            {"source": row["source"], "target": row["target"], "properties": row["properties"]}
        )
    steps: list[Step] = []
    for rel_type, rows in groups.items():
        if batch.start_label == "Evidence":  # STATES links, read by pages of records
            text = target.info.library.get("export/merge_states").text
        elif batch.start_label == DOCUMENT_LABEL:  # MENTIONS is structural, not a schema type
            text = target.info.library.get("export/merge_mentions").text
        else:
            merge = target.info.library.get("export/merge_relations")
            text = fill_names(merge, {"TYPE": [rel_type]})
        steps += [(text, {"rows": chunk}) for chunk in _chunks(rows)]
    return steps


def copy_batches(target: GraphStore, batches: Iterable[NodeBatch | EdgeBatch]) -> CopyReport:
    """Write ``batches`` into ``target``, one transaction per batch, in the order given
    (nodes must come before the relationships that join them)."""
    report = CopyReport()
    for batch in batches:
        if isinstance(batch, NodeBatch):
            steps = _node_steps(target, batch)
            report.nodes += len(batch.rows)
        else:
            steps = _edge_steps(target, batch)
            report.relationships += len(batch.rows)
        if steps:
            target.write(steps)
    return report


def copy_graph(
    source: GraphStore,
    target: GraphStore,
    batches: Sequence[NodeBatch | EdgeBatch] | None = None,
    *,
    page_size: int = PAGE_SIZE,
    on_rows: OnRows | None = None,
) -> CopyReport:
    """Copy the whole graph of ``source`` (or the given ``batches``, e.g. a saved query's
    subgraph) into ``target``: schema first, all nodes, then all relationships."""
    ensure_schema(target, migrate=False)  # a copy keeps the source's shape
    if batches is not None:
        ordered = sorted(batches, key=lambda b: isinstance(b, EdgeBatch))
        report = copy_batches(target, ordered)
    else:
        report = copy_batches(
            target, full_batches(source, page_size=page_size, on_rows=on_rows, edges=False)
        )
        edges = copy_batches(
            target, full_batches(source, page_size=page_size, on_rows=on_rows, nodes=False)
        )
        report.relationships = edges.relationships
    target.persist(wait=True)
    return report
