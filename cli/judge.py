"""``newsgraph merge``, ``split``, ``keep-apart`` and ``judgements``: corrections that stick.

Each command saves a judgement in ``judgements.jsonl`` of the data folder
(``graph/judgement_file.py``) and rewrites the stored documents it touches
(``ingest/rejudge.py``); every later ``ingest`` applies the file too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from newsgraph.cli.common import cli_settings, emit_json, open_cli_store
from newsgraph.graph.errors import BadInputError
from newsgraph.graph.judgement_file import (
    FILE_NAME,
    JudgementFile,
    judgements_path,
    read_judgements,
    write_judgements,
)
from newsgraph.graph.judgements import Judgement, coarse_type
from newsgraph.graph.model import normalise_name
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.jobs import DocumentExtractor, IngestOptions
from newsgraph.ingest.rejudge import JudgeReport, add_judgement, drop_judgement, pending, reapply

__all__ = ["carry_judgements", "extractor_for", "judge_copy", "register", "rewrite_options",
           "warn_problems"]  # fmt: skip

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept in the file).")]


def rewrite_options(settings: Settings) -> IngestOptions:
    """How rewritten documents are written: as ``ingest`` writes them."""
    from newsgraph.ingest.shards import extractor_version

    return IngestOptions(paths=(), batch_size=settings.batch_size,
                         evidence_per_document=settings.evidence_per_document,
                         extractor_version=extractor_version(settings.spacy_model))  # fmt: skip


def extractor_for(settings: Settings) -> DocumentExtractor:
    """The spaCy extractor (its pipeline loads only when a document needs it)."""
    from newsgraph.ingest.extract import Extractor

    return Extractor(settings)


def warn_problems(problems: list[str]) -> None:
    """Print the judgements file's bad lines on stderr (they are skipped)."""
    for problem in problems:
        err_console.print(f"[yellow]judgement skipped:[/] {escape(problem)}")


def carry_judgements(settings: Settings, output: Path, folder: bool) -> Path | None:
    """Put the data folder's judgements beside an export so it can be re-imported with
    them: ``judgements.jsonl`` inside a folder export, else ``<output>.judgements.jsonl``."""
    found = read_judgements(judgements_path(settings.data_dir))
    if not found.items:
        return None
    where = output / FILE_NAME if folder else output.with_name(f"{output.name}.{FILE_NAME}")
    write_judgements(where, found.items)
    return where


def judge_copy(
    target: GraphStore, settings: Settings, given: Path | None, to_data_dir: Path | None
) -> tuple[JudgementFile, list[str]]:
    """After ``copy``: apply the judgements (``given``, else the source data folder's) to
    the target by rewriting the documents they touch (always for a given file; for the
    folder's own, only when the copy still holds data they change), and write them into
    ``to_data_dir`` so the target's later ingests apply them too. Returns the
    judgements and the ids of the documents rewritten."""
    found = read_judgements(given or judgements_path(settings.data_dir))
    warn_problems(found.problems)
    rewritten: list[str] = []
    if found.items and (given is not None or pending(target, found.judgements)):
        done = reapply(target, extractor_for(settings), found, rewrite_options(settings))
        rewritten = done.documents
        for failure in done.failures:
            err_console.print(f"[red]not rewritten:[/] {escape(failure)}")
    if to_data_dir is not None and found.items:
        write_judgements(judgements_path(to_data_dir), found.items)
    return found, rewritten


def _path(ctx: typer.Context) -> Path:
    return judgements_path(cli_settings(ctx).data_dir)


def _run(ctx: typer.Context, item: Judgement | None, drop: int | None = None) -> JudgeReport:
    settings = cli_settings(ctx)
    path = judgements_path(settings.data_dir)
    extractor = extractor_for(settings)
    with open_cli_store(ctx) as store:
        if item is not None:
            return add_judgement(store, extractor, path, item, rewrite_options(settings))
        assert drop is not None
        return drop_judgement(store, extractor, path, drop, rewrite_options(settings))


