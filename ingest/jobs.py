"""The ingest job: read → diff against stored hashes → extract → write batches → IngestRun.

Documents are keyed by id. A document whose stored ``content_hash`` and
``extractor_version`` match is counted unchanged and never extracted again; a
changed one is retracted and rewritten in the same transaction as the rest of its
batch. Each batch is one ``store.write``, followed by a background snapshot, so a
killed run loses at most the batch in flight and a rerun finishes the job.

A run holds the store's writer lock from its first write to its end, so a second
``ingest`` waits for it (then finds everything unchanged) or is refused; IngestRun
nodes left "running" by killed runs are marked "killed" when the next run starts.
Bad input never reaches a write: :mod:`ingest.sources` refuses it per document.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.judgements import Judgements
from newsgraph.graph.model import Document, ExtractedDocument
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.seen import SeenIds
from newsgraph.ingest.sources import SourceProblem, read_sources
from newsgraph.ingest.writer import Batch, GraphWriter, check_document

__all__ = [
    "MAX_FAILURES",
    "DocumentExtractor",
    "IngestOptions",
    "IngestProgress",
    "IngestSummary",
    "SourceReader",
    "record_run",
    "run_ingest",
    "stored_documents",
]


MAX_FAILURES = 1000
"""Failures a summary lists one by one; past them it counts the rest in one line."""


class DocumentExtractor(Protocol):
    """What the job needs from ``ingest.extract.Extractor``."""

    def extract(
        self, documents: Iterable[Document], workers: int = 1
    ) -> Iterator[ExtractedDocument | SourceProblem]:
        """Extract each document, or say why it could not be."""
        ...


@dataclass(frozen=True)
class IngestOptions:
    """How one run reads, extracts and writes."""

    paths: tuple[str, ...]
    workers: int = 1
    batch_size: int = 200
    max_article_bytes: int = 2_000_000
    evidence_per_document: int = 3
    extractor_version: str = ""
    limit: int | None = None
    """Read only the first ``limit`` articles of ``paths`` (refused ones count too)."""


@dataclass
class IngestProgress:
    """Running totals, passed to the progress callback after every batch and skip."""

    documents: int = 0
    entities: int = 0
    relations: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started


@dataclass
class IngestSummary:
    """What a run did: document counts by outcome, failures, what was written, time."""

    run_id: str
    documents_new: int = 0
    documents_unchanged: int = 0
    documents_updated: int = 0
    documents_failed: int = 0
    failures: list[str] = field(default_factory=list)
    """The first :data:`MAX_FAILURES` failures, then one line counting the rest."""
    entities: int = 0
    relations: int = 0
    elapsed: float = 0.0
    status: str = "running"

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready values."""
        return asdict(self) | {"elapsed": round(self.elapsed, 3)}


class _Run:
    """One run's shared state. Extraction workers pull documents from another thread, so
    every count goes through :meth:`tally` or :meth:`fail`, under one lock."""

    def __init__(
        self, summary: IngestSummary, on_progress: Callable[[IngestProgress], None] | None
    ) -> None:
        self.summary = summary
        self.progress = IngestProgress()
        # stored doc id -> entity ids it mentioned, from read until its batch is built
        self.updated: dict[str, list[str]] = {}
        self._on_progress = on_progress
        self._lock = threading.Lock()

    def tally(self, documents: int = 1, **counts: int) -> None:
        """Add to the summary's counters and report progress."""
        with self._lock:
            for key, value in counts.items():
                setattr(self.summary, key, getattr(self.summary, key) + value)
            self.progress.documents += documents
            self.progress.entities += counts.get("entities", 0)
            self.progress.relations += counts.get("relations", 0)
            if self._on_progress is not None:
                self._on_progress(self.progress)

    def fail(self, problem: SourceProblem | str) -> None:
        """Record a document that could not be read, extracted or checked."""
        with self._lock:
            failures = self.summary.failures
            if len(failures) < MAX_FAILURES:
                failures.append(str(problem))
            else:  # a feed of bad lines must not fill memory (nor the IngestRun node)
                more = self.summary.documents_failed + 1 - MAX_FAILURES
                failures[MAX_FAILURES:] = [f"... and {more} more failures (not listed)"]
        self.tally(documents_failed=1)


