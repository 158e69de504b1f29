"""The ``newsgraph`` command: one Typer app, each command group in its own module.

Each module under ``cli/`` exposes ``register(app)``; this file only assembles
them and turns newsgraph's errors into a message and an exit code (never a
traceback).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.cli.common import set_overrides
from newsgraph.graph.errors import NewsgraphError

__all__ = ["app", "main"]

COMMAND_MODULES = (
    "newsgraph.cli.db",
    "newsgraph.cli.extract",
    "newsgraph.cli.ingest",
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
err_console = Console(stderr=True)


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


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except NewsgraphError as exc:
        err_console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
