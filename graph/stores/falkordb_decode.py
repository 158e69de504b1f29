"""Fast decoding of FalkorDB's compact result sets into plain Python values.

The ``falkordb`` client decodes every cell through a generic dispatch, which was
measured at about 17 µs per row of eight columns, as much as the server took to
produce it. Scalars and lists of scalars, which are almost all that saved
queries and exports return, are decoded here in a tight loop; nodes, edges,
paths, maps and temporal values go through the client's own parser and are then
converted to newsgraph's plain forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from falkordb.query_result import parse_scalar

__all__ = ["decode_rows"]

_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY = 1, 2, 3, 4, 5, 6


def _cell(cell: list[Any], graph: Any, convert: Callable[[Any], Any]) -> Any:
    kind, value = cell
    if kind == _STRING:
        return value.decode("utf-8") if type(value) is bytes else str(value)
    if kind == _INTEGER:
        return int(value)
    if kind == _NULL:
        return None
    if kind == _ARRAY:
        return [_cell(item, graph, convert) for item in value]
    if kind == _DOUBLE:
        return float(value)
    if kind == _BOOLEAN:
        return value in (b"true", "true")
    return convert(parse_scalar(cell, graph))


def decode_rows(raw_rows: list[list[Any]], graph: Any, convert: Callable[[Any], Any]) -> list[list]:
    """Rows of compact cells (``[type, value]``) as rows of plain values."""
    return [[_cell(cell, graph, convert) for cell in row] for row in raw_rows]
