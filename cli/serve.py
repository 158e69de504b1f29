"""``newsgraph serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsgraph.cli.common import cli_settings

__all__ = ["register"]


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (one per core).")
    ] = 1,
) -> None:
    """Serve the saved queries over HTTP (OpenAPI docs at /docs)."""
    import uvicorn

    from newsgraph.api.app import create_app

    settings = cli_settings(ctx)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)
        return
    # Worker processes build their own app from the environment, so pass overrides on.
    os.environ["NEWSGRAPH_GRAPH_URL"] = settings.graph_url
    os.environ["NEWSGRAPH_DATA_DIR"] = str(settings.data_dir)
    uvicorn.run(
        "newsgraph.api.app:create_app", factory=True, host=host, port=port,
        log_level=log_level, workers=workers,
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app."""
    app.command("serve")(serve)
