"""Changing the judgements of a store: the file, then the documents they touch.

A judgement added to (or dropped from) a store that already holds data makes the stored
graph equal to what a clean ingest with the new judgements gives. The documents whose
stored mentions name an id the judgement is about (as the judgements resolve it before
and after the change), and the documents a split names, are extracted again from their
stored text and written through the judged writer, each batch retracting the stored
documents first in the same transaction (``GraphWriter.write``), exactly as ``ingest``
rewrites a changed article. Entities no document mentions any more (``A`` of a merge)
are deleted by the writer's usual clean-up.

The file is written before the store: an ingest running meanwhile already applies the
new judgement, and if the rewrite fails half way, ``newsgraph judgements --reapply``
(:func:`reapply`) finishes it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsgraph.graph.errors import BadInputError, SchemaError
from newsgraph.graph.judgement_file import JudgementFile, read_judgements, write_judgements
from newsgraph.graph.judgements import Judgement, Judgements
from newsgraph.graph.model import Document, ExtractedDocument
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.jobs import (
    DocumentExtractor,
    IngestOptions,
    IngestSummary,
    record_run,
    stored_documents,
)
from newsgraph.ingest.sources import SourceProblem
from newsgraph.ingest.writer import Batch, GraphWriter, check_document

__all__ = ["JudgeReport", "add_judgement", "drop_judgement", "pending", "reapply",
           "rewrite_documents", "stored_entities"]  # fmt: skip


@dataclass
class JudgeReport:
    """What a change did: the judgement, the documents written again, those that could
    not be (``id: reason``; left as they were), and the problems of the file."""

    judgement: Judgement | None = None
    documents: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def stored_entities(store: GraphStore, ids: Sequence[str]) -> dict[str, dict[str, object]]:
    """The stored entities among ``ids``: name, type, Wikidata id."""
    statement = store.info.library.get("ingest/entities_by_id").text
    return {row["id"]: row for row in store.run(statement, {"ids": sorted(ids)}).records()}


def _mentioning(store: GraphStore, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    statement = store.info.library.get("ingest/documents_mentioning_any").text
    return {row["id"] for row in store.run(statement, {"ids": sorted(ids)}).records()}


def _inputs(store: GraphStore, ids: Sequence[str]) -> list[Document]:
    statement = store.info.library.get("ingest/document_inputs").text
    rows = store.run(statement, {"ids": list(ids)}).records()
    return [Document(text=row["text"], id=row["id"], title=row["title"], url=row["url"],
                     source=row["source"],
                     published=None if row["published"] is None else str(row["published"]))
            for row in sorted(rows, key=lambda r: str(r["id"]))]  # fmt: skip


def rewrite_documents(
    store: GraphStore, extractor: DocumentExtractor, judgements: Judgements,
    doc_ids: set[str], options: IngestOptions,
) -> JudgeReport:  # fmt: skip
    """Extract the stored documents ``doc_ids`` again from their text and write them with
    ``judgements`` applied, retracting the stored ones in the same transactions (the
    caller persists)."""
    report = JudgeReport()
    stored = stored_documents(store, sorted(doc_ids))
    if not stored:
        return report
    writer = GraphWriter(store, evidence_per_document=options.evidence_per_document,
                         extractor_version=options.extractor_version,
                         judgements=judgements)  # fmt: skip
    extracted = extractor.extract(iter(_inputs(store, sorted(stored))), workers=1)

    def batches() -> Iterator[Batch]:
        batch: list[ExtractedDocument] = []
        for item in extracted:
            if isinstance(item, SourceProblem):
                report.failures.append(str(item))
                continue
            try:
                check_document(item, writer.schema)
            except SchemaError as exc:
                report.failures.append(f"{item.document.id}: {exc.message}")
                continue
            batch.append(item)
            if len(batch) >= options.batch_size:
                yield _batch(batch, stored, report)
                batch = []
        if batch:
            yield _batch(batch, stored, report)

    writer.write_batches(batches())
    return report


def _batch(batch: list[ExtractedDocument], stored: dict[str, dict[str, object]],
           report: JudgeReport) -> Batch:  # fmt: skip
    retract = {d.document.id: list(stored[d.document.id]["entities"] or [])  # type: ignore[call-overload]
               for d in batch}  # fmt: skip
    ids = [d.document.id for d in batch]
    return batch, retract, lambda: report.documents.extend(ids)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@contextmanager
def _recorded(store: GraphStore, what: str, path: Path) -> Iterator[list[JudgeReport]]:
    """Hold the store's writer lock for the change, recorded as an IngestRun (status,
    documents rewritten, failures), as ``ingest`` records its runs. An ``ingest`` reads
    the judgements once it holds the same lock, so it sees the change or waits for it."""
    started = _now()
    summary = IngestSummary(run_id=f"run:{started}:{uuid.uuid4().hex[:8]}")
    props = {"started_at": started, "settings": json.dumps({"judgements": what}),
             "paths": [str(path)]}  # fmt: skip
    record_run(store, summary, props)  # takes the writer lock, held until the store closes
    holder = [JudgeReport()]
    try:
        yield holder
    except BaseException:
        summary.status = "failed"
        record_run(store, summary, props | {"finished_at": _now()})
        raise
    report = holder[0]
    summary.documents_updated = len(report.documents)
    summary.documents_failed = len(report.failures)
    summary.failures = list(report.failures)
    summary.status = "completed_with_failures" if report.failures else "completed"
    record_run(store, summary, props | {"finished_at": _now()})
    store.persist(wait=True)


def _change(
    store: GraphStore, extractor: DocumentExtractor, path: Path, before: JudgementFile,
    items: list[Judgement], changed: Judgement, options: IngestOptions,
) -> JudgeReport:  # fmt: skip
    after, refused = Judgements.build(items)
    ids, docs = before.judgements.touched(changed)
    more_ids, more_docs = after.touched(changed)
    write_judgements(path, items)
    stored_docs = set(stored_documents(store, sorted(docs | more_docs)))
    affected = _mentioning(store, ids | more_ids) | stored_docs
    report = rewrite_documents(store, extractor, after, affected, options)
    report.judgement = changed
    report.problems = before.problems + [f"{path}: {j.describe()}: {why}" for j, why in refused]
    return report


def _planned_add(store: GraphStore, before: JudgementFile, item: Judgement) -> Judgement:
    """``item`` numbered and dated, a merge naming its target as stored; a
    :class:`BadInputError` when it contradicts the file."""
    if item.op == "merge" and not item.name:
        found = stored_entities(store, list(item.ids))
        target, source = found.get(item.ids[1]), found.get(item.ids[0])
        wikidata = next((str(e["wikidata"]) for e in (target, source) if e and e["wikidata"]),
                        None)  # fmt: skip
        name = str(target["name"]) if target else None
        item = replace(item, name=name, wikidata=item.wikidata or wikidata)
    item = replace(item, n=before.next_number, at=item.at or _now()[:19] + "+00:00")
    trial, _ = Judgements.build(before.items)
    trial.add(item)  # raises when it contradicts the file
    return item


def add_judgement(
    store: GraphStore, extractor: DocumentExtractor, path: Path, item: Judgement,
    options: IngestOptions,
) -> JudgeReport:  # fmt: skip
    """Save ``item`` in the judgements file at ``path`` (numbered, dated; a merge names
    its target as stored) and rewrite the stored documents it touches. A judgement that
    contradicts the file (e.g. a merge of two ids kept apart) is a
    :class:`BadInputError` and nothing changes."""
    _planned_add(store, read_judgements(path), item)  # refuse before taking the lock
    with _recorded(store, f"add {item.op} {' '.join(item.ids)}", path) as holder:
        before = read_judgements(path)  # again, under the lock
        planned = _planned_add(store, before, item)
        holder[0] = _change(store, extractor, path, before, [*before.items, planned],
                            planned, options)  # fmt: skip
    return holder[0]


def drop_judgement(
    store: GraphStore, extractor: DocumentExtractor, path: Path, number: int,
    options: IngestOptions,
) -> JudgeReport:  # fmt: skip
    """Remove judgement ``number`` from the file and rewrite the documents it touched."""
    _numbered(read_judgements(path), number)  # refuse before taking the lock
    with _recorded(store, f"drop #{number}", path) as holder:
        before = read_judgements(path)
        dropped = _numbered(before, number)
        items = [j for j in before.items if j.n != number]
        holder[0] = _change(store, extractor, path, before, items, dropped, options)
    return holder[0]


def _numbered(found: JudgementFile, number: int) -> Judgement:
    for item in found.items:
        if item.n == number:
            return item
    known = ", ".join(f"#{j.n}" for j in found.items) or "none"
    raise BadInputError(f"{found.path}: no judgement #{number} (there are: {known})",
                        number=number)  # fmt: skip


def reapply(
    store: GraphStore, extractor: DocumentExtractor, judgements: JudgementFile,
    options: IngestOptions,
) -> JudgeReport:  # fmt: skip
    """Rewrite every stored document that mentions an id of any judgement, or that a
    split names (after a hand edit of the file, an interrupted change, or a copy)."""
    with _recorded(store, "reapply", judgements.path) as holder:
        ids: set[str] = set()
        docs: set[str] = set()
        for item in judgements.judgements.items:
            more_ids, more_docs = judgements.judgements.touched(item)
            ids |= more_ids
            docs |= more_docs
        affected = _mentioning(store, ids) | set(stored_documents(store, sorted(docs)))
        holder[0] = rewrite_documents(store, extractor, judgements.judgements, affected,
                                      options)  # fmt: skip
        holder[0].problems = list(judgements.problems)
    return holder[0]


def pending(store: GraphStore, judgements: Judgements) -> bool:
    """Whether the store holds data a merge or split would still change (an entity merged
    away, or a split entity in one of its documents). Keep-apart fences inside documents
    are not checked: :func:`reapply` rewrites those documents whatever this says."""
    froms = [j.ids[0] for j in judgements.items if j.op == "merge"]
    if froms and stored_entities(store, froms):
        return True
    for item in (j for j in judgements.items if j.op == "split"):
        if _mentioning(store, {item.ids[0]}) & set(item.docs):
            return True
    return False
