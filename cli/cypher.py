"""``newsgraph cypher check``: validate the ``.cypher`` files for both engines, offline."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.cli.common import emit_json, open_cli_store
from newsgraph.cli.cypher_check import CypherProblem, cypher_files, validate_cypher

__all__ = ["register"]

cypher_app = typer.Typer(help="Work with the Cypher files under cypher/.")
console = Console(highlight=False, soft_wrap=True)


def _shown(problem: CypherProblem) -> CypherProblem:
    """The problem with its path relative to the working folder when it is inside it."""
    try:
        relative = problem.path.resolve().relative_to(Path.cwd())
    except ValueError:
        return problem
    return dataclasses.replace(problem, path=relative)


def _summary(files: int, problems: list[CypherProblem]) -> dict[str, int]:
    errors = sum(p.is_error for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return {"files": files, "errors": errors, "warnings": warnings}


@cypher_app.command("check")
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check (default: every file under cypher/)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also plan the files on the configured store."),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Lint every file again, ignoring cached results.")
    ] = False,
) -> None:
    """Lint Cypher with Neo4j's grammar and the portable-subset rules; exit 1 on any error."""
    selected = paths or None
    files = len(cypher_files(selected))
    if explain:
        with open_cli_store(ctx, schema=False) as store:
            problems = validate_cypher(selected, store=store, use_cache=not no_cache)
    else:
        problems = validate_cypher(selected, use_cache=not no_cache)
    problems = [_shown(p) for p in problems]
    counts = _summary(files, problems)
    if as_json:
        emit_json({**counts, "problems": [p.to_dict() for p in problems]})
    else:
        for problem in problems:
            console.print(str(problem), style="red" if problem.is_error else "yellow", markup=False)
        console.print(
            f"checked {files} files: {counts['errors']} errors, {counts['warnings']} warnings"
        )
    if counts["errors"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``cypher`` command group to the ``newsgraph`` app."""
    app.add_typer(cypher_app, name="cypher")
