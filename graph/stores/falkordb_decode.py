"""Fast decoding of FalkorDB's compact result sets into plain Python values.

The ``falkordb`` client decodes every cell through a generic dispatch, which was
measured at about 17 µs per row of eight columns, as much as the server took to
produce it. The client's connection decodes replies (the ``FalkorDB`` client always
sets ``decode_responses``), so a compact cell ``[kind, value]`` of a null, string or
integer already holds its plain value.

Results are decoded a column at a time (:func:`decode_columns`): the page's cells are
laid end to end once (``chain``) and sliced apart into each column's kinds and values
(no Python call per cell), and a column of one kind (nulls aside) is decoded by
C-level calls: strings and integers as they came, doubles by ``float``, arrays of
plain values all at once (their items laid end to end, strings interned: labels and
document ids repeat from row to row, and sliced back into arrays by length), and
temporal values (exports carry two dates per relation) once per distinct value, kept
from page to page. Measured on a 64k-row export page of ten columns (CPU, one run
beside the other on the loaded machine): 217 ms cell by cell, 139 ms by column with
a ``map`` per column for kinds and one for values, against 91 ms for the client to
read and parse the reply; laying the cells end to end took the 129k relations of the
bench graph from about 0.34 s to 0.30 s. Columns that mix kinds, and nested or graph
values, go cell by cell (:func:`_cell_decoder`).

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
from itertools import accumulate, chain
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
Decoder = Callable[[Iterable[Sequence[Any]]], list[Any]]


def decode_columns(
    raw_rows: list[list[Any]], graph: Any, convert: Callable[[Any], Any]
) -> list[list[Any]]:
    """The columns of rows of compact cells, each as a list of plain values."""
    if not raw_rows:
        return []
    cells = _cell_decoder(graph, convert)
    width = len(raw_rows[0])
    flat = list(chain.from_iterable(chain.from_iterable(raw_rows)))
    if len(flat) != 2 * width * len(raw_rows):  # ragged rows or odd cells: the checked way
        pairs = zip(*raw_rows, strict=True)
        return [_column(list(map(_kind, c)), list(map(_value, c)), cells, graph, convert)
                for c in pairs]  # fmt: skip
    step = 2 * width  # cell i of each row: kind at 2i, value at 2i + 1
    return [_column(flat[2 * i :: step], flat[2 * i + 1 :: step], cells, graph, convert)
            for i in range(width)]  # fmt: skip


def _column(
    kinds: list[int], values: list[Any], cells: Decoder, graph: Any, convert: Any
) -> list[Any]:
    """One column, given as its cells' kinds and values: by C-level maps when it holds
    one kind of value (nulls aside)."""
    present = set(kinds)
    if present <= _PLAIN_KINDS:
        return values
    if present <= _DOUBLES:
        if _NULL in present:
            return [v if v is None else float(v) for v in values]
        return list(map(float, values))
    if len(present - {_NULL}) == 1 and not present.isdisjoint(_TEMPORAL):
        (kind,) = present - {_NULL}
        return list(map(_temporal_memo(kind, graph, convert).__getitem__, values))
    if present <= _ARRAYS:
        arrays = _arrays(values if _NULL not in present else [v for v in values if v is not None])
        if arrays is not None:
            if _NULL not in present:
                return arrays
            made = iter(arrays)
            return [v if v is None else next(made) for v in values]
    return cells(zip(kinds, values, strict=True))


def _arrays(arrays: list[list[list[Any]]]) -> list[list[Any]] | None:
    """Arrays of plain values, decoded all at once: their cells laid end to end, the kinds
    and values sliced apart, and cut back into arrays by length (strings interned: labels
    and document ids repeat from row to row); ``None`` when an item is not plain."""
    flat = list(chain.from_iterable(chain.from_iterable(arrays)))
    lengths = list(map(len, arrays))
    if len(flat) != 2 * sum(lengths):
        return None
    kinds = set(flat[0::2])
    if not kinds <= _PLAIN_KINDS:
        return None
    items = list(map(intern, flat[1::2])) if kinds == _STRING else flat[1::2]
    ends = list(accumulate(lengths))  # each array is a slice of the items: one C copy
    return list(map(items.__getitem__, map(slice, chain((0,), ends), ends)))


_TEMPORAL_MEMOS: dict[tuple[int, Callable[[Any], Any]], _Memo] = {}
_MEMO_LIMIT = 1 << 16


def _temporal_memo(kind: int, graph: Any, convert: Callable[[Any], Any]) -> _Memo:
    """The values of temporal ``kind`` already made, kept from page to page (an export's
    pages share their days) and started afresh past :data:`_MEMO_LIMIT` values."""
    memo = _TEMPORAL_MEMOS.get((kind, convert))
    if memo is None or len(memo) > _MEMO_LIMIT:
        memo = _TEMPORAL_MEMOS[kind, convert] = _Memo(
            lambda v: convert(parse_scalar([kind, v], graph))
        )
    return memo


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

    def cells(pairs: Iterable[Sequence[Any]]) -> list[Any]:
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
