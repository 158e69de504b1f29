"""File exports: GraphML, GEXF, node-link JSON and CSV, streamed from the slim batches
of :func:`newsgraph.graph.export.read.slim_batches` (or a saved query's subgraph), atomically.

No networkx graph is built: each page of nodes and edges is written as it arrives
(every node comes before any edge), so memory stays at about one page. The files hold
what networkx's own writers wrote from :func:`graph.export.to_networkx`, and are read
back with networkx's readers in the tests.

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
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import IO, Any

import orjson

from newsgraph.graph.export.columns import (
    Columns,
    as_columns,
    attr_dicts,
    column,
    lay_out,
    texts,
)
from newsgraph.graph.export.read import (
    DOCUMENT_FIELDS,
    EDGE_FIELDS,
    ENTITY_FIELDS,
    MENTION_FIELDS,
    Edge,
    Node,
)

__all__ = [
    "EDGE_COLUMNS",
    "LIST_ATTRIBUTES",
    "LIST_SEPARATOR",
    "NODE_COLUMNS",
    "Batches",
    "FileGraph",
    "atomic_dir",
    "atomic_file",
    "joined",
    "write_csv",
    "write_json",
]

LIST_SEPARATOR = "|"
LIST_ATTRIBUTES = ("labels", "aliases", "sources")
NODE_COLUMNS = ("id", *ENTITY_FIELDS, *(f for f in DOCUMENT_FIELDS if f not in ENTITY_FIELDS))
EDGE_COLUMNS = ("source", "target", *EDGE_FIELDS, *MENTION_FIELDS[1:])
_CSV_SPECIAL = re.compile('[,"\r\n]')
"""What makes the ``csv`` module quote a field (excel dialect): the delimiter, the quote
character and the line terminator's characters."""

Batches = Iterable[tuple[list[Node] | Columns, list[Edge] | Columns]]
"""Pages of ``(nodes, edges)``, as rows or :class:`.columns.Columns`; every node comes
before any edge."""


@dataclass
class FileGraph:
    """What a file writer is given: the pages, the graph's own attributes, and whether
    documents are in (their attributes are declared only then)."""

    batches: Batches
    attrs: dict[str, Any] = field(default_factory=dict)
    documents: bool = False
    nodes: int = 0
    """Counted while writing, as is :attr:`edges`."""
    edges: int = 0

    def node_names(self) -> tuple[str, ...]:
        """Every node attribute a file may hold, in column order."""
        return NODE_COLUMNS[1:] if self.documents else ENTITY_FIELDS

    def edge_names(self) -> tuple[str, ...]:
        """Every edge attribute a file may hold, in column order."""
        return EDGE_COLUMNS[2:] if self.documents else EDGE_FIELDS

    def pages(self) -> Iterator[tuple[list[Node] | Columns, list[Edge] | Columns]]:
        """The pages, counted."""
        for nodes, edges in self.batches:
            self.nodes += len(nodes)
            self.edges += len(edges)
            yield nodes, edges


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


def joined(value: Any) -> Any:
    """A list joined with ``|`` (its items as text); any other value as it is."""
    return LIST_SEPARATOR.join(map(str, value)) if type(value) is list else value


def write_json(graph: FileGraph, path: Path) -> None:
    """networkx node-link JSON (``nodes``, ``edges`` with ``key``), written atomically.

    The same document as ``json.dump(nx.node_link_data(g, edges="edges"))``, without
    the spaces: each page is encoded by orjson as one array and its brackets cut off.
    """
    head = {"directed": True, "multigraph": True, "graph": graph.attrs}
    with atomic_file(path) as tmp, tmp.open("wb") as out:
        out.write(orjson.dumps(head)[:-1] + b',"nodes":[')
        part = _Parts(out)
        edges_started = False
        for nodes, edges in graph.pages():
            if nodes:
                part.write(orjson.dumps(_records(nodes, ("id",))))
            if edges:
                if not edges_started:
                    out.write(b'],"edges":[')
                    part.first, edges_started = True, True
                part.write(orjson.dumps(_records(edges, ("source", "target", "key"))))
        out.write(b"]}" if edges_started else b'],"edges":[]}')


