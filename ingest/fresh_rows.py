"""The summaries a batch gives its entities and edges, as if each were new.

An entity or edge that is not stored yet cannot have stored mentions or evidence
records (they hang off it), so every mention and record of the batch is new for it, and
its summaries are the batch's own: counts, dates, aliases with their counts, the dated
source sample. They are computed here, once, by the Python mirror of the write
statements (:class:`newsgraph.ingest.bulk_merge.BulkGraph`), and sent beside each row:
``write/merge_mentions`` and ``write/merge_relations`` create a missing entity or edge
with them, whole, instead of creating it bare and folding the batch in by deltas (on
FalkorDB a node updated after its creation is indexed twice, and the delta expressions
cost more than the creation). A stored entity or edge ignores them and takes the deltas
of its new mentions and records, checked in the same statement, so a replayed batch
creates and counts nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsgraph.ingest.bulk_merge import BulkGraph

__all__ = ["create_rows"]

Labels = tuple[str, ...]


def create_rows(
    entities: Mapping[Labels, Sequence[Mapping[str, Any]]],
    mentions: Sequence[Mapping[str, Any]],
    relations: Mapping[str, Sequence[Mapping[str, Any]]],
    sample: int,
) -> tuple[dict[Labels, dict[str, list[dict[str, Any]]]], dict[str, list[dict[str, Any]]]]:
    """For a batch's rows (the fields of :class:`newsgraph.ingest.writer.Rows`), the
    parameters of ``write/merge_mentions`` (by labels: ``rows``, each entity with its
    mentions and the place ``at`` of its summaries as if new in ``own``) and the rows of
    ``write/merge_relations`` (by relation type: each edge with its summaries as if new
    beside its records). An entity's summaries travel apart from its row, so the
    statement carries one number through its mentions, not seven values."""
    graph = BulkGraph(sample)
    for labels, group in entities.items():
        graph.create_entities(labels, group)
    graph.fold_mentions(mentions)
    by_entity: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for mention in mentions:
        by_entity[mention["entity"]].append(mention)
    summaries = {node["id"]: node["properties"] for node in graph.entity_nodes()}
    entity_params = {}
    for labels, group in entities.items():
        entity_params[labels] = {
            "rows": [{"id": row["id"], "name": row["name"], "type": row["type"],
                      "wikidata": row["wikidata"], "at": at, "mentions": by_entity[row["id"]]}
                     for at, row in enumerate(group)],
            "own": [{key: summaries[row["id"]][key] for key in _SUMMARIES} for row in group],
        }  # fmt: skip
    for rel_type, group in relations.items():
        graph.merge_relations(rel_type, group)
    edges = {(e["source"], e["type"], e["target"]): e["properties"]
             for e in graph.relation_edges()}  # fmt: skip
    edge_rows = {
        rel_type: [edges[(row["src"], rel_type, row["dst"])] | dict(row) for row in group]
        for rel_type, group in relations.items()
    }
    return entity_params, edge_rows


_SUMMARIES = ("mention_count", "document_count", "first_seen", "last_seen", "aliases",
              "alias_counts", "alias_text")  # fmt: skip
