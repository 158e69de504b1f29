"""A batch of extracted documents → store: the Cypher steps of one write transaction.

Every statement is a file under ``cypher/write/``. Rows are grouped by entity type
and relation type, because labels and relation types cannot be parameters: the
templates carry placeholders (``__LABELS__``, ``__TYPE__``) that :func:`graph.schema.fill_names`
replaces with names checked against the schema by :func:`graph.schema.quote_name`.

A batch is written as one transaction: documents that were stored before are
retracted first (their evidence leaves every edge, their mentions go), then the
documents, entities, mentions and relations are merged, and the summaries of every
touched entity are recomputed from its mentions; entities no document mentions any
more are deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.model import Evidence, ExtractedDocument, Relation
from newsgraph.graph.schema import Schema, fill_names, load_schema
from newsgraph.graph.stores.base import GraphStore, Step

__all__ = [
    "GraphWriter",
    "WritePipeline",
    "check_document",
    "document_date",
    "retraction_steps",
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def document_date(published: str | None, today: str) -> str:
    """The date a document counts for: its ISO publication date, else ``today``."""
    if published and _ISO_DATE.match(published):
        return published[:10]
    return today


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
    lib = store.library
    params = {"doc_ids": list(doc_ids)}
    return [
        (lib.get("write/retract_relations").text, params),
        (lib.get("write/retract_mentions").text, params),
    ]


@dataclass
class _Rows:
    documents: list[dict[str, Any]]
    entities: dict[tuple[str, ...], list[dict[str, Any]]]
    mentions: list[dict[str, Any]]
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
    ) -> None:
        self.store = store
        self.schema = schema or load_schema()
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

    @contextmanager
    def pipelined(self) -> Iterator[WritePipeline]:
        """A :class:`WritePipeline` on this writer; leaving the block waits for the last
        batch (and raises its error), also when the block itself raised."""
        pipeline = WritePipeline(self)
        try:
            yield pipeline
        except BaseException:
            pipeline.close(raise_errors=False)  # the block's own error is the one to see
            raise
        pipeline.close()

    def forget(self, retract: Mapping[str, Sequence[str]]) -> None:
        """Remove documents and everything only they contributed, in one transaction."""
        lib = self.store.library
        ids = sorted(retract)
        steps = retraction_steps(self.store, ids)
        steps.append((lib.get("write/delete_documents").text, {"doc_ids": ids}))
        steps.extend(self._entity_steps(_touched(retract)))
        self.store.write(steps)

    def steps(
        self, batch: Iterable[ExtractedDocument], retract: Mapping[str, Sequence[str]]
    ) -> list[Step]:
        """The statements of one batch's transaction, in order."""
        lib = self.store.library
        docs = list(batch)
        with gc_paused():
            rows = self._rows(docs)
        steps = retraction_steps(self.store, sorted(retract))
        steps.append((lib.get("write/merge_documents").text, {"rows": rows.documents}))
        template = lib.get("write/merge_entities")
        for labels, entity_rows in sorted(rows.entities.items()):
            steps.append((fill_names(template, {"LABELS": labels}), {"rows": entity_rows}))
        if rows.mentions:
            steps.append((lib.get("write/merge_mentions").text, {"rows": rows.mentions}))
        template = lib.get("write/merge_relations")
        for rel_type, rel_rows in sorted(rows.relations.items()):
            steps.append((fill_names(template, {"TYPE": (rel_type,)}), {"rows": rel_rows}))
        steps.extend(self._entity_steps(_touched(retract)))
        return steps

    def _entity_steps(self, ids: set[str]) -> list[Step]:
        """Recompute the summaries of entities a retraction touched; delete the orphans."""
        if not ids:
            return []
        lib = self.store.library
        params = {"ids": sorted(ids)}
        return [
            (lib.get("write/refresh_entities").text, params),
            (lib.get("write/delete_orphan_entities").text, params),
        ]

    def _rows(self, docs: Sequence[ExtractedDocument]) -> _Rows:
        rows = _Rows([], defaultdict(list), [], defaultdict(list))
        entities: dict[str, dict[str, Any]] = {}
        labels: dict[str, tuple[str, ...]] = {}
        alias_sets: dict[str, set[str]] = defaultdict(set)  # sorted once, at the end
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
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
                    row = entities[entity_id] = _entity_row(entity.name, entity.type, date)
                    labels[entity_id] = self.schema.label(entity.type).labels
                elif date < row["first_seen"]:
                    row["first_seen"] = date
                elif date > row["last_seen"]:
                    row["last_seen"] = date
                row["wikidata"] = row["wikidata"] or entity.wikidata
                row["mentions"] += count
                row["documents"] += 1
                alias_sets[entity_id].update(aliases)
            self._add_support(edges, extracted, date)
        for entity_id, row in entities.items():
            row["aliases"] = sorted(alias_sets[entity_id])
            rows.entities[labels[entity_id]].append(row | {"id": entity_id})
        for (src, rel_type, dst), row in sorted(edges.items()):
            rows.relations[rel_type].append(row | {"src": src, "dst": dst})
        return rows

    def _document_row(self, extracted: ExtractedDocument) -> dict[str, Any]:
        doc = extracted.document
        props: dict[str, Any] = {
            "id": doc.id,
            **doc.metadata(),
            "text": doc.text,
            "content_hash": doc.content_hash,
            "word_count": len(doc.text.split()),
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "extractor_version": self.extractor_version,
        }
        return {"id": doc.id, "props": props}

    def _add_support(
        self, edges: dict[tuple[str, str, str], dict[str, Any]], extracted: ExtractedDocument,
        date: str,
    ) -> None:  # fmt: skip
        """Append one document's support for each of its facts to the batch's edge rows.

        One row per edge and batch: FalkorDB does not see an edge merged by an earlier row
        of the same UNWIND, so two rows for one edge would overwrite each other.
        """
        grouped: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
        for rel in extracted.relations:
            if rel.provenance == "text":  # reference facts (no sentence) wait for the new shape
                grouped[rel.key(self.schema)].append(rel)
        doc_id = extracted.document.id
        for key, rels in grouped.items():
            evidence = _distinct_evidence(ev for rel in rels for ev in rel.evidence)
            best = sorted(evidence, key=lambda ev: (-ev.confidence, ev.start))
            kept = sorted(best[: self.evidence_per_document], key=lambda ev: ev.start)
            row = edges.setdefault(key, _empty_edge_row(self.extractor_version))
            row["sources"].append(doc_id)
            row["source_counts"].append(len(evidence))
            row["source_dates"].append(date)
            row["evidence_count"] += len(evidence)
            row["first_seen"] = min(row["first_seen"] or date, date)
            row["last_seen"] = max(row["last_seen"] or date, date)
            for ev in kept:
                row["ev_doc"].append(doc_id)
                row["ev_sentence"].append(ev.sentence)
                row["ev_start"].append(ev.start)
                row["ev_end"].append(ev.end)
                row["ev_rule"].append(ev.rule)
                row["ev_confidence"].append(float(ev.confidence))
            row["confidence"] = max(row["ev_confidence"])