def _records(page: list[Any] | Columns, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each row's attributes followed by its ``keys`` (node-link's ``id``; or ``source``,
    ``target`` and ``key``); from columns, every dict is made in C."""
    if isinstance(page, Columns):
        return attr_dicts({**page.attrs, **dict(zip(keys, page.keys, strict=True))}, len(page))
    return [{**row[-1], **dict(zip(keys, row, strict=False))} for row in page]


class _Parts:
    """Array pages written as one array: brackets cut off, commas between pages."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.first = True

    def write(self, array: bytes) -> None:
        if len(array) > 2:
            self.out.write(array[1:-1] if self.first else b"," + array[1:-1])
            self.first = False


def write_csv(graph: FileGraph, folder: Path) -> None:
    """``nodes.csv`` and ``edges.csv`` in ``folder`` (lists joined with ``|``)."""
    node_names, edge_names = NODE_COLUMNS[1:], EDGE_COLUMNS[2:]
    with (
        atomic_dir(folder) as tmp,
        (tmp / "nodes.csv").open("w", encoding="utf-8", newline="") as node_file,
        (tmp / "edges.csv").open("w", encoding="utf-8", newline="") as edge_file,
    ):
        nodes_out, edges_out = csv.writer(node_file), csv.writer(edge_file)
        nodes_out.writerow(NODE_COLUMNS)
        edges_out.writerow(EDGE_COLUMNS)
        for nodes, edges in graph.pages():
            if nodes:
                page = _columns(nodes, 1)
                text = _csv_text([*page.keys, *map(page.attrs.get, node_names)])
                if text is None:
                    columns = _csv_columns(page, node_names)
                    nodes_out.writerows(zip(*page.keys, *columns, strict=True))
                node_file.write(text or "")
            if edges:
                page = _columns(edges, 3)
                text = _csv_text([*page.keys[:2], *map(page.attrs.get, edge_names)])
                if text is None:
                    columns = _csv_columns(page, edge_names)
                    edges_out.writerows(zip(*page.keys[:2], *columns, strict=True))
                edge_file.write(text or "")


def _csv_field(text: str) -> str:
    """``text`` as the ``csv`` module writes a field (excel dialect, minimal quoting)."""
    return '"' + text.replace('"', '""') + '"' if _CSV_SPECIAL.search(text) else text


def _csv_text(columns: list[Sequence[Any] | None]) -> str | None:
    """Rows of ``columns`` (``None``: a column no row has) as the ``csv`` module writes
    them, made a column at a time (:mod:`.columns`; the rows through ``csv.writer``
    took longer than networkx's build of the graph); ``None`` when a column holds values
    :func:`.columns.texts` leaves to the caller."""
    parts: list[Any] = []
    for values in columns:
        made = [] if values is None else texts(values, _CSV_SPECIAL, _csv_field)
        if made is None:
            return None
        if values is None or None in made:
            made = "" if values is None else ["" if v is None else v for v in made]
        parts += [made, ","]
    parts[-1] = "\r\n"
    return lay_out(parts)


def _columns(page: list[Any] | Columns, keys: int) -> Columns:
    """A page as columns (rows that order their attributes differently: row by row)."""
    if isinstance(page, Columns):
        return page
    made = as_columns(page, keys)
    if made is not None:
        return made
    *key_columns, rows = zip(*page, strict=True)
    names = {name: None for row in rows for name in row}
    return Columns(list(key_columns), {name: column(rows, name) for name in names})


def _csv_columns(page: Columns, names: Iterable[str]) -> list[Sequence[Any]]:
    """Each named attribute of ``page`` as a column, ``""`` where absent and lists joined,
    made with C-level maps over the column (a call per value took longer than the
    server's query)."""
    columns: list[Sequence[Any]] = []
    for name in names:
        values = page.attrs.get(name)
        if values is None:
            columns.append(repeat("", len(page)))  # type: ignore[arg-type]
            continue
        kinds = set(map(type, values))
        if type(None) in kinds:
            values = ["" if v is None else v for v in values]
        if list in kinds:
            values = list(map(joined, values))
        columns.append(values)
    return columns
