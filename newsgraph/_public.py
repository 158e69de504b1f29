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
    row_cap: int | None = None,
    timeout_ms: int | None = None,
    **params: Any,
) -> Any:
    """Run the saved query ``name`` with ``params`` (Python values) and return its rows.

    One call: ``run_query("meetings", person="person:elon-musk")``. Without ``store`` it
    opens the one ``data_dir``/``graph_url`` (or the settings) name and closes it after.
    Rows are dicts (column -> value); with pandas installed (or ``dataframe=True``) they
    come as a ``pandas.DataFrame``. ``row_cap`` and ``timeout_ms`` default to the
    settings' (``NEWSGRAPH_ROW_CAP``, ``NEWSGRAPH_QUERY_TIMEOUT_MS``); a query that hit the
    cap says so with a warning; ``attrs["truncated"]`` of a DataFrame is true whenever
    more rows exist past this page.
    :class:`~newsgraph.graph.errors.UnknownQueryError` and
    :class:`~newsgraph.graph.errors.BadParameterError` name what is wrong."""
    import warnings

    from newsgraph.graph.query import load_registry
    from newsgraph.graph.settings import get_settings

    settings = get_settings()
    with _store(store, data_dir, graph_url) as target:
        registry = load_registry(target.info.engine)
        page = registry.run(target, name, params,
                            row_cap=settings.row_cap if row_cap is None else row_cap,
                            timeout_ms=settings.query_timeout_ms if timeout_ms is None
                            else timeout_ms)  # fmt: skip
        asked = params.get("limit", registry.get(name).param("limit").default)
    if page.truncated and page.limit < int(asked):
        warnings.warn(f"{name}: the row cap stopped the rows at {page.limit} (limit={asked}); "
                      "pass row_cap= or page with offset=", stacklevel=2)  # fmt: skip
    rows = [dict(zip(page.columns, row, strict=True)) for row in page.rows]
    if dataframe is False:
        return rows
    try:
        import pandas as pd
    except ImportError:
        if dataframe:
            raise
        return rows
    frame = pd.DataFrame.from_records(rows, columns=list(page.columns))
    frame.attrs.update(query=name, truncated=page.truncated, offset=page.offset)
    return frame


def to_networkx(
    store: GraphStore | None = None,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    data_dir: str | Path | None = None,
    graph_url: str | None = None,
    include_documents: bool = False,
    undirected: bool = False,
) -> nx.MultiDiGraph | nx.MultiGraph:
    """The whole graph, or saved query ``query``'s subgraph, as a ``networkx.MultiDiGraph``
    keyed by entity id (documents too with ``include_documents``).

    Dates (``first_seen``, ``last_seen``, ``published``) are :class:`datetime.date`;
    each edge has ``symmetric`` (true for MET_WITH, PARTNERS_WITH, IN_TALKS_WITH,
    COMPETES_WITH: stored one way, meant both); ``undirected=True`` gives a read-only
    ``networkx.MultiGraph`` view instead (see :mod:`newsgraph.graph.export.notebook`)."""
    from newsgraph.graph.export.networkx import to_networkx as _to_networkx
    from newsgraph.graph.export.notebook import for_notebooks

    with _store(store, data_dir, graph_url) as target:
        graph = _to_networkx(target, query, params, include_documents=include_documents)
    return for_notebooks(graph, undirected=undirected)
