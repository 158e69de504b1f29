"""``newsgraph db start|stop|status|reset|check|restore`` and ``newsgraph status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.cli.common import cli_settings, emit_json, open_cli_store
from newsgraph.graph.errors import NewsgraphError, StoreUnavailableError
from newsgraph.graph.stores import (
    ServerHandle,
    SnapshotCheck,
    SnapshotShelf,
    check_snapshot,
    describe_url,
    embedded_server,
    open_store,
    pending_writes,
)

__all__ = ["register"]

db_app = typer.Typer(help="Manage the embedded FalkorDB server of the data folder.")
console = Console()
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _server(ctx: typer.Context) -> ServerHandle:
    settings = cli_settings(ctx)
    if not settings.embedded:
        raise StoreUnavailableError(
            f"`newsgraph db` manages the embedded store; NEWSGRAPH_GRAPH_URL is "
            f"{describe_url(settings)}"
        )
    return embedded_server(settings)


@db_app.command("start")
def db_start(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Start the embedded server and keep it running until `db stop`."""
    server = _server(ctx)
    info = server.start(pin=True)
    with open_cli_store(ctx):  # apply indexes before the first write
        pass
    if as_json:
        emit_json({"running": True, "pid": info.pid, "address": info.address})
    else:
        console.print(
            f"FalkorDB running (pid {info.pid}) at {info.address}, data in {server.data_dir}"
        )


@db_app.command("stop")
def db_stop(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Save a snapshot and stop the embedded server."""
    server = _server(ctx)
    stopped = server.stop()
    if as_json:
        emit_json({"stopped": stopped})
    else:
        console.print("stopped" if stopped else f"not running (data in {server.data_dir})")


@db_app.command("status")
def db_status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Whether the embedded server runs, its pid and address."""
    server = _server(ctx)
    info = server.status()
    rdb = server.data_dir / "graph.rdb"
    report = {
        "running": info is not None,
        "pid": info.pid if info else None,
        "address": info.address if info else None,
        "pinned": info.pinned if info else False,
        "data_dir": str(server.data_dir),
        "snapshot_bytes": rdb.stat().st_size if rdb.exists() else 0,
    }
    if as_json:
        emit_json(report)
    elif info:
        console.print(f"running (pid {info.pid}) at {info.address}; data in {server.data_dir}")
    else:
        console.print(f"not running; data in {server.data_dir}")


@db_app.command("reset")
def db_reset(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every node and relationship of the graph."""
    if not yes:
        typer.confirm(f"Delete the whole graph at {describe_url(cli_settings(ctx))}?", abort=True)
    with open_cli_store(ctx, schema=False) as store:
        store.write([(store.info.library.get("admin/delete_all").text, {})])
        store.persist(wait=True)
    console.print("graph emptied")


def _pending(ctx: typer.Context, server: ServerHandle) -> dict[str, int] | None:
    """Journaled writes waiting for replay, when the server runs (else None)."""
    if server.status() is None:
        return None
    store = open_store(cli_settings(ctx))
    try:
        return pending_writes(store)
    finally:
        store.close()


def _check_line(check: SnapshotCheck) -> str:
    if check.ok:
        graphs = ", ".join(f"{g}: {n} nodes" for g, n in sorted(check.graphs.items()))
        return f"[green]loads[/]  {check.path} ({check.bytes} bytes; {graphs or 'empty'})"
    return f"[red]does not load[/]  {check.path}: {check.error}"


@db_app.command("check")
def db_check(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Load graph.rdb and every kept snapshot in a throwaway server; report writes left half
    done. Exit code 5 when graph.rdb does not load or a write could not be replayed."""
    server = _server(ctx)
    shelf = SnapshotShelf(server.data_dir, cli_settings(ctx).snapshots_kept)
    current = check_snapshot(shelf.current) if shelf.current.exists() else None
    kept = [check_snapshot(path) for path in shelf.snapshots()]
    pending = _pending(ctx, server)
    healthy = (current is None or current.ok) and not (pending or {}).get("failed")
    if as_json:
        emit_json({"healthy": healthy, "current": current.__dict__ if current else None,
                   "snapshots": [c.__dict__ for c in kept], "journal": pending})  # fmt: skip
    else:
        console.print(_check_line(current) if current else f"no graph.rdb in {server.data_dir}")
        for check in kept:
            console.print("  snapshot " + _check_line(check))
        if not kept:
            console.print(f"  no kept snapshots in {shelf.folder}")
        if pending:
            console.print(f"  journal: {pending['pending']} statement(s) to replay, "
                          f"{pending['failed']} failed")  # fmt: skip
    if not healthy:
        raise typer.Exit(StoreUnavailableError.exit_code)


@db_app.command("restore")
def db_restore(
    ctx: typer.Context,
    snapshot: Annotated[
        Path | None, typer.Argument(help="A snapshot file (default: the newest that loads).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Stop the server, put a checked snapshot back as graph.rdb (the replaced file is kept
    beside it), and start the server again if it was running."""
    server = _server(ctx)
    shelf = SnapshotShelf(server.data_dir, cli_settings(ctx).snapshots_kept)
    if not yes:
        typer.confirm(f"Replace the graph in {server.data_dir} with a snapshot?", abort=True)
    was_running = server.stop()
    used = shelf.restore(snapshot)
    if was_running:
        server.start(pin=True)
    console.print(f"restored {used}" + (" and restarted the server" if was_running else ""))


def status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Engine, URL, node and edge counts, and whether the store is ready."""
    settings = cli_settings(ctx)
    report: dict[str, object] = {"url": describe_url(settings), "ready": False}
    try:
        with open_cli_store(ctx) as store:
            counts = store.run(store.info.library.get("admin/counts").text).records()[0]
            report.update(engine=store.info.engine, ready=True, **counts)
    except NewsgraphError as exc:
        report["error"] = exc.message
    if as_json:
        emit_json(report)
    else:
        _print_status(report)
    if not report["ready"]:
        raise typer.Exit(StoreUnavailableError.exit_code)


def _print_status(report: dict[str, object]) -> None:
    if report["ready"]:
        console.print(
            f"[green]ready[/]  {report['engine']}  {report['url']}\n"
            f"  nodes {report['nodes']}  relationships {report['relationships']}  "
            f"entities {report['entities']}  documents {report['documents']}\n"
            f"  relations {report['relations']} (from reference datasets only "
            f"{report['reference_relations']})  evidence records {report['evidence_records']}"
        )
    else:
        console.print(f"[red]not ready[/]  {report['url']}\n  {report.get('error', '')}")


def register(app: typer.Typer) -> None:
    """Add ``db`` and ``status`` to the main app."""
    app.add_typer(db_app, name="db")
    app.command("status")(status)
