"""Fast decoding of FalkorDB's compact result sets into plain Python values.

The ``falkordb`` client decodes every cell through a generic dispatch, which was
measured at about 17 µs per row of eight columns, as much as the server took to
produce it. The client's connection decodes replies (the ``FalkorDB`` client always
sets ``decode_responses``), so a compact cell ``[kind, value]`` of a null, string or
integer already holds its plain value.

Results are decoded a column at a time (:func:`decode_columns`): the kinds of a
column are gathered in one pass, and a column of one kind (nulls aside) is decoded
by C-level ``map`` calls, with no Python call per cell: strings and integers as
they came, doubles by ``float``, arrays of plain values item by item (strings in
them interned: labels and document ids repeat from row to row), and temporal values
(exports carry two dates per relation) once per distinct value. Measured on a
64k-row export page of ten columns (CPU, one run beside the other on the loaded
machine): 217 ms cell by cell, 139 ms by column, against 91 ms for the client to read
and parse the reply. Columns that mix kinds, and nested or graph values, go cell by
cell (:func:`_cell_decoder`).

Nodes, edges and paths are decoded straight into newsgraph's plain forms
(:func:`graph.stores.base.node_value` and :func:`~graph.stores.base.relationship_value`):
going through the client's ``Node``/``Edge``/``Path`` objects and converting them
afterwards took about a third of the API server's time on ``neighbourhood``, which
returns paths. Label, relationship-type and property-key ids are resolved with the
client's schema cache, which refreshes itself when it meets an id it does not know.
Temporal values and points go through the client's parser and ``convert``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import itemgetter
from sys import intern
from typing import Any

from falkordb.query_result import parse_scalar

from newsgraph.graph.stores.base import node_value, relationship_value

__all__ = ["decode_columns"]

_NULL, _PLAIN, _BOOLEAN, _DOUBLE, _ARRAY, _EDGE, _NODE, _PATH, _MAP = 1, 3, 4, 5, 6, 7, 8, 9, 10
"""Kinds up to ``_PLAIN`` (null 1, string 2, integer 3) arrive as their plain value."""
_PLAIN_KINDS = frozenset({1, 2, 3})
_STRING = frozenset({2})
_DOUBLES = frozenset({_NULL, _DOUBLE})
_ARRAYS = frozenset({_NULL, _ARRAY})
_TEMPORAL = frozenset({13, 14, 15, 16})
"""Datetime, date, time, duration: each a pure function of its value."""
_kind, _value = itemgetter(0), itemgetter(1)
Decoder = Callable[[Iterable[list[Any]]], list[Any]]


def decode_columns(
    raw_rows: list[list[Any]], graph: Any, convert: Callable[[Any], Any]
) -> list[list[Any]]:
    """The columns of rows of compact cells, each as a list of plain values."""
    cells = _cell_decoder(graph, convert)
    return [_column(column, cells, graph, convert) for column in zip(*raw_rows, strict=True)]


def _column(column: Sequence[list[Any]], cells: Decoder, graph: Any, convert: Any) -> list[Any]:
    """One column: by C-level maps when it holds one kind of value (nulls aside)."""
    kinds = set(map(_kind, column))
    if kinds <= _PLAIN_KINDS:
        return list(map(_value, column))
    values = list(map(_value, column))
    if kinds <= _DOUBLES:
        if _NULL in kinds:
            return [v if v is None else float(v) for v in values]
        return list(map(float, values))
    if len(kinds - {_NULL}) == 1 and not kinds.isdisjoint(_TEMPORAL):
        (kind,) = kinds - {_NULL}
        memo = _Memo(lambda v: convert(parse_scalar([kind, v], graph)))
        return list(map(memo.__getitem__, values))
    if kinds <= _ARRAYS:
        items = set(map(_kind, chain.from_iterable(v for v in values if v)))
        if items == _STRING:  # shared: labels and document ids repeat from row to row
            return [v if v is None else list(map(intern, map(_value, v))) for v in values]
        if items <= _PLAIN_KINDS:
            return [v if v is None else list(map(_value, v)) for v in values]
    return cells(column)


class _Memo(dict[Any, Any]):
    """``make(value)`` once per distinct value; ``None`` stays ``None``."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self.make = make

    def __missing__(self, value: Any) -> Any:
        made = self[value] = self.make(value)
        return made


def _cell_decoder(graph: Any, convert: Callable[[Any], Any]) -> Decoder:
    """The decoder of a list of compact cells (a row, a column, an array's items), cell
    by cell: nodes, edges, paths and maps, and columns of mixed kinds."""
    schema = graph.schema

    def cells(pairs: Iterable[list[Any]]) -> list[Any]:
        return [
            v if k <= _PLAIN
            else float(v) if k == _DOUBLE
            else cells(v) if k == _ARRAY
            else other(k, v)
            for k, v in pairs
        ]  # fmt: skip

    def properties(triples: list[list[Any]]) -> dict[str, Any]:  # [[key id, kind, value], ...]
        names = schema.properties
        try:
            return {
                names[key]: v if k <= _PLAIN
                else float(v) if k == _DOUBLE
                else cells(v) if k == _ARRAY
                else other(k, v)
                for key, k, v in triples
            }  # fmt: skip
        except IndexError:  # a key newer than the cache: get_property refreshes it
            keys = [schema.get_property(t[0]) for t in triples]
            return dict(zip(keys, cells(t[1:] for t in triples), strict=True))

    def node(value: list[Any]) -> dict[str, Any]:  # [id, [label ids], properties]
        labels = [schema.get_label(i) for i in value[1]]
        return node_value(str(value[0]), labels, properties(value[2]), converted=True)

    def edge(value: list[Any]) -> dict[str, Any]:  # [id, type id, source id, target id, props]
        rel_type, start, end = schema.get_relation(value[1]), str(value[2]), str(value[3])
        return relationship_value(
            str(value[0]), rel_type, start, end, properties(value[4]), converted=True
        )

    def other(kind: int, value: Any) -> Any:
        if kind == _MAP:  # [key, cell, key, cell, ...]; keys are strings
            return dict(zip(value[::2], cells(value[1::2]), strict=True))
        if kind == _BOOLEAN:
            return value in ("true", b"true")
        if kind == _NODE:
            return node(value)
        if kind == _EDGE:
            return edge(value)
        if kind == _PATH:  # [[ARRAY, [[NODE, node], ...]], [ARRAY, [[EDGE, edge], ...]]]
            return {
                "nodes": [node(cell[1]) for cell in value[0][1]],
                "relationships": [edge(cell[1]) for cell in value[1][1]],
            }
        return convert(parse_scalar([kind, value], graph))

    return cells
