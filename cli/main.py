"""The ``newsgraph`` command: one Typer app, each command group in its own module.

Each module under ``cli/`` exposes ``register(app)``; this file only assembles
them and turns newsgraph's errors into a message and an exit code (never a
traceback).
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console

from newsgraph.cli.common import set_overrides
from newsgraph.graph.errors import BadInputError, NewsgraphError

__all__ = ["app", "main"]

COMMAND_MODULES = (
    "newsgraph.cli.db",
    "newsgraph.cli.extract",
    "newsgraph.cli.ingest",
    "newsgraph.cli.judge",
    "newsgraph.cli.queries",
    "newsgraph.cli.serve",
    "newsgraph.cli.export",
    "newsgraph.cli.cypher",
)

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a knowledge graph of who does what to whom.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err_console = Console(stderr=True, soft_wrap=True, highlight=False)


def _version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {_version()}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    graph_url: Annotated[
        str | None,
        typer.Option("--graph-url", help="Override NEWSGRAPH_GRAPH_URL.", show_default=False),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Override NEWSGRAPH_DATA_DIR.", show_default=False),
    ] = None,
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """newsgraph: news articles in, a knowledge graph with evidence out."""
    set_overrides(ctx, graph_url, data_dir)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command group is not built yet
                continue
            raise
        module.register(app)


_register_all()


def settings_error(exc: ValidationError | SettingsError) -> BadInputError:
    """A bad ``NEWSGRAPH_*`` value as one line naming the variable (no traceback)."""
    if isinstance(exc, SettingsError):  # e.g. a list setting that is not valid JSON
        field = str(exc).split('"')[1] if '"' in str(exc) else "?"
        return BadInputError(f"NEWSGRAPH_{field.upper()}: {exc}", variable=f"NEWSGRAPH_{field}")
    problems, variables = [], []
    for item in exc.errors():
        variable = f"NEWSGRAPH_{str(item['loc'][0]).upper()}" if item.get("loc") else "?"
        got = f" (got {item['input']!r})" if "input" in item else ""
        problems.append(f"{variable}: {item['msg']}{got}")
        variables.append(variable)
    return BadInputError("; ".join(problems), variable=variables[0], variables=variables)


def _fail(error: NewsgraphError, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(error.to_dict(), ensure_ascii=False, default=str) + "\n")
    else:
        err_console.print(f"[bold red]error:[/] {error.message}", highlight=False)
    sys.exit(error.exit_code)


def main() -> None:
    """Console-script entry point: newsgraph's errors become one line (a JSON object on
    stdout under ``--json`` or ``--format json``) and an exit code, never a traceback."""
    args = sys.argv[1:]
    pairs = itertools.pairwise(args)
    as_json = "--json" in args or "--format=json" in args or ("--format", "json") in pairs
    try:
        app()
    except NewsgraphError as exc:
        _fail(exc, as_json)
    except (ValidationError, SettingsError) as exc:
        if isinstance(exc, ValidationError) and exc.title != "Settings":
            raise
        _fail(settings_error(exc), as_json)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
