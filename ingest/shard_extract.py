"""``newsgraph extract --output DIR`` without Ray: shards written on this machine.

The same shards as the Ray engine's (``ingest/ray_engine.py``), extracted here with
``--workers`` processes, in input order, a fixed number of records per file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings
from newsgraph.ingest.shards import (
    extractor_version,
    problem_record,
    shard_files,
    shard_record,
    write_shard,
)
from newsgraph.ingest.sources import SourceProblem

__all__ = ["SHARD_SIZE", "fresh_output", "write_local_shards"]

SHARD_SIZE = 1000
"""Records per shard file that ``extract --output`` writes without Ray."""


def fresh_output(output: Path) -> None:
    """Create the shard folder ``output``, or refuse one that already holds shards: old
    shards left beside new ones would be ingested with them."""
    if output.exists() and not output.is_dir():
        raise BadParameterError(f"{output} is a file, not a folder", param="--output")
    if output.is_dir():
        old = next((p for p in shard_files([output]) if isinstance(p, Path)), None)
        if old is not None:
            raise BadParameterError(f"{output} already holds shards ({old.name}); "
                                    "give an empty or new folder", param="--output")  # fmt: skip
    output.mkdir(parents=True, exist_ok=True)


def write_local_shards(
    paths: Sequence[str | Path], output: Path, settings: Settings, workers: int = 1,
    shard_format: str = "jsonl", per_shard: int = SHARD_SIZE,
) -> dict[str, Any]:  # fmt: skip
    """Extract the articles under ``paths`` here (``workers`` processes) and write them as
    shards of ``per_shard`` records into ``output``, in input order; return a summary."""
    from newsgraph.ingest.extract import Extractor
    from newsgraph.ingest.sources import read_sources

    started = time.monotonic()
    version = extractor_version(settings.spacy_model)
    fresh_output(output)
    problems: list[SourceProblem] = []

    def documents() -> Iterator[Document]:
        for item in read_sources(paths, settings.max_article_bytes):
            if isinstance(item, SourceProblem):
                problems.append(item)
            else:
                yield item

    summary: dict[str, Any] = {"output": str(output), "documents": 0, "problems": 0,
                               "shards": 0, "failures": []}  # fmt: skip
    records: list[dict[str, Any]] = []
    for item in Extractor(settings).extract(documents(), workers):
        if isinstance(item, SourceProblem):
            problems.append(item)
        else:
            records.append(shard_record(item, version))
        records += [problem_record(p, version) for p in problems]
        summary["problems"] += len(problems)
        summary["failures"] += [str(p) for p in problems]
        problems.clear()
        if len(records) >= per_shard:
            write_shard(output / f"part-{summary['shards']:09d}.{shard_format}", records)
            summary["shards"] += 1
            summary["documents"] += sum(1 for r in records if not r["problem"])
            records = []
    records += [problem_record(p, version) for p in problems]  # after the last document
    summary["problems"] += len(problems)
    summary["failures"] += [str(p) for p in problems]
    if records:
        write_shard(output / f"part-{summary['shards']:09d}.{shard_format}", records)
        summary["shards"] += 1
        summary["documents"] += sum(1 for r in records if not r["problem"])
    return summary | {"elapsed": round(time.monotonic() - started, 3)}
