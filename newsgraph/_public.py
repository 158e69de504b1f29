"""The notebook API: open a store, run a saved query, load the graph into networkx.

Each function takes the store's location as arguments (``data_dir``, ``graph_url``),
which override the settings for that call only: a notebook never needs the
environment or a kernel restart. Heavy modules are imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from newsgraph.graph.stores.base import GraphStore

__all__ = ["open_store", "run_query", "to_networkx"]


def open_store(
    data_dir: str | Path | None = None, graph_url: str | None = None, *, check: bool = True
) -> GraphStore:
    """Open a graph store: the embedded one in ``data_dir``, or the one ``graph_url`` names
    (``bolt://``, ``neo4j://``, ``falkordb://``); neither given, the settings decide.
    Close it with ``store.close()`` (or use it in a ``with`` block)."""
    from newsgraph.graph.stores import open_store as _open

    return _open(data_dir=data_dir, graph_url=graph_url, check=check)


@contextmanager
def _store(
    store: GraphStore | None, data_dir: str | Path | None, graph_url: str | None
) -> Iterator[GraphStore]:
    if store is not None:
        yield store
        return
    opened = open_store(data_dir, graph_url)
    try:
        yield opened
    finally:
        opened.close()


def run_query(
    name: str,
    /,
    store: GraphStore | None = None,
    *,
    data_dir: str | Path | None = None,
    graph_url: str | None = None,
    dataframe: bool | None = None,
    **params: Any,
) -> Any:
    """Run the saved query ``name`` with ``params`` and return its rows.

    Rows are dicts (column -> value); with pandas installed (or ``dataframe=True``)
    they come as a ``pandas.DataFrame``. The settings' row cap and time limit apply.
    :class:`~newsgraph.graph.errors.UnknownQueryError` and
    :class:`~newsgraph.graph.errors.BadParameterError` name what is wrong."""
    from newsgraph.graph.query import load_registry
    from newsgraph.graph.settings import get_settings

    settings = get_settings()
    with _store(store, data_dir, graph_url) as target:
        registry = load_registry(target.engine)
        page = registry.run(target, name, params, row_cap=settings.row_cap,
                            timeout_ms=settings.query_timeout_ms)  # fmt: skip
    rows = [dict(zip(page.columns, row, strict=True)) for row in page.rows]
    if dataframe is False:
        return rows
    try:
        import pandas as pd
    except ImportError:
        if dataframe:
            raise
        return rows
    return pd.DataFrame.from_records(rows, columns=list(page.columns))


def to_networkx(
    store: GraphStore | None = None,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    data_dir: str | Path | None = None,
    graph_url: str | None = None,
    include_documents: bool = False,
) -> nx.MultiDiGraph:
    """The whole graph, or saved query ``query``'s subgraph, as a ``networkx.MultiDiGraph``
    keyed by entity id (documents too with ``include_documents``)."""
    from newsgraph.graph.export.networkx import to_networkx as _to_networkx

    with _store(store, data_dir, graph_url) as target:
        return _to_networkx(target, query, params, include_documents=include_documents)
