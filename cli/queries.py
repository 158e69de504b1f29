"""``newsgraph queries`` (the catalogue) and ``newsgraph query NAME --param k=v ...``."""

from __future__ import annotations

import csv
import difflib
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsgraph.cli.common import cli_settings, emit_json, open_cli_store
from newsgraph.graph.cypher import ENGINES
from newsgraph.graph.errors import BadParameterError, UnknownQueryError
from newsgraph.graph.query.registry import QueryPage, QueryRegistry, load_registry
from newsgraph.graph.query.results import cell_text, graph_by_id, to_csv

__all__ = ["register"]

console = Console(highlight=False, soft_wrap=True)
FORMATS = ("rows", "tsv", "graph", "csv", "json")


def list_queries(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """List the saved queries with their parameters."""
    registry = load_registry(ENGINES[0])
    if as_json:
        emit_json(registry.catalogue())
        return
    for query in registry:
        console.print(f"[bold]{query.name}[/]  {query.title}")
        console.print(f"  {query.description}")
        for spec in query.params:
            default = "required" if spec.required else f"= {json.dumps(spec.default)}"
            console.print(f"    --param {spec.name}=<{spec.type_label}> {default}  {spec.help}")


def _parse_params(pairs: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BadParameterError(f"--param {pair!r} must be key=value", param=key or pair)
        params[key.strip()] = value
    return params


def _check_name(registry: QueryRegistry, name: str) -> None:
    """:class:`UnknownQueryError` for a name that is not saved, with close matches."""
    if name in registry:
        return
    close = difflib.get_close_matches(name, registry.names(), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; see `newsgraph queries`"
    raise UnknownQueryError(f"no saved query named {name!r}{hint}", query=name, suggestions=close)


def _print_tsv(page: QueryPage) -> None:
    """Plain tab-separated rows with a header line: for pipes, ``cut``, ``sort``, pandas."""
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL)  # fmt: skip
    writer.writerow(page.columns)
    for row in page.rows:
        writer.writerow([cell_text(v).replace("\t", " ").replace("\n", " ") for v in row])


def _print_rows(page: QueryPage) -> None:
    if not console.is_terminal:  # piped: rows a program can read, not a squeezed table
        _print_tsv(page)
        return
    table = Table(*page.columns, show_lines=False)
    for row in page.rows:
        table.add_row(*(cell_text(v) for v in row))
    console.print(table)
    more = " (truncated: more rows exist)" if page.truncated else ""
    console.print(f"{len(page.rows)} rows, offset {page.offset}{more}")


def run_query(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Saved query name (see `newsgraph queries`).")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="key=value; repeat for each.")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", help="rows (a table; TSV when piped), tsv, graph, csv or json."),
    ] = "rows",
    limit: Annotated[int | None, typer.Option("--limit", help="Max rows.")] = None,
    offset: Annotated[int | None, typer.Option("--offset", help="Rows to skip.")] = None,
) -> None:
    """Run a saved query read-only and print its rows (lists as a,b,c).

    On a terminal rows are a table; piped, they are tab-separated lines with a header."""
    if fmt not in FORMATS:
        raise BadParameterError(f"--format must be one of {', '.join(FORMATS)}", param="format")
    _check_name(load_registry(ENGINES[0]), name)  # before the store starts: a typo is quick
    params = _parse_params(param or [])
    params |= {k: str(v) for k, v in (("limit", limit), ("offset", offset)) if v is not None}
    settings = cli_settings(ctx)
    with open_cli_store(ctx) as store:
        registry = load_registry(store.info.engine)
        page = registry.run(store, name, registry.get(name).parse_text(params),
                            row_cap=settings.row_cap,
                            timeout_ms=settings.query_timeout_ms)  # fmt: skip
    if fmt == "csv":
        sys.stdout.write(to_csv(page.columns, page.rows))
    elif fmt == "json":
        emit_json(page.to_dict())
    elif fmt == "graph":
        emit_json({"query": name, **graph_by_id(page), "truncated": page.truncated})
    elif fmt == "tsv":
        _print_tsv(page)
    else:
        _print_rows(page)


def register(app: typer.Typer) -> None:
    """Add ``queries`` and ``query`` to the main app."""
    app.command("queries")(list_queries)
    app.command("query")(run_query)