def stored_documents(store: GraphStore, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stored documents among ``ids``: hash, extractor version, mentioned entity ids."""
    if not ids:
        return {}
    statement = store.info.library.get("ingest/stored_documents").text
    return {row["id"]: row for row in store.run(statement, {"ids": list(ids)}).records()}


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


SourceReader = Callable[[Sequence[str], int], Iterable[Document | SourceProblem]]
"""Reads documents (or problems) from paths, at most so many bytes an article:
``read_sources``, or ``ingest.shards.read_shards`` for extracted shards."""


def _to_extract(
    store: GraphStore, options: IngestOptions, run: _Run, read: SourceReader = read_sources
) -> Iterator[Document]:
    """Documents that need extraction; problems and unchanged ones are counted here.
    The ids read so far wait in a :class:`SeenIds` (off the heap), not in a dict."""
    seen = SeenIds()
    try:
        yield from _new_documents(store, options, run, read, seen)
    finally:
        seen.close()


def _new_documents(
    store: GraphStore, options: IngestOptions, run: _Run, read: SourceReader, seen: SeenIds
) -> Iterator[Document]:
    sources = islice(read(options.paths, options.max_article_bytes), options.limit)
    for chunk in _chunks(sources, options.batch_size):
        ids = sorted({item.id for item in chunk if isinstance(item, Document)})
        stored = stored_documents(store, ids)
        earlier = seen.lookup(ids)
        for item in chunk:
            if isinstance(item, SourceProblem):
                run.fail(item)
            elif item.id in earlier:
                if earlier[item.id] != item.content_hash:
                    run.fail(f"{item.path}: document id {item.id!r} appears twice with "
                             "different text; the first one was kept")  # fmt: skip
                else:
                    run.tally(documents_unchanged=1)
            elif _unchanged(stored.get(item.id), item, options):
                earlier[item.id] = item.content_hash
                run.tally(documents_unchanged=1)
            else:
                earlier[item.id] = item.content_hash
                if item.id in stored:
                    run.updated[item.id] = list(stored[item.id]["entities"] or [])
                yield item
        seen.add(earlier)


def _unchanged(stored: dict[str, Any] | None, doc: Document, options: IngestOptions) -> bool:
    return (
        stored is not None
        and stored["content_hash"] == doc.content_hash
        and (stored["extractor_version"] == options.extractor_version)
    )


def _write_batches(
    writer: GraphWriter,
    extracted: Iterable[ExtractedDocument | SourceProblem],
    batch_size: int,
    run: _Run,
) -> None:
    """Write full batches as they come, each one transaction followed by a background
    snapshot once it is committed; the store runs a batch while the next is built. A
    full batch is written when the next document arrives, so the last batch is covered
    by the blocking snapshot at the end of the run and no ``BGSAVE`` is still running
    when it starts."""
    writer.write_batches(_batches(writer, extracted, batch_size, run))


def _batches(
    writer: GraphWriter,
    extracted: Iterable[ExtractedDocument | SourceProblem],
    batch_size: int,
    run: _Run,
) -> Iterator[Batch]:
    batch: list[ExtractedDocument] = []
    for item in extracted:
        if isinstance(item, SourceProblem):
            run.fail(item)
            continue
        try:
            check_document(item, writer.schema)
        except SchemaError as exc:
            run.fail(f"{item.document.path or item.document.id}: {exc.message}")
            run.updated.pop(item.document.id, None)
            continue
        if len(batch) >= batch_size:
            yield _batch(writer, batch, run, snapshot=True)
            batch = []
        batch.append(item)
    if batch:
        yield _batch(writer, batch, run, snapshot=False)  # the run ends with a blocking snapshot


def _batch(writer: GraphWriter, batch: list[ExtractedDocument], run: _Run, snapshot: bool) -> Batch:
    retract = {d.document.id: run.updated.pop(d.document.id)
               for d in batch if d.document.id in run.updated}  # fmt: skip
    counts = {
        "documents_updated": len(retract),
        "documents_new": len(batch) - len(retract),
        "entities": sum(len(d.entities) for d in batch),
        "relations": sum(len(d.relations) for d in batch),
    }
    size = len(batch)

    def committed() -> None:
        if snapshot:
            writer.store.persist()
        run.tally(size, **counts)

    return batch, retract, committed


def record_run(store: GraphStore, summary: IngestSummary, props: dict[str, Any]) -> None:
    """Create or update the run's IngestRun node (the first one takes the writer lock)."""
    values = {k: v for k, v in summary.to_dict().items() if k not in ("run_id", "elapsed")}
    statement = store.info.library.get("write/merge_ingest_run").text
    store.write([(statement, {"id": summary.run_id, "props": props | values})])


def _now() -> str:
    # microseconds: two runs in the same second must still order by when they started
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def run_ingest(
    store: GraphStore,
    extractor: DocumentExtractor,
    options: IngestOptions,
    on_progress: Callable[[IngestProgress], None] | None = None,
    read: SourceReader = read_sources,
    judgements: Judgements | Callable[[], Judgements] | None = None,
) -> IngestSummary:
    """Ingest ``options.paths`` into ``store``; return what happened (failures included).
    ``read`` turns the paths into documents (default: articles; shards for
    ``ingest --extracted``); ``judgements`` (those of the store's data folder, or what
    reads them: called once the run holds the writer lock, so a judgement being added
    is either seen or waited for) are applied to every document written."""
    started = _now()
    summary = IngestSummary(run_id=f"run:{started}:{uuid.uuid4().hex[:8]}")
    settings = {k: v for k, v in asdict(options).items() if k != "paths"}
    run_props = {"started_at": started, "settings": json.dumps(settings, sort_keys=True),
                 "paths": [str(Path(p)) for p in options.paths]}  # fmt: skip
    record_run(store, summary, run_props)  # takes the store's writer lock, held to the end
    if store.info.single_writer:
        statement = store.info.library.get("ingest/mark_killed_runs").text
        store.write([(statement, {"current": summary.run_id, "now": started})])
    run = _Run(summary, on_progress)
    rules = judgements() if callable(judgements) else judgements
    writer = GraphWriter(store, evidence_per_document=options.evidence_per_document,
                         extractor_version=options.extractor_version,
                         judgements=rules)  # fmt: skip
    extracted = extractor.extract(_to_extract(store, options, run, read), workers=options.workers)
    _write_batches(writer, extracted, options.batch_size, run)
    summary.elapsed = run.progress.elapsed
    summary.status = "completed_with_failures" if summary.documents_failed else "completed"
    record_run(store, summary, run_props | {"finished_at": _now()})
    store.persist(wait=True)
    return summary