class WritePipeline:
    """Writes batches in order, building one batch's statements while the store runs
    the previous one.

    Building a batch's rows is Python work and running them is the server's, so the two
    overlap: :meth:`submit` builds the batch, has the store encode it, waits for the
    one in flight, then starts this one (:meth:`GraphStore.begin_write`) and returns.
    Each batch is still one transaction, and at most one is in flight. ``then`` runs
    once its batch is committed; a failed batch raises its error from the next
    :meth:`submit` or from :meth:`close`, and nothing submitted after it is written.
    """

    def __init__(self, writer: GraphWriter) -> None:
        self.writer = writer
        self._pending: tuple[Callable[[], Any], Callable[[], None] | None] | None = None

    def submit(
        self,
        batch: Iterable[ExtractedDocument],
        retract: Mapping[str, Sequence[str]] | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Start writing ``batch`` (first retracting ``retract``) once the batch in flight
        is committed."""
        steps = self.writer.steps(batch, retract or {})
        self._pending = (self.writer.store.begin_write(steps, after=self.wait), then)

    def wait(self) -> None:
        """Wait for the batch in flight; raise its error or run its ``then``."""
        if self._pending is None:
            return
        finish, then = self._pending
        self._pending = None
        finish()
        if then is not None:
            then()

    def close(self, *, raise_errors: bool = True) -> None:
        """Wait for the last batch."""
        try:
            self.wait()
        except Exception:
            if raise_errors:
                raise


def _entity_row(name: str, entity_type: str, date: str) -> dict[str, Any]:
    return {"name": name, "type": entity_type, "wikidata": None, "mentions": 0, "documents": 0,
            "first_seen": date, "last_seen": date, "aliases": []}  # fmt: skip


def _empty_edge_row(version: str) -> dict[str, Any]:
    lists = ("sources", "source_counts", "source_dates", "ev_doc", "ev_sentence", "ev_start",
             "ev_end", "ev_rule", "ev_confidence")  # fmt: skip
    row: dict[str, Any] = {name: [] for name in lists}
    return row | {"evidence_count": 0, "first_seen": "", "last_seen": "", "confidence": 0.0,
                  "version": version}  # fmt: skip


def _distinct_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    best: dict[tuple[int, int], Evidence] = {}
    for ev in evidence:
        key = (ev.start, ev.end)
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    return list(best.values())


def _touched(retract: Mapping[str, Sequence[str]]) -> set[str]:
    return {entity for ids in retract.values() for entity in ids}
