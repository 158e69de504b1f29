"""Notebook finish for a networkx graph: real dates, a ``symmetric`` flag, an undirected view.

File exports keep dates as ISO text, which every file format can hold; the graph of
:func:`graph.export.to_networkx` already holds :class:`datetime.date` values. A notebook
wants values it can compare and plot: :func:`for_notebooks` makes sure the date attributes
(``first_seen``, ``last_seen``, ``published``, ``date``) are :class:`datetime.date`
(a :class:`datetime.datetime` when the text has a time), and marks each edge with
``symmetric`` from ``graph/schema.yaml`` (``MET_WITH``, ``PARTNERS_WITH``, ... are
stored one way but mean both). With ``undirected`` it returns a read-only
:class:`networkx.MultiGraph` view, where a symmetric edge reads the same from either end.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import networkx as nx

from newsgraph.graph.export.read import DATE_FIELDS, as_date
from newsgraph.graph.schema import Schema, load_schema

__all__ = ["DATE_KEYS", "as_date", "for_notebooks"]

DATE_KEYS = DATE_FIELDS


def _dates(attrs: MutableMapping[str, Any]) -> None:
    for key in DATE_KEYS & attrs.keys():
        attrs[key] = as_date(attrs[key])


def for_notebooks(
    graph: nx.MultiDiGraph, *, undirected: bool = False, schema: Schema | None = None
) -> nx.MultiDiGraph | nx.MultiGraph:
    """Finish ``graph`` (in place) for notebook use; return it, or with ``undirected`` a
    :class:`networkx.MultiGraph` view of it."""
    symmetric = (schema or load_schema()).symmetric
    for _, attrs in graph.nodes(data=True):
        _dates(attrs)
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        _dates(attrs)
        attrs["symmetric"] = attrs.get("type", key) in symmetric
    graph.graph["symmetric_types"] = sorted(symmetric)
    if undirected:
        view: nx.MultiGraph = graph.to_undirected(as_view=True)
        return view
    return graph
