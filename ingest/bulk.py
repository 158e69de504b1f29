"""The bulk path: neo4j-admin import files straight from shards, no store in between.

``newsgraph export --format neo4j-import --from-extracted DIR`` runs it.

The first load of a backfill skips the store: the shards' documents are read in order
(as ``ingest --extracted`` reads them: duplicates, version and schema checks included),
turned into rows by the writer's own row builder, and the rows are merged here the way
``cypher/write/merge_*.cypher`` merges them in a store: aliases united in sorted order,
counts added, first/last seen widened, the support and evidence lists of an edge
appended document by document. The files are then written by the neo4j-import writer,
so they equal ``export --format neo4j-import`` of a store that ingested the same shards
(up to ``ingested_at`` and the IngestRun file, which a store has and shards do not).

Documents and their mentions stream to the files; entities and edges are held until the
end, as a store holds them: memory grows with the graph, not with the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.export.neo4j_import import Neo4jImport, write_neo4j_import
from newsgraph.graph.export.read import EdgeBatch, NodeBatch
from newsgraph.graph.model import ExtractedDocument
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.shards import ShardDocument, read_shards
from newsgraph.ingest.writer import GraphWriter, check_document

__all__ = ["ShardImport", "neo4j_import_from_shards"]

_CHUNK = 200
_LISTS = ("sources", "source_counts", "source_dates", "ev_doc", "ev_sentence", "ev_start",
          "ev_end", "ev_rule", "ev_confidence")  # fmt: skip


@dataclass
class ShardImport:
    """The files written, and the shard records that were refused (file:line: reason)."""

    neo4j: Neo4jImport
    documents: int = 0
    failures: list[str] = field(default_factory=list)


class _Graph:
    """Entities and edges merged across chunks as the write Cypher merges them."""

    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.labels: dict[str, list[str]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add_entity(self, labels: tuple[str, ...], row: dict[str, Any]) -> None:
        known = self.labels.setdefault(row["id"], [])
        known += [label for label in labels if label not in known]
        old = self.entities.get(row["id"])
        if old is None:
            old = self.entities[row["id"]] = {"name": row["name"], "type": row["type"],
                                              "aliases": [], "mention_count": 0,
                                              "document_count": 0, "wikidata": None,
                                              "first_seen": row["first_seen"],
                                              "last_seen": row["last_seen"]}  # fmt: skip
        old["wikidata"] = row["wikidata"] or old["wikidata"]
        old["mention_count"] += row["mentions"]
        old["document_count"] += row["documents"]
        old["first_seen"] = min(old["first_seen"], row["first_seen"])
        old["last_seen"] = max(old["last_seen"], row["last_seen"])
        old["aliases"] = sorted(set(old["aliases"]) | set(row["aliases"]))
        old["alias_text"] = " | ".join(old["aliases"])

    def add_edge(self, rel_type: str, row: dict[str, Any]) -> None:
        key = (row["src"], rel_type, row["dst"])
        old = self.edges.get(key)
        if old is None:
            old = self.edges[key] = {name: [] for name in _LISTS} | {
                "evidence_count": 0, "confidence": row["confidence"],
                "first_seen": row["first_seen"], "last_seen": row["last_seen"]}  # fmt: skip
        for name in _LISTS:
            old[name] += row[name]
        old["evidence_count"] += row["evidence_count"]
        old["confidence"] = max(old["confidence"], row["confidence"])
        old["first_seen"] = min(old["first_seen"], row["first_seen"])
        old["last_seen"] = max(old["last_seen"], row["last_seen"])
        old["extractor_version"] = row["version"]


def _row_builder(version: str, evidence_per_document: int) -> GraphWriter:
    """The writer's row builder (a writer that never touches a store)."""
    store = cast(GraphStore, None)  # rows need the schema only
    return GraphWriter(store, evidence_per_document=evidence_per_document,
                       extractor_version=version)  # fmt: skip


def _accepted(
    items: Iterable[Any], failures: list[str]
) -> Iterator[ExtractedDocument]:
    """The shard documents ``ingest --extracted`` would write into an empty store."""
    seen: dict[str, str] = {}
    for item in items:
        if not isinstance(item, ShardDocument) or item.extracted is None:
            failures.append(str(item))
            continue
        if item.id in seen:
            if seen[item.id] != item.content_hash:
                failures.append(f"{item.path}: document id {item.id!r} appears twice with "
                                "different text; the first one was kept")  # fmt: skip
            continue
        seen[item.id] = item.content_hash
        try:
            check_document(item.extracted)
        except SchemaError as exc:
            failures.append(f"{item.path}: {exc.message}")
            continue
        yield item.extracted


def _chunks(items: Iterable[ExtractedDocument]) -> Iterator[list[ExtractedDocument]]:
    chunk: list[ExtractedDocument] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _batches(
    paths: Iterable[str | Path], version: str, evidence_per_document: int, report: ShardImport
) -> Iterator[NodeBatch | EdgeBatch]:
    writer = _row_builder(version, evidence_per_document)
    graph = _Graph()
    documents = _accepted(read_shards(paths, version=version), report.failures)
    for chunk in _chunks(documents):
        rows = writer._rows(chunk)
        report.documents += len(chunk)
        yield NodeBatch("Document", [{"id": r["id"], "labels": ["Document"],
                                      "properties": r["props"]} for r in rows.documents])
        yield EdgeBatch("Document", [{"source": m["doc"], "target": m["entity"],
                                      "type": "MENTIONS", "properties": m}
                                     for m in rows.mentions])  # fmt: skip
        for labels, entity_rows in rows.entities.items():
            for row in entity_rows:
                graph.add_entity(labels, row)
        for rel_type, rel_rows in rows.relations.items():
            for row in rel_rows:
                graph.add_edge(rel_type, row)
    yield NodeBatch("Entity", [{"id": key, "labels": graph.labels[key], "properties": props}
                               for key, props in graph.entities.items()])  # fmt: skip
    yield EdgeBatch("Entity", [{"source": s, "target": d, "type": t, "properties": props}
                               for (s, t, d), props in graph.edges.items()])  # fmt: skip


def neo4j_import_from_shards(
    paths: Iterable[str | Path],
    folder: Path,
    *,
    version: str,
    evidence_per_document: int = 3,
) -> ShardImport:
    """Write neo4j-admin import files for the shards under ``paths`` into ``folder``
    (atomically); records from another extractor ``version`` are refused and reported."""
    report = ShardImport(Neo4jImport(folder))
    report.neo4j = write_neo4j_import(
        _batches(paths, version, evidence_per_document, report), folder
    )
    return report
