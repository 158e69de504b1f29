"""Ingest throughput: extraction + writes vs extraction alone, and our writer vs plain MERGE.

    python -m bench.ingest [--docs 5000] [--workers 2] [--batch-size 200]

On a generated corpus (``bench/corpus.py``), in one run, prints side by side:

1. ``extract`` alone (docs/s, words/s) and the whole ingest job on an empty embedded
   store (docs/s, words/s), with the time the job spent in store writes and
   snapshots (target: at most 15% of the job). The wall-clock difference is printed
   too, but on a shared machine it is noisier than the measured write time.
2. write throughput alone: the extracted documents written through
   :class:`ingest.writer.GraphWriter` (rows = documents + entities + mentions +
   relation edges, per second), as the ingest job runs it and like for like against
   plain ``UNWIND ... MERGE`` statements writing the writer's own rows (documents,
   entities, mentions, evidence records with their STATES links, edges with the batch's
   counts) by setting properties outright: both sides' transactions prebuilt, sent
   through the same client (``GraphStore.write_batches``, MULTI/EXEC, the next sent
   while the previous runs), with the collector paused, each into a fresh graph, twice
   alternating (goal: at least 0.8x). The plain side stores every property the writer
   stores on entities and edges, with the values the writer creates them with when new
   (``ingest/fresh_rows.py``: counts, dates, aliases with counts, the dated source
   sample, provenance); the earlier baseline, whose entities carried only name, type
   and wikidata and whose edges carried counts and dates but no sample, is printed
   beside it. What the ratio prices is what the writer does beyond storing the rows:
   set-like merges (a replayed batch adds nothing), entity and edge summaries folded
   into stored ones by deltas, the sample merged with a stored one, labels per type.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus
from bench.statements import statement
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.model import Document, ExtractedDocument
from newsgraph.graph.schema import fill_names
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, drop_graph, open_store, reopen
from newsgraph.graph.stores.base import Step
from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
from newsgraph.ingest.fresh_rows import create_rows
from newsgraph.ingest.jobs import IngestOptions, run_ingest
from newsgraph.ingest.sources import read_sources
from newsgraph.ingest.writer import EDGE_SAMPLE, GraphWriter

__all__ = ["main"]



def _extract(corpus: Path, workers: int) -> tuple[list[ExtractedDocument], float]:
    start = time.perf_counter()
    docs = (d for d in read_sources([corpus], 2_000_000) if isinstance(d, Document))
    results = [r for r in Extractor(Settings()).extract(docs, workers=workers)
               if isinstance(r, ExtractedDocument)]  # fmt: skip
    return results, time.perf_counter() - start


class _TimedStore:
    """The store, with the seconds spent in ``write`` and ``persist`` added up."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _timed(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start

    def write(self, steps: Any) -> Any:
        return self._timed(self._store.write, steps)

    def write_batches(self, batches: Any) -> Any:
        building = 0.0  # the caller builds its batches inside the store's loop: not counted

        def timed_batches() -> Any:
            nonlocal building
            source = iter(batches)
            while True:
                start = time.perf_counter()
                batch = next(source, None)
                building += time.perf_counter() - start
                if batch is None:
                    return
                yield batch

        results = iter(self._store.write_batches(timed_batches()))
        while True:
            before, start = building, time.perf_counter()
            done = next(results, None)
            self.seconds += time.perf_counter() - start - (building - before)
            if done is None:
                return
            yield done

    def persist(self, *, wait: bool = False) -> None:
        self._timed(self._store.persist, wait=wait)


def _ingest(corpus: Path, data_dir: Path, workers: int, batch: int) -> tuple[float, float, Any]:
    """Seconds for the whole job, seconds of it spent writing, and the summary."""
    store = open_store(Settings(data_dir=data_dir))
    try:
        ensure_schema(store)
        timed = _TimedStore(store)
        options = IngestOptions(paths=(str(corpus),), workers=workers, batch_size=batch,
                                extractor_version=EXTRACTOR_VERSION)  # fmt: skip
        start = time.perf_counter()
        summary = run_ingest(timed, Extractor(Settings()), options)  # type: ignore[arg-type]
        return time.perf_counter() - start, timed.seconds, summary
    finally:
        store.close()


