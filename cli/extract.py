"""``newsgraph extract PATH...``: articles in, one JSON prediction per document out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.graph.model import Document
from newsgraph.graph.settings import get_settings

__all__ = ["extract", "register"]


def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt, .md, .html, .jsonl).")
    ],
    output_format: Annotated[str, typer.Option("--format", help="Output format.")] = "jsonl",
    workers: Annotated[int | None, typer.Option(help="Extraction processes.", min=1)] = None,
) -> None:
    """Extract entities and relations; write one JSON object per document to stdout."""
    from newsgraph.ingest.extract import Extractor
    from newsgraph.ingest.sources import SourceProblem, read_sources

    if output_format != "jsonl":
        raise typer.BadParameter("only 'jsonl' is supported", param_hint="--format")
    settings = get_settings()
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



def register(app: typer.Typer) -> None:
    """Add the ``extract`` command to the app."""
    app.command("extract")(extract)
