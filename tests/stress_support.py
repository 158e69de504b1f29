"""Shared by the stress tests: a synthetic corpus, real ingests into embedded stores, and
fingerprints of what they hold."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.corpus import generate
from newsgraph.graph.fingerprint import Fingerprint, fingerprint
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store
from newsgraph.ingest.jobs import IngestOptions, IngestSummary, run_ingest

__all__ = ["corpus", "ingest", "ingest_fresh", "write_jsonl"]


def corpus(docs: int, seed: int = 12) -> list[dict[str, Any]]:
    """``docs`` synthetic articles (project-generated, not evaluation text)."""
    return list(generate(docs, seed))


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    """Write ``records`` as a JSONL file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest(store: GraphStore, *paths: Path, batch_size: int = 20) -> IngestSummary:
    """Run the real ingest job (spaCy pipeline, writer) over ``paths``."""
    from newsgraph.ingest.shards import extractor_version

    options = IngestOptions(paths=tuple(str(p) for p in paths), batch_size=batch_size,
                            extractor_version=extractor_version())  # fmt: skip
    # the version `newsgraph ingest` records, so graphs compare with the CLI's
    return run_ingest(store, _extractor(), options)


_EXTRACTOR: list[Any] = []


def _extractor() -> Any:
    """One extractor for the session: the spaCy pipeline loads once."""
    from newsgraph.ingest.extract import Extractor

    if not _EXTRACTOR:
        _EXTRACTOR.append(Extractor(Settings()))
    return _EXTRACTOR[0]


def ingest_fresh(settings: Settings, graph: str, *paths: Path) -> Fingerprint:
    """Ingest ``paths`` into a new graph of the same server; its fingerprint."""
    store = open_store(settings.model_copy(update={"graph_name": graph}))
    try:
        from newsgraph.graph.migrations import ensure_schema

        ensure_schema(store)
        summary = ingest(store, *paths)
        assert not summary.documents_failed, summary.failures
        return fingerprint(store)
    finally:
        store.close()
