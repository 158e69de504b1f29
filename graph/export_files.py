"""File exports: GraphML, GEXF, node-link JSON and CSV, each written by networkx (or the
csv module) from :func:`graph.export.to_networkx`, atomically.

GraphML and GEXF have no list type, so list attributes (``labels``, ``aliases``,
``sources``) are written as one string joined with ``|`` (:data:`LIST_SEPARATOR`);
the GraphML file also says so in its graph attributes ``list_separator`` and
``list_attributes``. JSON keeps real lists. GEXF reserves an edge's ``type`` for its
direction, so there the relation type is the edge ``label`` (Gephi shows it), and a
node's ``label`` is its name.

Every file is written to a temporary file in the destination folder and renamed
into place only when complete: a failed export leaves no partial file behind.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from graph.export_read import DOCUMENT_FIELDS, EDGE_FIELDS, ENTITY_FIELDS, MENTION_FIELDS

__all__ = [
    "EDGE_COLUMNS",
    "FILE_WRITERS",
    "LIST_ATTRIBUTES",
    "LIST_SEPARATOR",
    "NODE_COLUMNS",
    "atomic_dir",
    "atomic_file",
    "flatten_lists",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_json",
]

LIST_SEPARATOR = "|"
LIST_ATTRIBUTES = ("labels", "aliases", "sources")
NODE_COLUMNS = ("id", *ENTITY_FIELDS, *(f for f in DOCUMENT_FIELDS if f not in ENTITY_FIELDS))
EDGE_COLUMNS = ("source", "target", *EDGE_FIELDS, *MENTION_FIELDS[1:])


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed to ``path`` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """A temporary folder beside ``path``; if the block succeeds its files move into ``path``.

    Each file is renamed into place, so ``path`` never holds a partial file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent))
    try:
        yield tmp
        path.mkdir(exist_ok=True)
        for item in sorted(tmp.iterdir()):
            item.chmod(0o644)
            os.replace(item, path / item.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _join(value: Any) -> Any:
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value


def flatten_lists(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Join every list attribute with ``|``, in place (formats without a list type)."""
    for _, attrs in graph.nodes(data=True):
        for key in LIST_ATTRIBUTES:
            if key in attrs:
                attrs[key] = _join(attrs[key])
    for *_, attrs in graph.edges(keys=True, data=True):
        if "sources" in attrs:
            attrs["sources"] = _join(attrs["sources"])
    graph.graph.update(list_separator=LIST_SEPARATOR, list_attributes=" ".join(LIST_ATTRIBUTES))
    return graph


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    """GraphML through networkx (lists joined with ``|``), written atomically."""
    flatten_lists(graph)
    with atomic_file(path) as tmp:
        nx.write_graphml(graph, tmp, encoding="utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 through networkx (lists joined with ``|``; labels: names and relation types)."""
    flatten_lists(graph)
    graph.graph.clear()  # GEXF has no graph attributes; networkx would misread some keys
    for node, attrs in graph.nodes(data=True):
        attrs["label"] = attrs.get("name", node)
    for *_, attrs in graph.edges(keys=True, data=True):
        attrs["label"] = attrs.pop("type")
    with atomic_file(path) as tmp:
        nx.write_gexf(graph, tmp, encoding="utf-8", prettyprint=False)


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    """networkx node-link JSON (``nodes``, ``edges`` with ``key``), written atomically."""
    data = nx.node_link_data(graph, edges="edges")
    with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)


def write_csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    """``nodes.csv`` and ``edges.csv`` in ``folder`` (lists joined with ``|``)."""
    with atomic_dir(folder) as tmp:
        with (tmp / "nodes.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(NODE_COLUMNS)
            for node, attrs in graph.nodes(data=True):
                writer.writerow([node, *(_join(attrs.get(c, "")) for c in NODE_COLUMNS[1:])])
        with (tmp / "edges.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(EDGE_COLUMNS)
            for u, v, attrs in graph.edges(data=True):
                writer.writerow([u, v, *(_join(attrs.get(c, "")) for c in EDGE_COLUMNS[2:])])


FILE_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
}
"""Format name -> writer of a graph built by :func:`graph.export.to_networkx`."""
