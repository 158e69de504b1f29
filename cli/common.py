"""What every command shares: settings with command-line overrides, opening the store, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.graph.stores import GraphStore, open_store

__all__ = ["cli_settings", "emit_json", "open_cli_store", "set_overrides"]


def set_overrides(ctx: typer.Context, graph_url: str | None, data_dir: Path | None) -> None:
    """Remember global ``--graph-url``/``--data-dir`` for :func:`cli_settings`."""
    overrides: dict[str, Any] = {}
    if graph_url is not None:
        overrides["graph_url"] = graph_url
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    ctx.obj = {"overrides": overrides}


def cli_settings(ctx: typer.Context | None = None) -> Settings:
    """The settings, with any global command-line overrides applied."""
    base = get_settings()
    root = ctx.find_root() if ctx is not None else None
    overrides = (root.obj or {}).get("overrides", {}) if root is not None else {}
    return base.model_copy(update=overrides) if overrides else base


@contextmanager
def open_cli_store(ctx: typer.Context | None, *, schema: bool = True) -> Iterator[GraphStore]:
    """Open the configured store (and apply the schema DDL); always close it."""
    store = open_store(cli_settings(ctx))
    try:
        if schema:
            ensure_schema(store)
        yield store
    finally:
        store.close()


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
