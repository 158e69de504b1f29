"""``newsgraph export`` (GraphML, GEXF, JSON, CSV, neo4j-admin files) and ``newsgraph copy``."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsgraph.cli.common import cli_settings, emit_json, open_cli_store
from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.export.copy import copy_graph
from newsgraph.graph.export.networkx import export_to, saved_query_subgraph
from newsgraph.graph.export.read import OnRows
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.stores import GraphStore, describe_url, open_store

__all__ = ["register"]

console = Console()
err_console = Console(stderr=True)


class Format(StrEnum):
    """Export formats."""

    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    neo4j_import = "neo4j-import"


QueryOption = Annotated[
    str | None, typer.Option("--query", help="Export only this saved query's subgraph.")
]
ParamOption = Annotated[
    list[str] | None, typer.Option("--param", help="A saved-query parameter, k=v (repeatable).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``["k=v", ...]`` as a dict; :class:`BadParameterError` for a pair without ``=``."""
    params: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadParameterError(f"--param wants k=v, not {pair!r}")
        params[key.strip()] = value
    return params


@contextmanager
def progress_rows(store: GraphStore, label: str) -> Iterator[OnRows | None]:
    """A rich progress bar on stderr, when it is a terminal, fed with rows read."""
    if not sys.stderr.isatty():
        yield None
        return
    counts = store.run(store.info.library.get("admin/counts").text).records()[0]
    total = int(counts["nodes"]) + int(counts["relationships"])
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _check_output(output: Path, fmt: Format) -> None:
    """Refuse an output the format cannot be written to, in one line (no traceback)."""
    folder_formats = (Format.csv, Format.neo4j_import)
    if output.is_dir() and fmt not in folder_formats:
        raise BadParameterError(f"--output {output} is a folder; {fmt.value} writes one file",
                                param="--output")  # fmt: skip
    if output.exists() and not output.is_dir() and fmt in folder_formats:
        raise BadParameterError(f"--output {output} is a file; {fmt.value} writes a folder",
                                param="--output")  # fmt: skip
    parent = output.resolve().parent
    if not parent.is_dir():
        raise BadParameterError(f"--output {output}: folder {parent} does not exist",
                                param="--output")  # fmt: skip


def _remove_leftovers(output: Path) -> None:
    """Delete the ``.partial`` files and folders an interrupted export of ``output`` left."""
    parent = output.resolve().parent
    with contextlib.suppress(OSError):
        for leftover in parent.glob(f".{output.name}.*.partial"):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def export(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File (or folder: csv, neo4j-import).")
    ],
    query: QueryOption = None,
    param: ParamOption = None,
    include_documents: Annotated[
        bool, typer.Option("--include-documents", help="Add Document nodes and MENTIONS.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, max=64,
            help="Processes for a whole-graph neo4j-import (default: one per core, up to 4).",
        ),
    ] = None,
    as_json: JsonOption = False,
    from_extracted: Annotated[
        list[Path] | None,
        typer.Option("--from-extracted", help="Build neo4j-import files from these shards."),
    ] = None,
) -> None:
    """Export the graph (or a saved query's subgraph); the file appears only when complete."""
    if from_extracted:  # the bulk path: no store at all
        _export_from_shards(ctx, fmt, output, from_extracted, as_json)
        return
    params = parse_params(param)
    _check_output(output, fmt)
    _remove_leftovers(output)
    try:
        with open_cli_store(ctx) as store, progress_rows(store, "exporting") as on_rows:
            if query is not None:  # text from the command line, in the parameters' types
                params = load_registry(store.info.engine).get(query).parse_text(params)
            result = export_to(
                store, fmt.value, output, query=query, params=params,
                include_documents=include_documents, on_rows=on_rows,
                settings=cli_settings(ctx), workers=workers,
            )  # fmt: skip
    except OSError as exc:
        _remove_leftovers(output)
        raise BadParameterError(
            f"cannot write {output}: {exc.strerror or exc}", param="--output"
        ) from exc
    from newsgraph.cli.judge import carry_judgements

    carried = carry_judgements(cli_settings(ctx), output, output.is_dir())
    report = {"format": result.format, "output": str(output), "nodes": result.nodes,
              "edges": result.edges, "truncated": result.truncated,
              "judgements": str(carried) if carried else None}  # fmt: skip
    if result.neo4j is not None:
        neo = result.neo4j
        report.update(files=neo.rows, array_delimiter=neo.array_delimiter,
                      skipped_properties=dict(neo.skipped), workers=neo.workers,
                      command=neo.command)  # fmt: skip
    if as_json:
        emit_json(report)
        return
    console.print(f"wrote {output}: {result.nodes} nodes, {result.edges} edges")
    if result.truncated:
        err_console.print("[yellow]warning:[/] the saved query hit the row cap (truncated)")
    if result.neo4j is not None:
        console.print("load it into an empty Neo4j database (stopped) with:")
        console.print(result.neo4j.command, soft_wrap=True, highlight=False, markup=False)


