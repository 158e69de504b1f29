"""``newsgraph serve``: the HTTP API under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import cli_settings

__all__ = ["register"]


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the saved queries over HTTP (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app

    app = create_app(cli_settings(ctx))
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app."""
    app.command("serve")(serve)
