"""A page of export rows as text, a column at a time, for the file writers.

A page's attribute dicts are turned into columns (one C-level ``map`` of ``dict.get``
per attribute), each column into text by its values' type (strings as they are,
numbers by ``str``, lists of strings joined with ``|``), escaped only when a search
over the whole column finds a character that needs it, and laid back into rows by
``zip``. Writing value by value took each file writer longer than networkx's build of
the same graph (GraphML: 1.1M calls of a per-value formatter on 129k relations).

The text is the same as the writers' value-by-value forms (tests compare the two):
columns come in the order the rows hold their attributes, which :func:`key_order`
checks is one order for the whole page (pages of one statement share it; a saved
query's mixed pages do not, and are written value by value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import is_
from typing import Any

__all__ = ["Columns", "as_columns", "column", "key_order", "lay_out", "pieces", "texts"]

_JOINABLE = frozenset({list})
_NUMBERS = frozenset({int, float})


@dataclass
class Columns:
    """A page of slim rows held as columns: ``keys`` (the node ids; or the edges' sources,
    targets and types) and each attribute's column in the rows' order, ``None`` where a
    row lacks the attribute. File writers take them as they are; :meth:`rows` makes the
    row form (``(*keys, attrs)`` tuples) for the others."""

    keys: list[Sequence[Any]]
    attrs: dict[str, Sequence[Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.keys[0]) if self.keys else 0

    def rows(self) -> list[tuple[Any, ...]]:
        """``(*keys, attrs)`` per row, ``None`` values left out of ``attrs``."""
        return list(zip(*self.keys, attr_dicts(self.attrs, len(self)), strict=True))


def attr_dicts(attrs: dict[str, Sequence[Any]], rows: int) -> list[dict[str, Any]]:
    """One dict per row from attribute columns (by :func:`_dict_maker`: a loop per value
    took longer than networkx's own build of the graph); ``None`` values are then taken
    out of the rows, only in the columns that hold one."""
    if not attrs:
        return [{} for _ in range(rows)]
    dicts = _dict_maker(tuple(attrs))(*attrs.values())
    for name in [name for name, values in attrs.items() if None in values]:
        for row in compress(dicts, map(is_, attrs[name], repeat(None))):
            del row[name]
    return dicts


@lru_cache(maxsize=64)
def _dict_maker(names: tuple[str, ...]) -> Callable[..., list[dict[str, Any]]]:
    """The function of one column per name that makes each row's dict with a dict display
    of constant keys, ``[{'type': c0, 'sources': c1, ...} for c0, c1, ... in zip(...)]``:
    Python builds such a dict in one step at its final size. Generated once per set of
    names (from their ``repr``, so any name is safe), as ``namedtuple`` and
    ``dataclasses`` generate theirs. On the bench graph's 129k relations: 49 ms against
    85 ms for ``map(dict, map(zip, repeat(names), rows))``."""
    params = [f"c{at}" for at in range(len(names))]
    items = ", ".join(f"{name!r}: {param}" for name, param in zip(names, params, strict=True))
    targets, columns = ", ".join(params) + ",", ", ".join(params)
    body = f"[{{{items}}} for {targets} in zip({columns}, strict=True)]"
    namespace: dict[str, Any] = {}
    exec(f"def make({columns}):\n    return {body}\n", namespace)  # names only as repr() literals
    return namespace["make"]


def as_columns(page: Sequence[Any] | Columns, keys: int) -> Columns | None:
    """A page as :class:`Columns` (rows of ``keys`` keys and an attribute dict), or
    ``None`` when its rows do not hold their attributes in one order."""
    if isinstance(page, Columns):
        return page
    *key_columns, rows = zip(*page, strict=True)
    names = key_order(rows)
    if names is None:
        return None
    return Columns(list(key_columns), {name: column(rows, name) for name in names})


def key_order(rows: Sequence[dict[str, Any]]) -> list[str] | None:
    """The attribute names of ``rows`` in one order that every row's keys follow (absent
    keys aside), or ``None`` when the rows order them differently."""
    orders = sorted(set(map(tuple, rows)), key=len, reverse=True)
    if not orders:
        return []
    names = list(orders[0])
    place = {name: number for number, name in enumerate(names)}
    for order in orders[1:]:
        for name in order:
            if name not in place:  # a key the longest order lacks: placed after its neighbours
                return None
        spots = [place[name] for name in order]
        if spots != sorted(spots):
            return None
    return names


def column(rows: Sequence[dict[str, Any]], name: str) -> list[Any]:
    """Attribute ``name`` of every row (``None`` where absent)."""
    return list(map(dict.get, rows, repeat(name)))


def texts(
    values: Sequence[Any],
    special: re.Pattern[str],
    escape: Callable[[str], str],
    separator: str = "|",
) -> Sequence[str | None] | None:
    """``values`` as text, ``None`` kept, escaped with ``escape`` when ``special`` finds
    a character that needs it; ``None`` (the caller writes value by value) when the
    column holds values other than strings, numbers and lists of strings."""
    kinds = set(map(type, values))
    nulls = type(None) in kinds
    kinds.discard(type(None))
    present = [v for v in values if v is not None] if nulls else values
    if kinds <= _NUMBERS:
        made: list[Any] = list(map(str, present))
        return _with_nulls(values, made) if nulls else made
    if kinds <= _JOINABLE:
        if not set(map(type, chain.from_iterable(present))) <= {str}:
            return None
        present = list(map(separator.join, present))
    elif kinds != {str} and kinds:
        return None
    if special.search("".join(present)):
        present = list(map(escape, present))
    return _with_nulls(values, present) if nulls else present


def pieces(
    attrs: dict[str, Sequence[Any]],
    names: Iterable[str],
    tags: dict[str, str],
    close: str,
    text: Callable[[Sequence[Any]], Sequence[str | None] | None],
) -> list[Any] | None:
    """Each of ``names`` as ``tags[name]``, a column of text and ``close``: the constant
    parts as strings, the columns as lists (a column where some rows lack the attribute
    as whole cells, ``""`` in those rows); text made by ``text``, ``None`` if it gave up."""
    made: list[Any] = []
    for name in names:
        values = text(attrs[name])
        if values is None:
            return None
        if None in values:
            tag = tags[name]
            made.append(["" if v is None else f"{tag}{v}{close}" for v in values])
        else:
            made += [tags[name], values, close]
    return made


def lay_out(parts: Sequence[Any]) -> str:
    """Columns of text (strings: the same in every row) laid out row by row, each row's
    parts in order, neighbouring constants joined first."""
    merged: list[Any] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    columns = [repeat(part) if isinstance(part, str) else part for part in merged]
    return "".join(chain.from_iterable(zip(*columns, strict=False)))  # constants repeat


def _with_nulls(values: Sequence[Any], made: Sequence[Any]) -> list[Any]:
    items = iter(made)
    return [None if v is None else next(items) for v in values]
