"""A batch of extracted documents → store: the Cypher steps of one write transaction.

Every statement is a file under ``cypher/write/``. Rows are grouped by entity type
and relation type, because labels and relation types cannot be parameters: the
templates carry placeholders (``__LABELS__``, ``__TYPE__``) that :func:`graph.schema.fill_names`
replaces with names checked against the schema by :func:`graph.schema.quote_name`.

A batch is written as one transaction: documents that were stored before are
retracted first (walking from each Document to its evidence records and mentions, so
the cost follows the document), then the documents, entities, mentions, evidence
records and relations are merged. Every merge is set-like: a MENTIONS edge or an
evidence record that already exists is left alone, and summaries (entity counts,
aliases, dates; edge counts, sample, dates) change only by the deltas of new ones. So
replaying a batch, or two writers racing on the same documents, leaves the graph as
one write would, and a rerun after a failure completes what is missing. Entities no
document mentions any more are deleted. See docs/graph-shape.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.judgements import Judgements
from newsgraph.graph.migrations import EDGE_SAMPLE
from newsgraph.graph.model import Evidence, ExtractedDocument, Relation
from newsgraph.graph.schema import Schema, fill_names, load_schema
from newsgraph.graph.stores.base import GraphStore, Step
from newsgraph.ingest.dates import document_date, iso_date, published_text
from newsgraph.ingest.fresh_rows import create_rows

__all__ = [
    "EDGE_SAMPLE",
    "Batch",
    "GraphWriter",
    "Rows",
    "check_document",
    "edge_key",
    "retraction_steps",
]


Record = dict[str, Any]
"""One evidence record's properties (see docs/graph-shape.md)."""

Batch = tuple[
    Iterable[ExtractedDocument], Mapping[str, Sequence[str]] | None, Callable[[], None] | None
]
"""One batch for :meth:`GraphWriter.write_batches`: its documents, the stored documents to
retract first, and what to call once it is committed."""


def check_document(extracted: ExtractedDocument, schema: Schema | None = None) -> None:
    """Raise :class:`SchemaError` unless the document fits the schema and every evidence
    span slices exactly its sentence out of the document text."""
    extracted.validate(schema)
    text = extracted.document.text
    for rel in extracted.relations:
        for ev in rel.evidence:
            if ev.doc_id != extracted.document.id or text[ev.start : ev.end] != ev.sentence:
                raise SchemaError(
                    f"evidence for {rel.subject} {rel.type} {rel.object} at "
                    f"{ev.start}:{ev.end} does not match the document text"
                )


def retraction_steps(store: GraphStore, doc_ids: Sequence[str]) -> list[Step]:
    """Steps that remove the documents' evidence from edges and delete their mentions."""
    if not doc_ids:
        return []
    lib = store.info.library
    params = {"doc_ids": list(doc_ids)}
    return [
        (lib.get("write/retract_relations").text, {**params, "sample": EDGE_SAMPLE}),
        (lib.get("write/retract_evidence").text, params),
        (lib.get("write/retract_mentions").text, params),
    ]


@dataclass
class Rows:
    """One batch's rows, grouped by statement (and by labels or relation type)."""

    documents: list[dict[str, Any]]
    entities: dict[tuple[str, ...], list[dict[str, Any]]]
    mentions: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    relations: dict[str, list[dict[str, Any]]]


