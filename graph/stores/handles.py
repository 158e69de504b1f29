"""What commands and benchmarks need of a store beyond :class:`GraphStore`, without
naming a concrete store class: the embedded server of a data folder, and the
journal of half-done writes (``newsgraph db``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from newsgraph.graph.errors import StoreUnavailableError
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores.base import GraphStore
from newsgraph.graph.stores.falkordb_server import EmbeddedServer, ServerInfo
from newsgraph.graph.stores.falkordb_store import FalkorDBStore

__all__ = [
    "ServerHandle",
    "drop_graph",
    "embedded_server",
    "falkordb_internals",
    "pending_writes",
]


class ServerHandle(Protocol):
    """The embedded server of one data folder: start, stop, ask."""

    data_dir: Path
    """The data folder it serves."""

    def start(self, *, pin: bool = False) -> ServerInfo:
        """Start it unless running (``pin``: keep it up until :meth:`stop`)."""
        ...

    def stop(self) -> bool:
        """Save a snapshot and stop it; False when it was not running."""
        ...

    def status(self) -> ServerInfo | None:
        """The running server, or ``None``."""
        ...


def embedded_server(settings: Settings) -> ServerHandle:
    """The embedded server of ``settings.data_dir``; :class:`StoreUnavailableError` when
    the settings name another store (``NEWSGRAPH_GRAPH_URL``)."""
    if not settings.embedded:
        raise StoreUnavailableError(
            "this command manages the embedded store; NEWSGRAPH_GRAPH_URL names another"
        )
    return EmbeddedServer(settings.data_dir, settings.startup_timeout_s)


def pending_writes(store: GraphStore) -> dict[str, int] | None:
    """Statements of a half-done write waiting for replay (``pending``) and of one whose
    replay failed (``failed``); ``None`` for an engine without a write journal."""
    return store.pending_writes() if isinstance(store, FalkorDBStore) else None


def drop_graph(store: GraphStore) -> None:
    """Drop the store's whole graph where the engine can (a FalkorDB graph key), else
    delete every node (benchmarks' throwaway graphs)."""
    if isinstance(store, FalkorDBStore):
        store.delete_graph()
    else:
        store.write([(store.info.library.get("admin/delete_all").text, {})])


def falkordb_internals(store: GraphStore) -> Any:
    """The FalkorDB store behind ``store``, for benchmarks that measure the bare client
    beside it (``bench.store``, ``bench.scale_writes``); :class:`StoreUnavailableError`
    on another engine."""
    if not isinstance(store, FalkorDBStore):
        raise StoreUnavailableError(f"{store.info.url} is not a FalkorDB store")
    return store
