"""Query rows in other shapes: a node/edge graph for dashboards, and CSV.

Stores return plain values (see :mod:`graph.stores.base`): a node is a dict with
``element_id``, ``labels`` and ``properties``; a relationship has ``type``,
``start`` and ``end``; a path has ``nodes`` and ``relationships``. These helpers
recognise those shapes anywhere in a row (inside lists and maps too).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "cell_text",
    "graph_by_id",
    "is_node",
    "is_path",
    "is_relationship",
    "to_csv",
    "to_graph",
    "to_objects",
]

_NODE_KEYS = frozenset({"element_id", "id", "labels", "properties"})
_REL_KEYS = frozenset({"element_id", "type", "start", "end", "properties"})
_PATH_KEYS = frozenset({"nodes", "relationships"})


def is_node(value: Any) -> bool:
    """True for a store's plain node value."""
    return isinstance(value, dict) and value.keys() == _NODE_KEYS


def is_relationship(value: Any) -> bool:
    """True for a store's plain relationship value."""
    return isinstance(value, dict) and value.keys() == _REL_KEYS


def is_path(value: Any) -> bool:
    """True for a store's plain path value."""
    return isinstance(value, dict) and value.keys() == _PATH_KEYS


def _walk(value: Any, nodes: dict[str, dict], edges: dict[str, dict]) -> None:
    if is_node(value):
        nodes.setdefault(value["element_id"], value)
    elif is_relationship(value):
        edges.setdefault(value["element_id"], value)
    elif is_path(value):
        for item in (*value["nodes"], *value["relationships"]):
            _walk(item, nodes, edges)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, nodes, edges)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, nodes, edges)


def to_graph(result: Any) -> dict[str, list[dict[str, Any]]]:
    """Every node, relationship and path in a result (or its rows) as ``{"nodes", "edges"}``.

    ``result`` is anything with ``rows`` (a store's ``QueryResult``, a ``QueryPage``) or
    the rows themselves. Nodes are ``{"element_id", "id", "labels", "properties"}``;
    edges ``{"element_id", "type", "start", "end", "properties"}`` with ``start``/``end``
    the element ids of their nodes. Both are de-duplicated by element id, first seen first.
    """
    nodes: dict[str, dict] = {}
    edges: dict[str, dict] = {}
    rows: Iterable[Sequence[Any]] = getattr(result, "rows", result)
    for row in rows:
        _walk(list(row), nodes, edges)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def graph_by_id(result: Any) -> dict[str, list[dict[str, Any]]]:
    """:func:`to_graph` keyed by entity (and document) ids, the shape the API and CLI send.

    Nodes are ``{"id", "labels", "properties", "element_id"}``; edges
    ``{"key", "type", "start", "end", "properties", "element_id"}`` with ``start`` and
    ``end`` the ids of their nodes, so a graph means the same after ``newsgraph copy``
    or a reload. Element ids stay as a secondary field. An edge whose node is not in the
    result has ``null`` there and its element id as ``key``; nodes without an id (none
    in newsgraph's own schema) are kept with ``id: null``.
    """
    found = to_graph(result)
    ids = {n["element_id"]: n["id"] for n in found["nodes"]}
    nodes = [{"id": n["id"], "labels": n["labels"], "properties": n["properties"],
              "element_id": n["element_id"]} for n in found["nodes"]]  # fmt: skip
    edges = []
    for e in found["edges"]:
        start, end = ids.get(e["start"]), ids.get(e["end"])
        known = start is not None and end is not None
        edges.append({"key": f"{start}|{e['type']}|{end}" if known else e["element_id"],
                      "type": e["type"], "start": start, "end": end,
                      "properties": e["properties"], "element_id": e["element_id"]})  # fmt: skip
    return {"nodes": nodes, "edges": edges}


def to_objects(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows as one object per row, keyed by column (the API's ``shape=objects``)."""
    return [dict(zip(columns, row, strict=True)) for row in rows]


def cell_text(value: Any) -> str:
    """One CSV cell: a node as its ``id``, a relationship as its type, lists joined by ``|``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_node(value):
        return str(value["id"] if value["id"] is not None else value["element_id"])
    if is_relationship(value):
        return str(value["type"])
    if is_path(value):
        return " ".join(cell_text(n) for n in value["nodes"])
    if isinstance(value, list | tuple):
        return "|".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text with a header line (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell_text(v) for v in row])
    return buffer.getvalue()