class GraphWriter:
    """Turns batches of extracted documents into write transactions on one store."""

    def __init__(
        self,
        store: GraphStore,
        *,
        evidence_per_document: int = 3,
        extractor_version: str = "",
        schema: Schema | None = None,
        judgements: Judgements | None = None,
    ) -> None:
        self.store = store
        self.schema = schema or load_schema()
        self.judgements = judgements or Judgements()
        """Applied to every document right before its rows are built (graph/judgements.py):
        every write path (ingest, shards, re-judging, neo4j-import files) goes through here."""
        self.evidence_per_document = evidence_per_document
        self.extractor_version = extractor_version
        self._today = dt.datetime.now(dt.UTC).date().isoformat()

    def write(
        self, batch: Iterable[ExtractedDocument], retract: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        """Write ``batch`` in one transaction, first retracting the documents in ``retract``.

        ``retract`` maps each previously stored document id to the ids of the entities it
        mentioned (see ``cypher/ingest/stored_documents.cypher``).
        """
        self.store.write(self.steps(batch, retract or {}))

    def write_batches(self, batches: Iterable[Batch]) -> None:
        """Write each ``(documents, retract, then)`` in order, one transaction each, and
        call ``then`` once its batch is committed. The store runs one batch while this
        builds the next (:meth:`GraphStore.write_batches`); a failed batch raises here,
        and nothing after it is written."""
        thens: deque[Callable[[], None] | None] = deque()

        def steps() -> Iterator[list[Step]]:
            for documents, retract, then in batches:
                thens.append(then)
                yield self.steps(documents, retract or {})

        for _ in self.store.write_batches(steps()):
            then = thens.popleft()
            if then is not None:
                then()

    def forget(self, retract: Mapping[str, Sequence[str]]) -> None:
        """Remove documents and everything only they contributed, in one transaction."""
        lib = self.store.info.library
        ids = sorted(retract)
        steps = retraction_steps(self.store, ids)
        steps.append((lib.get("write/delete_documents").text, {"doc_ids": ids}))
        steps.extend(self._entity_steps(_touched(retract)))
        self.store.write(steps)

    def steps(
        self, batch: Iterable[ExtractedDocument], retract: Mapping[str, Sequence[str]]
    ) -> list[Step]:
        """The statements of one batch's transaction, in order."""
        lib = self.store.info.library
        docs = list(batch)
        ids = [d.document.id for d in docs]
        if len(set(ids)) < len(ids):  # rows of one statement do not see each other's writes
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise SchemaError(f"document id {twice[0]!r} appears twice in one batch")
        with gc_paused():
            rows = self.rows(docs)
        steps = retraction_steps(self.store, sorted(retract))
        steps.append((lib.get("write/merge_documents").text, {"rows": rows.documents}))
        # New entities and edges are created whole; stored ones take the batch by deltas.
        entities, relations = create_rows(rows.entities, rows.mentions, rows.relations,
                                          EDGE_SAMPLE)  # fmt: skip
        template = lib.get("write/merge_entities")
        for labels, entity_rows in sorted(rows.entities.items()):
            steps.append((fill_names(template, {"LABELS": labels}), {"rows": entity_rows}))
        template = lib.get("write/merge_mentions")
        for labels, entity_params in sorted(entities.items()):
            steps.append((fill_names(template, {"LABELS": labels}), entity_params))
        template = lib.get("write/merge_relations")
        for rel_type, rel_rows in sorted(relations.items()):
            params = {"rows": rel_rows, "sample": EDGE_SAMPLE}
            steps.append((fill_names(template, {"TYPE": (rel_type,)}), params))
        steps.extend(self._entity_steps(_touched(retract)))
        return steps

    def _entity_steps(self, ids: set[str]) -> list[Step]:
        """Recompute the date bounds a retraction made stale; delete the orphans."""
        if not ids:
            return []
        lib = self.store.info.library
        params = {"ids": sorted(ids)}
        return [
            (lib.get("write/refresh_entities").text, params),
            (lib.get("write/delete_orphan_entities").text, params),
        ]

    def rows(self, docs: Sequence[ExtractedDocument]) -> Rows:
        """The rows of one batch, grouped for the write statements, after the judgements."""
        if self.judgements:
            docs = [self.judgements.apply(extracted) for extracted in docs]
        rows = Rows([], defaultdict(list), [], [], defaultdict(list))
        entities: dict[str, dict[str, Any]] = {}
        labels: dict[str, tuple[str, ...]] = {}
        edges: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
        for extracted in docs:
            date = document_date(extracted.document.published, self._today)
            rows.documents.append(self._document_row(extracted))
            doc_id = extracted.document.id
            for entity in extracted.entities:
                entity_id = entity.id
                aliases = sorted(entity.aliases | {entity.name})
                count = max(entity.mentions, 1)
                rows.mentions.append(
                    {"doc": doc_id, "entity": entity_id, "count": count, "aliases": aliases,
                     "date": date}
                )  # fmt: skip
                row = entities.get(entity_id)
                if row is None:
                    row = entities[entity_id] = {"name": entity.name, "type": entity.type,
                                                 "wikidata": None}  # fmt: skip
                    labels[entity_id] = self.schema.label(entity.type).labels
                row["wikidata"] = row["wikidata"] or entity.wikidata
            self._add_support(rows.evidence, edges, extracted, date)
        for entity_id, row in entities.items():
            rows.entities[labels[entity_id]].append(row | {"id": entity_id})
        for (src, rel_type, dst), records in sorted(edges.items()):
            records.sort(key=lambda r: (r["date"], r["doc"]))
            rows.relations[rel_type].append(
                {"src": src, "dst": dst, "records": records, "version": self.extractor_version}
            )
        return rows

    def _document_row(self, extracted: ExtractedDocument) -> dict[str, Any]:
        doc = extracted.document
        props: dict[str, Any] = {
            "id": doc.id,
            **doc.metadata(),
            "published": iso_date(doc.published),  # a date in the store
            "published_text": published_text(doc.published),
            "text": doc.text,
            "content_hash": doc.content_hash,
            "word_count": len(doc.text.split()),
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "extractor_version": self.extractor_version,
        }
        return {"id": doc.id, "props": props}

    def _add_support(
        self, records: list[dict[str, Any]], edges: dict[tuple[str, str, str], list[Record]],
        extracted: ExtractedDocument, date: str,
    ) -> None:  # fmt: skip
        """One evidence record per fact of the document, and its id on the fact's edge row.

        One edge row per edge and batch (listing its records): FalkorDB does not see an
        edge merged by an earlier row of the same UNWIND.
        """
        grouped: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
        for rel in extracted.relations:
            grouped[rel.key(self.schema)].append(rel)
        doc_id = extracted.document.id
        for key, rels in sorted(grouped.items()):
            evidence = _distinct_evidence(ev for rel in rels for ev in rel.evidence)
            edge = edge_key(*key)
            props: dict[str, Any] = {"id": f"{edge}|{doc_id}", "edge": edge, "src": key[0],
                                     "type": key[1], "dst": key[2], "doc": doc_id,
                                     "date": date, "count": len(evidence)}  # fmt: skip
            if evidence:
                best = sorted(evidence, key=lambda ev: (-ev.confidence, ev.start))
                kept = sorted(best[: self.evidence_per_document], key=lambda ev: ev.start)
                props |= {
                    "provenance": "text",
                    "confidence": max(float(ev.confidence) for ev in kept),
                    "sentences": [ev.sentence for ev in kept],
                    "starts": [ev.start for ev in kept],
                    "ends": [ev.end for ev in kept],
                    "rules": [ev.rule for ev in kept],
                    "confidences": [float(ev.confidence) for ev in kept],
                }
            else:  # reference facts only: validated to name a dataset
                props |= {
                    "provenance": "reference",
                    "confidence": max(float(rel.confidence) for rel in rels),
                    "dataset": min(str(rel.dataset) for rel in rels if rel.dataset),
                }
            records.append({"id": props["id"], "doc": doc_id, "props": props})
            edges[key].append(props)


def edge_key(src: str, rel_type: str, dst: str) -> str:
    """The key evidence records carry for their edge: ``src|TYPE|dst``."""
    return f"{src}|{rel_type}|{dst}"


def _distinct_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    best: dict[tuple[int, int], Evidence] = {}
    for ev in evidence:
        key = (ev.start, ev.end)
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    return list(best.values())


def _touched(retract: Mapping[str, Sequence[str]]) -> set[str]:
    return {entity for ids in retract.values() for entity in ids}