def _plain_steps(
    writer: GraphWriter, batch: Sequence[ExtractedDocument], summaries: bool = True
) -> list[Step]:
    """The writer's own rows for ``batch`` (documents, entities, mentions, evidence records,
    edges), written by plain UNWIND-MERGE statements that set properties outright: no
    set-like checks, no summaries by deltas, no sample merged with a stored one.

    ``summaries``: entities and edges carry every property the writer stores on them,
    as the writer creates them when they are new (``create_rows``: counts, dates,
    aliases with their counts, the dated source sample, provenance); without it, as
    the earlier baseline did, entities carry only name, type and wikidata, and edges
    the batch's counts, confidence and dates (not the sample, provenance or reference
    counts)."""
    rows = writer.rows(batch)
    entities, relations = create_rows(rows.entities, rows.mentions, rows.relations, EDGE_SAMPLE)
    nodes = [{"id": d["id"], "props": d["props"]} for d in rows.documents]
    for labels, group in rows.entities.items():
        own = entities[labels]["own"]
        nodes += [{"id": e["id"], "props": e | own[at] if summaries else e}
                  for at, e in enumerate(group)]  # fmt: skip
    mentions = [{"doc": m["doc"], "entity": m["entity"], "props": m} for m in rows.mentions]
    steps: list[Step] = [
        (statement("plain_nodes").text, {"rows": nodes}),
        (statement("plain_mentions").text, {"rows": mentions}),
        (statement("plain_evidence").text, {"rows": rows.evidence}),
    ]
    template = statement("plain_edges")
    for rel_type, edge_rows in sorted(relations.items()):
        plain = []
        for row in edge_rows:
            support = row["records"]
            if summaries:
                props = {key: row[key] for key in _EDGE_SUMMARIES}
            else:
                props = {
                    "source_count": len(support),
                    "evidence_count": sum(v["count"] for v in support),
                    "confidence": max(v["confidence"] for v in support),
                    "first_seen": min(v["date"] for v in support),
                    "last_seen": max(v["date"] for v in support),
                }
            props["extractor_version"] = row["version"]
            plain.append({"src": row["src"], "dst": row["dst"], "props": props})
        steps.append((fill_names(template, {"TYPE": (rel_type,)}), {"rows": plain}))
    return steps


_EDGE_SUMMARIES = ("source_count", "evidence_count", "reference_count", "datasets", "provenance",
                   "confidence", "first_seen", "last_seen", "sources", "source_dates")  # fmt: skip


def _rows(batch: Sequence[ExtractedDocument]) -> int:
    return sum(1 + 2 * len(ex.entities) + len(ex.relations) for ex in batch)


def _timed_writes(batches: list[list[ExtractedDocument]], write: Callable[[list], None]) -> float:
    start = time.perf_counter()
    for batch in batches:
        write(batch)
    return time.perf_counter() - start


def _timed_pipeline(batches: list[list[ExtractedDocument]], writer: GraphWriter) -> float:
    """Seconds for the batches through the writer's pipeline, as the ingest job writes."""
    start = time.perf_counter()
    writer.write_batches((batch, None, None) for batch in batches)
    return time.perf_counter() - start


def _pipelined(store: GraphStore, batches: list[list[tuple[str, dict[str, Any]]]]) -> float:
    """Seconds to run prebuilt transactions (one per batch) through
    ``store.write_batches``, each sent while the previous one runs, as the writer does."""
    start = time.perf_counter()
    for _ in store.write_batches(batches):
        pass
    return time.perf_counter() - start


def _fresh(reach: Any, graph: str) -> GraphStore:
    store = reopen({**reach, "graph": graph, "url": "bench"})
    ensure_schema(store)
    return store


