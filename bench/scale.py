"""Past one machine: articles/s of the three ways to extract and write, in one run.

    python -m bench.scale [--docs 600] [--cpus 2]

On a generated corpus (``bench/corpus.py``), each on a fresh embedded store:

1. ``ingest --workers N``: extraction in N forked processes, writes in this one.
2. Ray local with N CPUs: ``extract --engine ray`` writing shards (N actors, each
   loading spaCy once). Ray's start-up (``ray.init``) is timed apart; the rate is
   the pipeline's, actors' model loading included (as ``--workers`` includes its own).
3. ``extract --engine ray`` + ``ingest --extracted``: the shards of 2 written by the
   one writer, and the rate of the two steps together.

Prints the ratio of 2 to 1 (target: at least 0.8) and the machine's load average, since
the figures are only comparable on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from functools import partial
from pathlib import Path

from bench.corpus import write_corpus
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import open_store
from newsgraph.ingest.jobs import DocumentExtractor, IngestOptions, IngestSummary, SourceReader
from newsgraph.ingest.jobs import run_ingest as _run_ingest
from newsgraph.ingest.shards import ShardExtractor, extractor_version, read_shards

__all__ = ["main"]


def _ingest(
    paths: list[Path], data_dir: Path, extractor: DocumentExtractor, workers: int,
    read: SourceReader | None = None,
) -> tuple[float, IngestSummary]:  # fmt: skip
    """Seconds for one ingest job on a fresh embedded store, and its summary."""
    store = open_store(Settings(data_dir=data_dir))
    try:
        ensure_schema(store)
        options = IngestOptions(paths=tuple(map(str, paths)), workers=workers,
                                extractor_version=extractor_version())  # fmt: skip
        start = time.perf_counter()
        if read is None:
            summary = _run_ingest(store, extractor, options)
        else:
            summary = _run_ingest(store, extractor, options, read=read)
        return time.perf_counter() - start, summary
    finally:
        store.close()


def _row(name: str, docs: int, seconds: float, note: str = "") -> None:
    print(f"{name:<44} {docs:>6} {seconds:>8.1f} {docs / seconds:>8.1f}  {note}")


def main() -> None:
    """Run the three paths on one corpus and print articles/s for each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600, help="generated articles")
    parser.add_argument("--cpus", type=int, default=2, help="--workers and Ray CPUs")
    args = parser.parse_args()
    from newsgraph.ingest.extract import Extractor
    from newsgraph.ingest.ray_engine import _ray, extract_with_ray

    ray = _ray()
    with tempfile.TemporaryDirectory(prefix="newsgraph-scale-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "corpus.jsonl", args.docs)
        load = os.getloadavg()
        print(f"corpus: {args.docs} generated articles; {args.cpus} CPUs of {os.cpu_count()}; "
              f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip
        print(f"{'path':<44} {'docs':>6} {'seconds':>8} {'docs/s':>8}")
        plain, summary = _ingest([corpus], root / "plain", Extractor(Settings()), args.cpus)
        _row(f"ingest --workers {args.cpus}", summary.documents_new, plain)
        start = time.perf_counter()
        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        startup = time.perf_counter() - start
        try:
            start = time.perf_counter()
            done = extract_with_ray([corpus], root / "shards", num_cpus=args.cpus)
            extracted = time.perf_counter() - start
        finally:
            ray.shutdown()
        print(f"{'ray start-up (ray.init, local)':<44} {'':>6} {startup:>8.1f}")
        _row(f"extract --engine ray ({args.cpus} CPUs, {done.shards} shards)",
             done.documents, extracted, f"{plain / extracted:.2f}x ingest --workers "
             f"{args.cpus} (target >= 0.8x; it also writes)")  # fmt: skip
        read = partial(read_shards, version=extractor_version())
        written, shard_summary = _ingest([root / "shards"], root / "sharded", ShardExtractor(),
                                         1, read)  # fmt: skip
        _row("ingest --extracted (writes only)", shard_summary.documents_new, written)
        _row("extract --engine ray + ingest --extracted", shard_summary.documents_new,
             extracted + written, f"{plain / (extracted + written):.2f}x ingest --workers "
             f"{args.cpus}")  # fmt: skip
        print(f"per CPU: ingest {summary.documents_new / plain / args.cpus:.1f} docs/s, "
              f"ray {done.documents / extracted / args.cpus:.1f} docs/s")


if __name__ == "__main__":
    main()
