"""``newsgraph extract PATH...``: articles in, one JSON prediction per document out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings, get_settings

__all__ = ["Engine", "extract", "register"]


class Engine(StrEnum):
    """Where ``extract`` runs."""

    local = "local"
    ray = "ray"


def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt, .md, .html, .jsonl).")
    ],
    output_format: Annotated[str, typer.Option("--format", help="Output format.")] = "jsonl",
    workers: Annotated[int | None, typer.Option(help="Extraction processes.", min=1)] = None,
    engine: Annotated[Engine, typer.Option(help="Where extraction runs.")] = Engine.local,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: local Ray).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write shards into this folder.")
    ] = None,
) -> None:
    """Extract entities and relations; write one JSON object per document to stdout, or
    shards for ``ingest --extracted`` into ``--output``."""
    from newsgraph.ingest.extract import Extractor
    from newsgraph.ingest.sources import SourceProblem, read_sources

    settings = get_settings()
    if engine is Engine.ray or output is not None:  # shards: see ingest/shards.py
        _extract_shards(paths, output, engine, address, workers, output_format, settings)
        return
    if output_format != "jsonl":
        raise typer.BadParameter("only 'jsonl' is supported", param_hint="--format")
    problems = 0

    def documents() -> Iterator[Document]:
        nonlocal problems
        for item in read_sources(paths, settings.max_article_bytes):
            if isinstance(item, SourceProblem):
                problems += 1
                print(f"newsgraph: {item}", file=sys.stderr, flush=True)
            else:
                yield item

    for result in Extractor(settings).extract(documents(), workers or settings.workers):
        if isinstance(result, SourceProblem):
            problems += 1
            print(f"newsgraph: {result}", file=sys.stderr, flush=True)
        else:
            sys.stdout.write(json.dumps(result.to_prediction(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if problems:
        raise typer.Exit(2)



def _extract_shards(
    paths: list[Path], output: Path | None, engine: Engine, address: str | None,
    workers: int | None, output_format: str, settings: Settings,
) -> None:  # fmt: skip
    """``extract --output DIR [--engine ray]``: shards in DIR, a JSON summary on stdout."""
    from newsgraph.ingest.shard_extract import write_local_shards

    if output is None:
        raise typer.BadParameter("--engine ray writes shards: give --output DIR",
                                 param_hint="--output")  # fmt: skip
    if output_format not in ("jsonl", "parquet"):
        raise typer.BadParameter("shards are 'jsonl' or 'parquet'", param_hint="--format")
    if engine is Engine.ray:
        from newsgraph.ingest.ray_engine import extract_with_ray

        done = extract_with_ray(paths, output, address=address, num_cpus=workers,
                                settings=settings, shard_format=output_format)  # fmt: skip
        summary = done.to_dict()
    else:
        summary = write_local_shards(paths, output, settings, workers or settings.workers,
                                     output_format)  # fmt: skip
    for failure in summary["failures"]:
        print(f"newsgraph: {failure}", file=sys.stderr, flush=True)
    print(json.dumps({k: v for k, v in summary.items() if k != "failures"}), flush=True)
    if summary["problems"]:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the ``extract`` command to the app."""
    app.command("extract")(extract)
