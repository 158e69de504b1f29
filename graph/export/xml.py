"""GraphML and GEXF 1.2, written by hand from the slim pages, as networkx would write them.

networkx's writers build the whole document as an ElementTree first (on 500k edges
they took longer than reading the graph); these stream one page at a time. The
attributes are declared up front from the export's fixed set
(:meth:`newsgraph.graph.export.files.FileGraph.node_names`) with their types
(:data:`newsgraph.graph.export.read.ATTRIBUTE_TYPES`: ``long``, ``double``, lists as ``string``),
so Gephi, Cytoscape and networkx's readers see typed columns.

Text is escaped for XML 1.0: ``& < > "`` as entities, tab, newline and carriage
return as character references (so attribute values keep them), and the characters
XML 1.0 cannot carry at all (other control characters, lone surrogates, U+FFFE,
U+FFFF) as U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice, repeat
from pathlib import Path
from typing import Any

from newsgraph.graph.export.columns import Columns, as_columns, lay_out, pieces, texts
from newsgraph.graph.export.files import LIST_ATTRIBUTES, LIST_SEPARATOR, FileGraph, atomic_file
from newsgraph.graph.export.read import ATTRIBUTE_TYPES, Edge, Node

__all__ = ["escape", "write_gexf", "write_graphml"]

_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
               "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}  # fmt: skip
_XML_TYPES = {str: "string", list: "string", int: "long", float: "double", bool: "boolean"}
_XML_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"
_GEXF = "http://www.gexf.net/1.2draft"


def _reference(match: re.Match[str]) -> str:
    return _REFERENCES.get(match.group(), "\ufffd")


def escape(text: str) -> str:
    """``text`` safe in an XML 1.0 element or attribute value (see the module doc)."""
    return _SPECIAL.sub(_reference, text) if _SPECIAL.search(text) else text


def _text(value: Any) -> str:
    """An attribute value as escaped XML text (lists joined with ``|``)."""
    kind = type(value)
    if kind is str:
        return escape(value)
    if kind is int or kind is float:
        return str(value)
    if kind is list:
        return escape(LIST_SEPARATOR.join(map(str, value)))
    if kind is bool:
        return "true" if value else "false"
    return escape(str(value))


def _xml_type(name: str) -> str:
    return _XML_TYPES[ATTRIBUTE_TYPES.get(name, str)]


def _texts(values: Sequence[Any]) -> Sequence[str | None] | None:
    return texts(values, _SPECIAL, escape)


def _columns(
    page: list[Any] | Columns, keys: int, tags: dict[str, str], close: str, skip: str = ""
) -> tuple[list[Any], list[Any]] | None:
    """A page's keys as escaped text and its attributes' parts (see :mod:`.columns`), or
    ``None`` to write it row by row."""
    made = as_columns(page, keys)
    if made is None:
        return None
    key_texts: list[Any] = [_texts(values) for values in made.keys]
    parts = pieces(made.attrs, [n for n in made.attrs if n != skip], tags, close, _texts)
    if parts is None or None in key_texts:
        return None
    return key_texts, parts


def _rows(page: list[Any] | Columns) -> list[Any]:
    return page.rows() if isinstance(page, Columns) else page


def _write(
    graph: FileGraph,
    path: Path,
    parts: tuple[str, str, str],
    node: Callable[[list[Node] | Columns], str],
    edge: Callable[[list[Edge] | Columns], str],
) -> None:
    """Stream ``head``, every node, ``between``, every edge and ``tail`` into ``path``
    (``node`` and ``edge`` write a page of them)."""
    head, between, tail = parts
    with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.write(head)
        in_edges = False
        for nodes, edges in graph.pages():
            text = node(nodes) if nodes else ""
            if edges and not in_edges:
                text, in_edges = text + between, True
            out.write(text + edge(edges) if edges else text)
        out.write(tail if in_edges else between + tail)


def _graphml_keys(graph: FileGraph, graph_attrs: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    yield from (("node", name, _xml_type(name)) for name in graph.node_names())
    yield from (("edge", name, _xml_type(name)) for name in graph.edge_names())
    yield from (("graph", name, _XML_TYPES[type(value)]) for name, value in graph_attrs.items())


def write_graphml(graph: FileGraph, path: Path) -> None:
    """GraphML (lists joined with ``|``, edge ids = relation types), written atomically."""
    graph_attrs = {**graph.attrs, "list_separator": LIST_SEPARATOR,
                   "list_attributes": " ".join(LIST_ATTRIBUTES)}  # fmt: skip
    head = [_XML_HEAD, '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']  # fmt: skip
    tags: dict[str, dict[str, str]] = {"node": {}, "edge": {}, "graph": {}}
    for number, (scope, name, kind) in enumerate(_graphml_keys(graph, graph_attrs)):
        head.append(f'  <key id="d{number}" for="{scope}" attr.name="{escape(name)}" '
                    f'attr.type="{kind}" />\n')  # fmt: skip
        indent = "    " if scope == "graph" else "      "
        tags[scope][name] = f'{indent}<data key="d{number}">'
    head.append('  <graph edgedefault="directed">\n')
    head += [f"{tags['graph'][name]}{_text(value)}</data>\n" for name, value in graph_attrs.items()]
    node_tags, edge_tags = tags["node"], tags["edge"]

    def node(item: Node) -> str:
        node_id, attrs = item
        data = "".join([f"{node_tags[k]}{_text(v)}</data>\n" for k, v in attrs.items()])
        return f'    <node id="{escape(node_id)}">\n{data}    </node>\n'

    def edge(item: Edge) -> str:
        u, v, key, attrs = item
        data = "".join([f"{edge_tags[k]}{_text(value)}</data>\n" for k, value in attrs.items()])
        return (f'    <edge source="{escape(u)}" target="{escape(v)}" id="{escape(key)}">\n'
                f"{data}    </edge>\n")  # fmt: skip

    def nodes(page: list[Node] | Columns) -> str:
        made = _columns(page, 1, node_tags, "</data>\n")
        if made is None:
            return "".join(map(node, _rows(page)))
        (ids,), data = made
        return lay_out(['    <node id="', ids, '">\n', *data, "    </node>\n"])

    def edges(page: list[Edge] | Columns) -> str:
        made = _columns(page, 3, edge_tags, "</data>\n")
        if made is None:
            return "".join(map(edge, _rows(page)))
        (us, vs, keys), data = made
        return lay_out(['    <edge source="', us, '" target="', vs, '" id="', keys, '">\n',
                        *data, "    </edge>\n"])  # fmt: skip

    _write(graph, path, ("".join(head), "", "  </graph>\n</graphml>\n"), nodes, edges)


def _labels(page: list[Node] | Columns) -> list[Any]:
    """GEXF node labels: names, document titles, else ids."""
    if isinstance(page, Columns):
        none = repeat(None)
        names, titles = page.attrs.get("name", none), page.attrs.get("title", none)
        return [a or b or n for a, b, n in zip(names, titles, page.keys[0], strict=False)]
    return [a.get("name") or a.get("title") or n for n, a in page]


def _gexf_attributes(scope: str, names: Iterable[str]) -> tuple[str, dict[str, str]]:
    lines, tags = [f'    <attributes mode="static" class="{scope}">\n'], {}
    for number, name in enumerate(names):
        kind = "string" if name == "networkx_key" else _xml_type(name)
        lines.append(f'      <attribute id="{number}" title="{escape(name)}" type="{kind}" />\n')
        tags[name] = f'<attvalue for="{number}" value="'
    lines.append("    </attributes>\n")
    return "".join(lines), tags


def write_gexf(graph: FileGraph, path: Path) -> None:
    """GEXF 1.2 (lists joined with ``|``; labels: names, document titles and relation
    types), written atomically. Edges are numbered; their key is kept as
    ``networkx_key``, as networkx does, so that ``read_gexf`` gives the same multigraph
    keys."""
    node_decl, node_tags = _gexf_attributes("node", graph.node_names())
    edge_names = [name for name in graph.edge_names() if name != "type"]
    edge_decl, edge_tags = _gexf_attributes("edge", [*edge_names, "networkx_key"])
    key_tag = edge_tags["networkx_key"]
    head = (f'{_XML_HEAD}<gexf xmlns="{_GEXF}" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{_GEXF} {_GEXF}/gexf.xsd" version="1.2">\n'
            f'  <meta lastmodifieddate="{dt.date.today().isoformat()}">'
            "<creator>newsgraph</creator></meta>\n"
            '  <graph defaultedgetype="directed" mode="static" name="">\n'
            f"{node_decl}{edge_decl}    <nodes>\n")  # fmt: skip
    edge_ids = iter(range(1 << 62))

    def node(item: Node) -> str:
        node_id, attrs = item
        values = "".join([f'{node_tags[k]}{_text(v)}" />' for k, v in attrs.items()])
        label = _text(attrs.get("name") or attrs.get("title") or node_id)  # documents: title
        return (f'      <node id="{escape(node_id)}" label="{label}">'
                f"<attvalues>{values}</attvalues></node>\n")  # fmt: skip

    def edge(item: Edge) -> str:
        u, v, key, attrs = item
        values = "".join([f'{edge_tags[k]}{_text(value)}" />' for k, value in attrs.items()
                          if k != "type"])  # fmt: skip
        return (f'      <edge source="{escape(u)}" target="{escape(v)}" id="{next(edge_ids)}" '
                f'label="{escape(key)}"><attvalues>{values}{key_tag}{escape(key)}" /></attvalues>'
                "</edge>\n")  # fmt: skip

    def nodes(page: list[Node] | Columns) -> str:
        made = _columns(page, 1, node_tags, '" />')
        labels = None if made is None else _texts(_labels(page))
        if made is None or labels is None:
            return "".join(map(node, _rows(page)))
        (ids,), data = made
        return lay_out(['      <node id="', ids, '" label="', labels, '"><attvalues>', *data,
                        "</attvalues></node>\n"])  # fmt: skip

    def edges(page: list[Edge] | Columns) -> str:
        made = _columns(page, 3, edge_tags, '" />', skip="type")
        if made is None:
            return "".join(map(edge, _rows(page)))
        (us, vs, keys), data = made
        numbers = list(map(str, islice(edge_ids, len(page))))
        return lay_out(['      <edge source="', us, '" target="', vs, '" id="', numbers,
                        '" label="', keys, '"><attvalues>', *data, key_tag, keys,
                        '" /></attvalues></edge>\n'])  # fmt: skip

    parts = (head, "    </nodes>\n    <edges>\n", "    </edges>\n  </graph>\n</gexf>\n")
    _write(graph, path, parts, nodes, edges)
