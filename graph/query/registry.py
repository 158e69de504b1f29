"""The saved-query registry: ``cypher/queries/*.cypher``, loaded and checked at start-up.

Each saved query is one read-only statement with a header::

    // title: Entity search
    // description: Entities whose name or an alias matches the text.
    // example: q=tesla
    // param q: search [1..200] -- words to look for
    // param type: enum(@entity_types)? = null -- only entities of this type
    // param limit: int = 25 [1..500] -- max rows
    // param offset: int = 0 [0..100000] -- rows to skip

Header grammar (``// key: value``; an indented ``//`` line continues the previous key):

- ``title``, ``description``: shown in the catalogue (``description`` is required).
- ``mode``: must be ``read`` (the default); a saved query never writes.
- ``example``: ``key=value`` pairs separated by ``;``, values written as on the command
  line: values for the required parameters that find something in the demo corpus.
- ``param``: repeats, one per parameter:
  ``NAME: TYPE[?] [= DEFAULT] [[MIN..MAX]] [-- HELP]`` with ``TYPE`` one of
  ``string``, ``int``, ``float``, ``bool``, ``search``, ``enum(A,B,...)``, ``list`` or
  ``list[ITEM]``; ``?`` allows null; no default means required; bounds are inclusive
  and apply to the value of numbers and the length of strings and lists. The full
  grammar is in :mod:`newsgraph.graph.query.params`.

Every saved query declares ``limit`` and ``offset`` and ends with
``SKIP $offset LIMIT $limit``: the registry asks for ``min(limit, row_cap) + 1`` rows and
reports ``truncated`` when the extra row came back. Every ``$name`` in the statement
must be declared and every declared parameter used. An engine override
(``cypher/<engine>/queries/NAME.cypher``) must declare exactly the parameters of the
portable file. Any violation raises :class:`SchemaError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.graph.cypher import CYPHER_ROOT, CypherFile, CypherLibrary, parse_cypher_file
from newsgraph.graph.errors import BadParameterError, SchemaError, UnknownQueryError
from newsgraph.graph.query.params import ParamSpec, bind_all, parse_all, parse_param
from newsgraph.graph.stores.base import GraphStore, QueryResult

__all__ = ["QueryPage", "QueryRegistry", "SavedQuery", "load_registry"]

FOLDER = "queries"
PAGING = ("limit", "offset")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"//[^\n]*")


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: its statement for this engine and its typed parameters."""

    name: str
    title: str
    description: str
    text: str
    path: Path
    params: tuple[ParamSpec, ...]
    example: dict[str, str] = field(default_factory=dict)

    def param(self, name: str) -> ParamSpec:
        """The declared parameter ``name``."""
        return next(p for p in self.params if p.name == name)

    def describe(self) -> dict[str, Any]:
        """The catalogue entry of this query."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [p.describe() for p in self.params],
            "example": self.example,
        }

    def parse_text(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters given as text (command line, URL) in their declared types."""
        return parse_all(self.params, raw)

    def bind(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Validated parameters with defaults."""
        return bind_all(self.params, dict(raw))


@dataclass
class QueryPage:
    """One page of a saved query's rows."""

    query: str
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        """The ``rows`` response format."""
        return {
            "query": self.query,
            "columns": self.columns,
            "rows": self.rows,
            "truncated": self.truncated,
            "limit": self.limit,
            "offset": self.offset,
        }


def _line_of(cypher: CypherFile, declaration: str) -> int:
    """The 1-based header line where the ``param`` declaration of a name starts."""
    name = declaration.split(":", 1)[0].strip()
    pattern = re.compile(rf"^//\s?param\s+{re.escape(name)}\s*(:|$)")
    for lineno, line in enumerate(cypher.text.splitlines(), start=1):
        if pattern.match(line):
            return lineno
    return 1


def _parse_example(cypher: CypherFile) -> dict[str, str]:
    pairs = [p.strip() for p in cypher.header.get("example", "").split(";") if p.strip()]
    example = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SchemaError(f"{cypher.path}: example {pair!r} is not key=value")
        example[key.strip()] = value.strip()
    return example


def build_query(cypher: CypherFile) -> SavedQuery:
    """Check one statement's header and body; :class:`SchemaError` names file and line."""
    path = cypher.path
    if cypher.mode != "read":
        raise SchemaError(f"{path}:1: saved queries must be read-only (mode: read)")
    if not cypher.description:
        raise SchemaError(f"{path}:1: header needs a description")
    params = tuple(parse_param(p, f"{path}:{_line_of(cypher, p)}") for p in cypher.params)
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise SchemaError(f"{path}: a parameter is declared twice: {names}")
    body = _COMMENT.sub("", cypher.text.split("\n", cypher.header_lines)[-1])
    used = set(_PARAM_USE.findall(body))
    for missing in sorted(set(PAGING) - set(names)):
        raise SchemaError(
            f"{path}: saved queries must declare {missing!r} (SKIP $offset LIMIT $limit)"
        )
    for name in sorted(used - set(names)):
        raise SchemaError(f"{path}: ${name} is used but not declared in the header")
    for name in sorted(set(names) - used):
        raise SchemaError(f"{path}:{_line_of(cypher, name)}: parameter {name!r} is never used")
    query = SavedQuery(cypher.name.removeprefix(f"{FOLDER}/"), cypher.title, cypher.description,
                       cypher.text, path, params, _parse_example(cypher))  # fmt: skip
    try:
        query.bind(query.parse_text(query.example))
    except BadParameterError as exc:
        raise SchemaError(f"{path}: example is invalid: {exc.message}") from exc
    return query


class QueryRegistry:
    """Every saved query as one engine runs it, by name."""

    def __init__(self, queries: Mapping[str, SavedQuery]) -> None:
        self._queries = dict(sorted(queries.items()))

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __iter__(self) -> Iterator[SavedQuery]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def names(self) -> list[str]:
        """The saved query names, sorted."""
        return list(self._queries)

    def get(self, name: str) -> SavedQuery:
        """The saved query ``name``; :class:`UnknownQueryError` (404) when there is none."""
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQueryError(f"no saved query named {name!r}", query=name) from None

    def catalogue(self) -> list[dict[str, Any]]:
        """Every query's name, title, description and typed parameters."""
        return [q.describe() for q in self._queries.values()]

    def run(
        self,
        store: GraphStore,
        name: str,
        params: Mapping[str, Any],
        *,
        row_cap: int,
        timeout_ms: int,
    ) -> QueryPage:
        """Bind, run read-only with a timeout, and cap the rows (``truncated`` when capped)."""
        query, bound, limit = self._bind(name, params, row_cap)
        return _page(query, bound, limit, store.run(query.text, bound, timeout_ms=timeout_ms))

    async def run_async(
        self,
        store: GraphStore,
        name: str,
        params: Mapping[str, Any],
        *,
        row_cap: int,
        timeout_ms: int,
    ) -> QueryPage:
        """:meth:`run` on an event loop (``store.run_async``)."""
        query, bound, limit = self._bind(name, params, row_cap)
        result = await store.run_async(query.text, bound, timeout_ms=timeout_ms)
        return _page(query, bound, limit, result)

    def _bind(
        self, name: str, params: Mapping[str, Any], row_cap: int
    ) -> tuple[SavedQuery, dict[str, Any], int]:
        """The query, its bound parameters asking for one row past the page, the page size."""
        query = self.get(name)
        bound = query.bind(params)
        limit = min(int(bound["limit"]), row_cap)
        bound["limit"] = limit + 1
        return query, bound, limit


def _page(
    query: SavedQuery, bound: Mapping[str, Any], limit: int, result: QueryResult
) -> QueryPage:
    """The rows of one page; ``truncated`` when the extra row came back."""
    truncated = len(result.rows) > limit
    return QueryPage(query.name, result.columns, result.rows[:limit], truncated, limit,
                     int(bound["offset"]))  # fmt: skip


def load_registry(engine: str, root: Path = CYPHER_ROOT) -> QueryRegistry:
    """Load and check every ``cypher/queries/*.cypher`` for ``engine``; fail loudly."""
    library = CypherLibrary(engine, root)
    queries: dict[str, SavedQuery] = {}
    for full_name in library.names(FOLDER):
        base = build_query(parse_cypher_file(root / f"{full_name}.cypher", full_name))
        query = build_query(library.get(full_name))
        if query.params != base.params:
            raise SchemaError(f"{query.path}: parameters differ from {base.path}")
        queries[query.name] = query
    if not queries:
        raise SchemaError(f"no saved queries under {root / FOLDER}")
    return QueryRegistry(queries)
