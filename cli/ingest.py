"""``newsgraph ingest``, ``newsgraph forget`` and ``newsgraph demo``."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsgraph.cli.common import cli_settings, emit_json, open_cli_store
from newsgraph.cli.judge import warn_problems
from newsgraph.cli.progress import CountingExtractor, IngestBar, count_inputs
from newsgraph.cli.serve import check_port
from newsgraph.graph.errors import BadInputError
from newsgraph.graph.judgement_file import judgements_path, read_judgements
from newsgraph.graph.judgements import Judgements
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.forget import forget_documents
from newsgraph.ingest.jobs import DocumentExtractor, IngestOptions, IngestSummary, run_ingest
from newsgraph.ingest.sources import read_sources

__all__ = ["register"]

EXAMPLES = Path(str(files("newsgraph.examples") / "articles"))
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]


@contextmanager
def _progress(
    enabled: bool, paths: list[Path], limit: int | None = None
) -> Iterator[IngestBar | None]:
    """A rich progress bar on stderr (done of total, docs/s, entities, relations, ETA)."""
    if not enabled:
        yield None
        return
    total = count_inputs(paths, limit)
    with IngestBar(err_console, total) as bar:
        yield bar


def _ingest(
    store: GraphStore,
    settings: Settings,
    paths: list[Path],
    *,
    show_progress: bool,
    extracted: bool = False,
    limit: int | None = None,
) -> IngestSummary:
    from newsgraph.ingest.extract import Extractor  # spaCy loads only when needed
    from newsgraph.ingest.shards import ShardExtractor, extractor_version, read_shards

    version = extractor_version(settings.spacy_model)
    options = IngestOptions(
        paths=tuple(str(p) for p in paths),
        workers=settings.workers,
        batch_size=settings.batch_size,
        max_article_bytes=settings.max_article_bytes,
        evidence_per_document=settings.evidence_per_document,
        extractor_version=version,
        limit=limit,
    )
    extractor: DocumentExtractor = ShardExtractor() if extracted else Extractor(settings)
    # shards made by `newsgraph extract --output` need no extraction here
    read = partial(read_shards, version=version) if extracted else read_sources
    with _progress(show_progress, paths, limit) as bar:
        if bar is not None:
            extractor = CountingExtractor(extractor, bar)
        return run_ingest(store, extractor, options, bar, read=read,
                          judgements=_judgements(settings))  # fmt: skip


def _judgements(settings: Settings) -> Callable[[], Judgements]:
    """What reads the data folder's judgements for a run (once it holds the writer lock,
    so a judgement being added is seen or waited for). A bad file is refused here, before
    the run starts; bad lines are reported (once) and skipped."""
    path = judgements_path(settings.data_dir)
    first = read_judgements(path)
    warn_problems(first.problems)

    def load() -> Judgements:
        found = read_judgements(path)
        warn_problems([p for p in found.problems if p not in first.problems])
        return found.judgements

    return load


def _report(summary: IngestSummary, as_json: bool) -> None:
    for failure in summary.failures:
        err_console.print(f"[red]failed:[/] {failure}")
    if as_json:
        emit_json(summary.to_dict())
        return
    console.print(
        f"documents: {summary.documents_new} new, {summary.documents_unchanged} unchanged, "
        f"{summary.documents_updated} updated, {summary.documents_failed} failed\n"
        f"extracted from them: {summary.entities} entity and {summary.relations} relation "
        "mentions (one node or edge per fact) "
        f"in {summary.elapsed:.1f}s (run {summary.run_id})"
    )


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt, .md, .html, .jsonl).")
    ],
    workers: Annotated[int | None, typer.Option(help="Extraction processes.", min=1)] = None,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", help="Documents per write transaction.", min=1)
    ] = None,
    as_json: JsonOption = False,
    extracted: Annotated[
        bool,
        typer.Option("--extracted", help="PATHS are shards from `newsgraph extract --output`."),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Read only the first N articles (bad ones "
                     "count too), e.g. for a trial run on a large feed."),
    ] = None,
) -> None:
    """Extract articles and write them to the graph, skipping unchanged ones."""
    updates = {k: v for k, v in {"workers": workers, "batch_size": batch_size}.items() if v}
    settings = cli_settings(ctx).model_copy(update=updates)
    with open_cli_store(ctx) as store:
        summary = _ingest(store, settings, paths, show_progress=err_console.is_terminal,
                          extracted=extracted, limit=limit)  # fmt: skip
    _report(summary, as_json)
    if summary.documents_failed:
        raise typer.Exit(BadInputError.exit_code)


def forget(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of stored documents.")],
    as_json: JsonOption = False,
) -> None:
    """Remove documents: their evidence, their mentions, and facts only they supported."""
    with open_cli_store(ctx) as store:
        removed = forget_documents(store, doc_ids)
    if as_json:
        emit_json({"forgotten": removed})
    else:
        console.print(f"forgot {len(removed)} document(s): {', '.join(removed)}")


def _api_factory() -> Any | None:
    """``api.app.create_app`` when the API is installed, else ``None`` (imported lazily)."""
    if importlib.util.find_spec("newsgraph.api.app") is None:
        return None
    return getattr(importlib.import_module("newsgraph.api.app"), "create_app", None)


def demo(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="HTTP port for the API.")] = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Ingest only; do not serve.")
    ] = False,
) -> None:
    """Ingest the example articles into the store, then serve the API on them."""
    settings = cli_settings(ctx)
    if not no_serve:
        check_port("127.0.0.1", port)  # before the ingest and the banner
    with open_cli_store(ctx) as store:
        summary = _ingest(store, settings, [EXAMPLES], show_progress=err_console.is_terminal)
        counts = store.run(store.info.library.get("admin/counts").text).records()[0]
    _report(summary, as_json=False)
    console.print(
        f"graph: {counts['documents']} documents, {counts['entities']} entities, "
        f"{counts['relationships']} relationships"
    )
    create_app = None if no_serve else _api_factory()
    base = f"http://127.0.0.1:{port}"
    if create_app is None:
        console.print(
            "not serving (--no-serve, or the API is not installed). Try:\n"
            "  newsgraph status\n"
            f"  newsgraph serve --port {port}   then open {base}/docs"
        )
        return
    console.print(
        f"serving the API at {base} (Ctrl-C to stop)\n"
        f"  open  {base}/docs\n"
        f"  try   {base}/queries/meetings?person=person:elon-musk\n"
        f"        {base}/queries/restrictions_on?id=company:nvidia\n"
        f"        {base}/queries/neighbourhood?id=company:tesla&format=graph\n"
        "  or    newsgraph query entity_profile --param id=company:tesla"
    )
    import uvicorn

    # The app opens (and on shutdown closes) its own store: uvicorn re-raises SIGTERM after
    # its graceful shutdown, so a store held open here would never be released.
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``forget`` and ``demo`` to the app."""
    app.command("ingest")(ingest)
    app.command("forget")(forget)
    app.command("demo")(demo)