def _report(ctx: typer.Context, report: JudgeReport, verb: str, as_json: bool) -> None:
    warn_problems(report.problems)
    for failure in report.failures:
        err_console.print(f"[red]not rewritten:[/] {escape(failure)}")
    judgement = report.judgement
    assert judgement is not None
    if as_json:
        emit_json({"judgement": judgement.to_record(), "action": verb, "file": str(_path(ctx)),
                   "rewritten": report.documents, "failures": report.failures,
                   "problems": report.problems})  # fmt: skip
    else:
        console.print(f"{verb} {judgement.describe()} in {_path(ctx)}; rewrote "
                      f"{len(report.documents)} stored document(s)")  # fmt: skip
    if report.failures:
        raise typer.Exit(BadInputError.exit_code)


def merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Entity id folded in (it disappears).")],
    target: Annotated[str, typer.Argument(help="Entity id that keeps everything.")],
    name: Annotated[str | None, typer.Option("--name", help="Name of the merged entity "
                                             "(default: the stored name of TARGET).")] = None,
    note: NoteOption = "",
    as_json: JsonOption = False,
) -> None:
    """Fold entity SOURCE into TARGET: TARGET keeps its aliases, mentions and evidence."""
    item = Judgement("merge", (source, target), name=name, note=note)
    _report(ctx, _run(ctx, item), "saved", as_json)


def split(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="Entity id that conflates two things.")],
    docs: Annotated[str, typer.Option("--docs", help="Document ids, comma-separated, in "
                                      "which ENTITY is another thing.")],
    new_id: Annotated[str | None, typer.Option("--as", help="Id of the other thing "
                                               "(default: from --name, else ENTITY-split-N).")
                      ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name of the other thing.")] = None,
    note: NoteOption = "",
    as_json: JsonOption = False,
) -> None:
    """In the documents DOCS, ENTITY is a different entity (NEW_ID)."""
    doc_ids = tuple(sorted({d.strip() for d in docs.split(",") if d.strip()}))
    if new_id is None and name:
        new_id = f"{coarse_type(entity)}:{normalise_name(name)}"
    if new_id is None or new_id == entity:
        new_id = f"{entity}-split-{read_judgements(_path(ctx)).next_number}"
    item = Judgement("split", (entity, new_id), docs=doc_ids, name=name, note=note)
    _report(ctx, _run(ctx, item), "saved", as_json)


def keep_apart(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="Entity id.")],
    second: Annotated[str, typer.Argument(help="Entity id never to be joined with FIRST.")],
    note: NoteOption = "",
    as_json: JsonOption = False,
) -> None:
    """FIRST and SECOND are never one entity: merges joining them are refused."""
    pair = (first, second) if first <= second else (second, first)
    _report(ctx, _run(ctx, Judgement("keep-apart", pair, note=note)), "saved", as_json)


def judgements(
    ctx: typer.Context,
    drop: Annotated[int | None, typer.Option("--drop", help="Remove judgement N and rewrite "
                                             "the documents it touched.", min=1)] = None,
    reapply_all: Annotated[bool, typer.Option("--reapply", help="Rewrite every stored "
                                              "document a judgement touches.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List the judgements of the data folder (bad lines are reported and skipped)."""
    if drop is not None:
        _report(ctx, _run(ctx, None, drop), "dropped", as_json)
        return
    settings = cli_settings(ctx)
    found = read_judgements(judgements_path(settings.data_dir))
    rewritten: list[str] | None = None
    if reapply_all:
        with open_cli_store(ctx) as store:
            done = reapply(store, extractor_for(settings), found, rewrite_options(settings))
        rewritten = done.documents
        for failure in done.failures:
            err_console.print(f"[red]not rewritten:[/] {escape(failure)}")
        if not as_json:
            console.print(f"rewrote {len(rewritten)} stored document(s)")
    warn_problems(found.problems)
    if as_json:
        emit_json({"file": str(found.path), "judgements": [j.to_record() for j in found.items],
                   "problems": found.problems}
                  | ({"rewritten": rewritten} if rewritten is not None else {}))  # fmt: skip
    elif not found.items:
        console.print(f"no judgements in {found.path}")
    else:
        console.print(f"{len(found.items)} judgement(s) in {found.path}:")
        for item in found.items:
            console.print(f"  {escape(item.describe())}")
    if found.problems:
        raise typer.Exit(BadInputError.exit_code)


def register(app: typer.Typer) -> None:
    """Add ``merge``, ``split``, ``keep-apart`` and ``judgements`` to the app."""
    app.command("merge")(merge)
    app.command("split")(split)
    app.command("keep-apart")(keep_apart)
    app.command("judgements")(judgements)