def _write_only(
    data_dir: Path, extracted: list[ExtractedDocument], batch: int
) -> tuple[float, dict[str, float]]:
    """Seconds for our writer as the job runs it, then like for like: our prebuilt
    transactions and the plain statements' (with the writer's summaries, and with the
    earlier baseline's counts only), all through the same client, pipelined, in
    MULTI/EXEC, with the collector paused; each side into a fresh graph, twice in
    alternating order, best kept."""
    batches = [extracted[i : i + batch] for i in range(0, len(extracted), batch)]
    server_store = open_store(Settings(data_dir=data_dir))
    try:
        ensure_schema(server_store)
        job = GraphWriter(server_store, extractor_version=EXTRACTOR_VERSION)
        job_s = _timed_pipeline(batches, job)
        reach = server_store.info.reach
        assert reach is not None
        sides = ("ours", "plain", "plain, counts only")
        best = dict.fromkeys(sides, float("inf"))
        for round_ in range(2):
            for side in sides if round_ == 0 else sides[::-1]:
                store = _fresh(reach, f"side{sides.index(side)}r{round_}")
                try:
                    with gc_paused():
                        writer = GraphWriter(store, extractor_version=EXTRACTOR_VERSION)
                        if side == "ours":
                            steps = [writer.steps(b, {}) for b in batches]
                        else:
                            full = side == "plain"
                            steps = [_plain_steps(writer, b, full) for b in batches]
                        best[side] = min(best[side], _pipelined(store, steps))
                finally:
                    drop_graph(store)
                    store.close()
        return job_s, best
    finally:
        server_store.close()


def main() -> None:
    """Run the benchmark and print the figures side by side."""
    parser = argparse.ArgumentParser(description="newsgraph ingest benchmark")
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ng-bench-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "corpus.jsonl", args.docs)
        words = sum(len(d.text.split()) for d in read_sources([corpus], 2_000_000)
                    if isinstance(d, Document))  # fmt: skip
        print(f"corpus: {args.docs} articles, {words:,} words; workers {args.workers}, "
              f"batch {args.batch_size}")  # fmt: skip
        extracted, extract_s = _extract(corpus, args.workers)
        ingest_s, write_s, summary = _ingest(corpus, root / "ingest", args.workers, args.batch_size)
        rows = sum(_rows(extracted[i : i + 1]) for i in range(len(extracted)))
        job_s, best = _write_only(root / "writes", extracted, args.batch_size)
    n = len(extracted)
    print(f"\n{'':<28}{'seconds':>10}{'docs/s':>10}{'words/s':>12}")
    print(
        f"{'extract alone':<28}{extract_s:>10.1f}{n / extract_s:>10.1f}{words / extract_s:>12,.0f}"
    )
    print(f"{'ingest (extract + write)':<28}{ingest_s:>10.1f}{n / ingest_s:>10.1f}"
          f"{words / ingest_s:>12,.0f}")  # fmt: skip
    print(f"time in store writes and snapshots during ingest: {write_s:.1f} s = "
          f"{write_s / ingest_s:.1%} of the job (target <= 15%); wall-clock difference from "
          f"extract alone: {(ingest_s - extract_s) / ingest_s:+.1%}")  # fmt: skip
    print(f"{summary.documents_new} new documents, {summary.entities} entities, "
          f"{summary.relations} relations written")  # fmt: skip
    print(f"\n{'writes alone':<28}{'seconds':>10}{'rows/s':>12}   rows = {rows:,}")
    ours_s, plain_s, counts_s = best["ours"], best["plain"], best["plain, counts only"]
    print(f"{'GraphWriter, as the job':<28}{job_s:>10.2f}{rows / job_s:>12,.0f}")
    print(f"{'GraphWriter, prebuilt':<28}{ours_s:>10.2f}{rows / ours_s:>12,.0f}")
    print(f"{'plain UNWIND MERGE, prebuilt':<28}{plain_s:>10.2f}{rows / plain_s:>12,.0f}"
          "   (the writer's properties)")  # fmt: skip
    print(f"{'  the same, counts only':<28}{counts_s:>10.2f}{rows / counts_s:>12,.0f}"
          "   (edges without sample or provenance, entities without summaries)")  # fmt: skip
    print(f"writer / plain throughput, like for like (same rows and properties, client, "
          f"MULTI/EXEC, pipelining, collector paused): {plain_s / ours_s:.2f}x (goal >= 0.8x); "
          f"against plain with counts only: {counts_s / ours_s:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
