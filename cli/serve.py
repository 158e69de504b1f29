"""``newsgraph serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import errno
import os
import socket
from typing import Annotated

import typer

from newsgraph.cli.common import cli_settings
from newsgraph.graph.errors import BadInputError

__all__ = ["check_port", "register"]


def check_port(host: str, port: int) -> None:
    """Refuse, in one line naming ``--port``, a port another process already listens on
    (uvicorn would print its friendly banner first, then a raw bind error)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                message = f"port {port} on {host} is already in use; choose another with --port"
                raise BadInputError(message, param="port") from None
            raise BadInputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                                param="host") from None  # fmt: skip


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
    check_port(host, port)
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