def _export_from_shards(
    ctx: typer.Context, fmt: Format, output: Path, shards: list[Path], as_json: bool
) -> None:
    """``export --format neo4j-import --from-extracted DIR``: see ``ingest/bulk.py``."""
    from newsgraph.cli.judge import carry_judgements, warn_problems
    from newsgraph.graph.errors import BadInputError
    from newsgraph.graph.judgement_file import judgements_path, read_judgements
    from newsgraph.ingest.bulk import neo4j_import_from_shards
    from newsgraph.ingest.shards import extractor_version

    if fmt is not Format.neo4j_import:
        raise BadParameterError("--from-extracted builds neo4j-import files only",
                                param="--format")  # fmt: skip
    settings = cli_settings(ctx)
    version = extractor_version(settings.spacy_model)
    limit = settings.evidence_per_document
    judged = read_judgements(judgements_path(settings.data_dir))
    warn_problems(judged.problems)
    done = neo4j_import_from_shards(shards, output, version=version, evidence_per_document=limit,
                                    judgements=judged.judgements)  # fmt: skip
    carry_judgements(settings, output, folder=True)
    neo = done.neo4j
    for failure in done.failures:
        err_console.print(f"[red]refused:[/] {failure}", markup=True, highlight=False)
    if as_json:
        emit_json({"format": fmt.value, "output": str(output), "documents": done.documents,
                   "files": neo.rows, "array_delimiter": neo.array_delimiter,
                   "failures": done.failures, "command": neo.command})  # fmt: skip
    else:
        console.print(f"wrote {output} from {done.documents} extracted documents: {neo.rows}")
        console.print("load it into an empty Neo4j database (stopped) with:")
        console.print(neo.command, soft_wrap=True, highlight=False, markup=False)
    if done.failures:
        raise typer.Exit(BadInputError.exit_code)


def copy(
    ctx: typer.Context,
    to: Annotated[
        str, typer.Option("--to", help="Target store URL: bolt://… or falkordb://host:port/graph.")
    ],
    query: QueryOption = None,
    param: ParamOption = None,
    as_json: JsonOption = False,
    judgements_file: Annotated[
        Path | None,
        typer.Option("--judgements", help="Apply this judgements file (default: the data "
                     "folder's, applied when the copy still needs it)."),
    ] = None,
    to_data_dir: Annotated[
        Path | None,
        typer.Option("--to-data-dir", help="The target's data folder: the judgements are "
                     "written there, so its later ingests apply them."),
    ] = None,
) -> None:
    """Copy the graph (or a saved query's subgraph) into another store, idempotently, with
    the judgements applied."""
    from newsgraph.cli.judge import judge_copy

    if judgements_file is not None and not judgements_file.is_file():
        raise BadParameterError(f"--judgements {judgements_file}: no such file",
                                param="--judgements")  # fmt: skip

    params = parse_params(param)
    settings = cli_settings(ctx)
    target_settings = settings.model_copy(update={"graph_url": to})
    with open_cli_store(ctx) as source:
        batches = None
        if query is not None:
            typed = load_registry(source.info.engine).get(query).parse_text(params)
            sub = saved_query_subgraph(source, query, typed, settings=settings)
            batches = sub.batches
        target = open_store(target_settings)
        try:
            with progress_rows(source, "copying") as on_rows:
                result = copy_graph(source, target, batches, on_rows=on_rows)
            _, rewritten = judge_copy(target, settings, judgements_file, to_data_dir)
            counts = target.run(target.info.library.get("admin/counts").text).records()[0]
        finally:
            target.close()
    report = {"to": describe_url(target_settings), "nodes_written": result.nodes,
              "relationships_written": result.relationships, "target": counts,
              "rewritten_by_judgements": rewritten}  # fmt: skip
    if as_json:
        emit_json(report)
        return
    console.print(
        f"copied {result.nodes} nodes and {result.relationships} relationships to {report['to']}; "
        f"it now holds {counts['nodes']} nodes and {counts['relationships']} relationships"
    )


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``copy`` to the main app."""
    app.command("export")(export)
    app.command("copy")(copy)
