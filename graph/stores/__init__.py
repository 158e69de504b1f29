"""Graph stores: one protocol, two engines, and :func:`open_store`.

:func:`open_store` is the one place a backend is chosen.

``GRAPH_URL`` decides:

- empty (default) or ``embedded:``: the embedded FalkorDB in ``DATA_DIR``;
- ``falkordb://[:password@]host:port``: an external FalkorDB;
- ``bolt://``, ``bolt+s://``, ``neo4j://``, ``neo4j+s://`` (and ``+ssc``): Neo4j 5.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsgraph.graph.errors import NewsgraphError, StoreUnavailableError
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.graph.stores.base import GraphStore, QueryResult, Step, StoreInfo
from newsgraph.graph.stores.falkordb_server import EmbeddedServer, ServerInfo
from newsgraph.graph.stores.falkordb_store import FalkorDBStore
from newsgraph.graph.stores.handles import (
    ServerHandle,
    drop_graph,
    embedded_server,
    falkordb_internals,
    pending_writes,
)
from newsgraph.graph.stores.snapshots import SnapshotCheck, SnapshotShelf, check_snapshot

if TYPE_CHECKING:
    from newsgraph.graph.stores.neo4j_store import Neo4jStore

__all__ = [
    "EmbeddedServer",
    "FalkorDBStore",
    "GraphStore",
    "Neo4jStore",
    "QueryResult",
    "ServerHandle",
    "ServerInfo",
    "SnapshotCheck",
    "SnapshotShelf",
    "Step",
    "StoreInfo",
    "check_snapshot",
    "describe_url",
    "drop_graph",
    "embedded_server",
    "explain",
    "falkordb_internals",
    "open_store",
    "pending_writes",
    "ping",
    "reopen",
]


def __getattr__(name: str) -> Any:
    """``Neo4jStore`` on first use: the driver takes a fifth of a second to import, which
    every command and export worker on the embedded store would pay for nothing."""
    if name == "Neo4jStore":
        from newsgraph.graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def describe_url(settings: Settings) -> str:
    """The store's URL as shown to people: no password, the data folder for embedded."""
    if settings.embedded:
        return f"embedded:{settings.data_dir.expanduser().resolve()}"
    parts = urlsplit(settings.graph_url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _shelve(shelf: SnapshotShelf) -> None:
    """Keep a checked copy of the snapshot just saved; a copy that does not load is an error."""
    check = shelf.take()
    if not check.ok:
        raise StoreUnavailableError(
            f"the snapshot just saved ({check.path}) does not load: {check.error}. The graph "
            f"in memory is intact; the last good snapshots are in {shelf.folder} (see "
            "`newsgraph db check` and `newsgraph db restore`)",
            path=check.path,
        )


def _embedded(settings: Settings) -> FalkorDBStore:
    server = EmbeddedServer(settings.data_dir, settings.startup_timeout_s)
    info = server.acquire()
    try:
        return FalkorDBStore(
            graph=settings.graph_name,
            url=describe_url(settings),
            unix_socket=info.unix_socket,
            port=info.port or 0,
            on_close=server.release,
            revive=server.acquire,  # restart the server if it dies under a long-lived store
            lock_path=server.data_dir / f"writer.{_file_name(settings.graph_name)}.lock",
            write_lock_timeout_s=settings.write_lock_timeout_s,
            after_save=lambda: _shelve(SnapshotShelf(server.data_dir, settings.snapshots_kept)),
        )
    except Exception:
        server.release()
        raise


def _external_falkordb(settings: Settings) -> FalkorDBStore:
    parts = urlsplit(settings.graph_url)
    try:
        port = parts.port or 6379
    except ValueError as exc:
        raise StoreUnavailableError(f"bad port in GRAPH_URL {describe_url(settings)}") from exc
    graph = parts.path.strip("/") or settings.graph_name
    return FalkorDBStore(
        graph=graph,
        url=describe_url(settings),
        host=parts.hostname or "127.0.0.1",
        port=port,
        password=parts.password,
        persist_snapshots=False,  # an external server's persistence is its operator's choice
        write_lock_timeout_s=settings.write_lock_timeout_s,
    )


def open_store(
    settings: Settings | None = None,
    *,
    data_dir: str | Path | None = None,
    graph_url: str | None = None,
    check: bool = True,
) -> GraphStore:
    """Open the store ``GRAPH_URL`` names. With ``check``, fail now if it does not answer.

    ``data_dir`` and ``graph_url`` override the settings for this store only, so a
    notebook can name its store without the environment or a restart."""
    settings = settings or get_settings()
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = Path(data_dir).expanduser()
        if graph_url is None:
            overrides["graph_url"] = ""
    if graph_url is not None:
        overrides["graph_url"] = graph_url
    if overrides:
        settings = settings.model_copy(update=overrides)
    scheme = urlsplit(settings.graph_url).scheme if not settings.embedded else "embedded"
    store: GraphStore
    if scheme == "embedded":
        store = _embedded(settings)
    elif scheme in ("falkordb", "redis"):
        store = _external_falkordb(settings)
    elif scheme in NEO4J_SCHEMES:
        from newsgraph.graph.stores.neo4j_store import Neo4jStore

        store = Neo4jStore(
            settings.graph_url,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
        )
    else:
        raise StoreUnavailableError(
            f"NEWSGRAPH_GRAPH_URL {settings.graph_url!r} has an unknown scheme; use "
            "falkordb://host:port, bolt://, neo4j:// or neo4j+s:// (or leave it empty)"
        )
    if check and not ping(store):
        store.close()
        raise StoreUnavailableError(
            f"graph store at {describe_url(settings)} (NEWSGRAPH_GRAPH_URL) is unreachable",
            url=describe_url(settings),
        )
    return store


def ping(store: GraphStore, *, timeout_ms: int = 5000) -> bool:
    """True when ``store`` plans a trivial statement, even with an error (a FalkorDB graph
    not made yet answers "does not exist"). Planning, not reading: a driver that retries
    reads would keep an unreachable store's caller waiting. A store found gone reconnects
    (an embedded server it owns is restarted) when the call fails, so it is asked twice."""
    statement = store.info.library.get("admin/ping").text
    for _ in range(2):
        try:
            store.run(statement, timeout_ms=timeout_ms, explain=True)
        except StoreUnavailableError:
            continue
        except NewsgraphError:
            return True
        return True
    return False


def explain(
    store: GraphStore, statement: str, params: Mapping[str, Any] | None = None
) -> list[str]:
    """The plan of ``statement`` (not run), one line per entry; raises on an invalid one."""
    return [str(row[0]) for row in store.run(statement, params, explain=True).rows]


def reopen(reach: Mapping[str, Any]) -> GraphStore:
    """The store :attr:`StoreInfo.reach` describes, opened in this process (an export
    worker): it neither owns an embedded server nor snapshots."""
    args = dict(reach)
    engine = args.pop("engine", None)
    if engine != "falkordb":
        raise StoreUnavailableError(f"no way to reopen a store of engine {engine!r} here")
    return FalkorDBStore(**args)
