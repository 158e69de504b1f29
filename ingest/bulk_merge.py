"""The write Cypher of one batch, mirrored in Python for the bulk path (``ingest/bulk.py``).

Each method of :class:`BulkGraph` mirrors one statement of ``cypher/write/`` as it acts
on a store that only ever gains documents (the bulk path writes a first load, so
nothing is retracted and every mention and evidence record is new, ``fresh``):

- :meth:`BulkGraph.create_entities` -- the creation of ``merge_mentions.cypher``
- :meth:`BulkGraph.merge_entities` -- ``merge_entities.cypher``
- :meth:`BulkGraph.fold_mentions` -- the entity summaries of ``merge_mentions.cypher``,
  whose MENTIONS edges are :func:`mention_edges`
- :meth:`BulkGraph.merge_relations` -- ``merge_relations.cypher`` (which also creates the
  evidence records: their nodes and STATES links are :func:`evidence_nodes` and
  :func:`states_edges`)

Documents, mentions and evidence records are written once and never changed, so they
stream to the files; entities and edges are summaries that later batches change, so
they are held here (an edge keeps only its bounded sample, as in a store).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.graph.migrations import EDGE_SAMPLE

__all__ = ["BulkGraph", "evidence_nodes", "mention_edges", "states_edges"]

def mention_edges(mentions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``merge_mentions.cypher``: one MENTIONS edge per row, with its count, aliases and
    date."""
    return [{"source": m["doc"], "target": m["entity"], "type": "MENTIONS",
             "properties": {"count": m["count"], "aliases": m["aliases"], "date": m["date"]}}
            for m in mentions]  # fmt: skip


def evidence_nodes(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``merge_relations.cypher``: one Evidence node per record, its properties the row's
    ``props``."""
    return [{"id": r["id"], "labels": ["Evidence"], "properties": r["props"]} for r in records]


def states_edges(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``merge_relations.cypher``: the ``(:Document)-[:STATES]->(:Evidence)`` link of each
    record (no properties)."""
    return [{"source": r["doc"], "target": r["id"], "type": "STATES", "properties": {}}
            for r in records]  # fmt: skip


def _lower(old: Any, new: Any) -> Any:
    """``CASE WHEN m IS NULL OR new < m THEN new ELSE m END``."""
    return new if old is None or new < old else old


def _higher(old: Any, new: Any) -> Any:
    """``CASE WHEN m IS NULL OR new > m THEN new ELSE m END``."""
    return new if old is None or new > old else old


@dataclass
class _Edge:
    """An edge's properties as ``merge_relations`` leaves them; ``kept`` is its sample
    (the records of its sources, oldest first), from which the lists are written."""

    props: dict[str, Any] = field(default_factory=dict)
    kept: list[Mapping[str, Any]] = field(default_factory=list)
    datasets: set[str] = field(default_factory=set)


class BulkGraph:
    """Entities and edges of a first load, merged batch by batch as the store merges them."""

    def __init__(self, sample: int = EDGE_SAMPLE) -> None:
        self.sample = sample
        self.entities: dict[str, dict[str, Any]] = {}
        self.labels: dict[str, list[str]] = {}
        self.alias_counts: dict[str, dict[str, int]] = {}
        self.edges: dict[tuple[str, str, str], _Edge] = {}

    def create_entities(self, labels: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
        """``merge_mentions.cypher``'s creation: a missing entity is created with every label
        of its type, its name, type and Wikidata id (a null one is not stored)."""
        for row in rows:
            if row["id"] not in self.entities:
                self.entities[row["id"]] = {"name": row["name"], "type": row["type"],
                                            "wikidata": row["wikidata"]}  # fmt: skip
                self.labels[row["id"]] = list(labels)
                self.alias_counts[row["id"]] = {}

    def merge_entities(self, labels: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
        """``merge_entities.cypher``: a stored entity gains the labels of this type it
        lacks (appended, as FalkorDB lists labels) and keeps the first Wikidata id."""
        for row in rows:
            known = self.labels[row["id"]]
            known += [label for label in labels if label not in known]
            entity = self.entities[row["id"]]
            if entity["wikidata"] is None:
                entity["wikidata"] = row["wikidata"]

    def fold_mentions(self, mentions: Iterable[Mapping[str, Any]]) -> None:
        """``merge_mentions.cypher``'s summaries: each new mention adds its count, one
        document, its date to first/last seen and one document to each of its aliases'
        counts."""
        for m in mentions:
            entity = self.entities[m["entity"]]
            entity["mention_count"] = entity.get("mention_count", 0) + m["count"]
            entity["document_count"] = entity.get("document_count", 0) + 1
            entity["first_seen"] = _lower(entity.get("first_seen"), m["date"])
            entity["last_seen"] = _higher(entity.get("last_seen"), m["date"])
            counts = self.alias_counts[m["entity"]]
            for alias in m["aliases"]:
                counts[alias] = counts.get(alias, 0) + 1

    def merge_relations(self, rel_type: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """``merge_relations.cypher``: the edge of each row (merged) takes the deltas of the
        row's new records (the properties of each, in ``row["records"]``): source,
        evidence and reference counts, datasets, confidence, first/last seen; its sample
        becomes the ``sample`` newest of its old sample and the new text records, by date
        then document id, oldest first."""
        for row in rows:
            edge = self.edges.setdefault((row["src"], rel_type, row["dst"]), _Edge())
            fresh = list(row["records"])
            texts = [v for v in fresh if v["provenance"] == "text"]
            refs = [v for v in fresh if v["provenance"] == "reference"]
            candidates = sorted([*edge.kept, *texts], key=lambda v: (v["date"], v["doc"]))
            edge.kept = candidates[max(0, len(candidates) - self.sample) :]
            edge.datasets.update(v["dataset"] for v in refs)
            p = edge.props
            p["source_count"] = p.get("source_count", 0) + len(texts)
            p["evidence_count"] = p.get("evidence_count", 0) + sum(v["count"] for v in texts)
            p["reference_count"] = p.get("reference_count", 0) + len(refs)
            p["provenance"] = "text" if p["source_count"] > 0 else "reference"
            for v in fresh:
                p["confidence"] = _higher(p.get("confidence"), v["confidence"])
                p["first_seen"] = _lower(p.get("first_seen"), v["date"])
                p["last_seen"] = _higher(p.get("last_seen"), v["date"])
            p["extractor_version"] = row["version"]

    def entity_nodes(self) -> list[dict[str, Any]]:
        """Every entity as a node row of the import files, aliases sorted with their counts
        and joined with ``" | "`` as ``merge_mentions`` stores them."""
        nodes = []
        for key, props in self.entities.items():
            counts = self.alias_counts[key]
            aliases = sorted(counts)
            nodes.append({"id": key, "labels": self.labels[key], "properties": {
                **props, "aliases": aliases, "alias_counts": [counts[a] for a in aliases],
                "alias_text": " | ".join(aliases)}})  # fmt: skip
        return nodes

    def relation_edges(self) -> list[dict[str, Any]]:
        """Every edge as a relationship row: its summaries, ``datasets`` sorted, and its
        sample's parallel lists (documents and dates)."""
        edges = []
        for (src, rel_type, dst), edge in self.edges.items():
            props = edge.props | {
                "datasets": sorted(edge.datasets),
                "sources": [v["doc"] for v in edge.kept],
                "source_dates": [v["date"] for v in edge.kept],
            }
            edges.append({"source": src, "target": dst, "type": rel_type, "properties": props})
        return edges
