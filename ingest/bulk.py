"""The bulk path: neo4j-admin import files straight from shards, no store in between.

``newsgraph export --format neo4j-import --from-extracted DIR`` runs it.

The first load of a backfill skips the store: the shards' documents are read in order
(as ``ingest --extracted`` reads them: duplicates, version and schema checks included),
cut into batches as ``ingest`` cuts them, turned into rows by the writer's own row
builder, and each batch's rows are merged the way the statements of one write
transaction (``cypher/write/*.cypher``) merge them in a store: see
:mod:`newsgraph.ingest.bulk_merge`, one function per statement. The files are then
written by the neo4j-import writer, so they equal ``export --format neo4j-import`` of a
store that ingested the same shards (up to ``ingested_at`` and the IngestRun file,
which a store has and shards do not).

Documents, their mentions, evidence records and STATES links stream to the files;
entities and edges (with their bounded samples) are held until the end, as a store
holds them: memory grows with the graph, not with the text.

Limitation: the labels an entity gets depend on the batches, as in a store (a batch's
entity row carries the type of the first document in the batch that names it), so the
files equal those of a store ingested with the same ``batch_size`` (``ingest``'s
default unless told).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from newsgraph.graph.errors import BadParameterError, SchemaError
from newsgraph.graph.export.neo4j_import import Neo4jImport, write_neo4j_import
from newsgraph.graph.export.read import EdgeBatch, NodeBatch
from newsgraph.graph.judgements import Judgements
from newsgraph.graph.model import ExtractedDocument
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.bulk_merge import BulkGraph, evidence_nodes, mention_edges, states_edges
from newsgraph.ingest.jobs import IngestOptions
from newsgraph.ingest.shards import ShardDocument, read_shards
from newsgraph.ingest.writer import GraphWriter, check_document

__all__ = ["ShardImport", "neo4j_import_from_shards"]

_BATCH = IngestOptions.batch_size
"""Documents per batch, as ``ingest`` writes them by default."""


@dataclass
class ShardImport:
    """The files written, and the shard records that were refused (file:line: reason)."""

    neo4j: Neo4jImport
    documents: int = 0
    failures: list[str] = field(default_factory=list)


def _row_builder(
    version: str, evidence_per_document: int, judgements: Judgements | None = None
) -> GraphWriter:
    """The writer's row builder (a writer that never touches a store)."""
    store = cast(GraphStore, None)  # rows need the schema only
    return GraphWriter(store, evidence_per_document=evidence_per_document,
                       extractor_version=version, judgements=judgements)  # fmt: skip


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


def _batches_of(
    items: Iterable[ExtractedDocument], size: int
) -> Iterator[list[ExtractedDocument]]:
    """The documents in batches of ``size``, as ``ingest`` writes them."""
    batch: list[ExtractedDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batches(
    paths: Iterable[str | Path], version: str, evidence_per_document: int, batch_size: int,
    report: ShardImport, judgements: Judgements | None = None,
) -> Iterator[NodeBatch | EdgeBatch]:  # fmt: skip
    """The rows of the import files: each batch's documents, mentions, evidence records
    and STATES links as it is merged (statement by statement, in the writer's order),
    then every entity and edge."""
    writer = _row_builder(version, evidence_per_document, judgements)
    graph = BulkGraph()
    documents = _accepted(read_shards(paths, version=version), report.failures)
    for batch in _batches_of(documents, batch_size):
        rows = writer.rows(batch)
        report.documents += len(batch)
        yield NodeBatch("Document", [{"id": r["id"], "labels": ["Document"],
                                      "properties": r["props"]} for r in rows.documents])
        entity_rows = sorted(rows.entities.items())
        for labels, group in entity_rows:
            graph.create_entities(labels, group)
        for labels, group in entity_rows:
            graph.merge_entities(labels, group)
        yield EdgeBatch("Document", mention_edges(rows.mentions))
        graph.fold_mentions(rows.mentions)
        yield NodeBatch("Evidence", evidence_nodes(rows.evidence))
        yield EdgeBatch("Evidence", states_edges(rows.evidence))
        for rel_type, rel_rows in sorted(rows.relations.items()):
            graph.merge_relations(rel_type, rel_rows)
    yield NodeBatch("Entity", graph.entity_nodes())
    yield EdgeBatch("Entity", graph.relation_edges())


def neo4j_import_from_shards(
    paths: Iterable[str | Path],
    folder: Path,
    *,
    version: str,
    evidence_per_document: int = 3,
    batch_size: int = _BATCH,
    judgements: Judgements | None = None,
) -> ShardImport:
    """Write neo4j-admin import files for the shards under ``paths`` into ``folder``
    (atomically); records from another extractor ``version`` are refused and reported.
    ``batch_size`` is the ``ingest`` batch size whose store the files equal;
    ``judgements`` are applied to every document, as ``ingest`` applies them."""
    if batch_size < 1:
        raise BadParameterError(f"batch_size must be at least 1, not {batch_size}",
                                param="batch_size")  # fmt: skip
    report = ShardImport(Neo4jImport(folder))
    report.neo4j = write_neo4j_import(
        _batches(paths, version, evidence_per_document, batch_size, report, judgements), folder
    )
    return report
