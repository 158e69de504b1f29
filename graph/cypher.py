"""Cypher is data: every statement lives in its own ``.cypher`` file under ``cypher/``.

A file starts with a comment header of ``// key: value`` lines::

    // title: Merge entities
    // description: Upsert entity nodes by id.
    // mode: write
    // param rows: list -- one map per entity

A write that deletes nodes or relationships says ``// deletes: true``: the FalkorDB store
sends such writes outside ``MULTI``/``EXEC`` (see ``graph/stores/falkordb_journal.py``).
Without the key, a ``DELETE`` clause in the statement counts as a deletion.
``param`` may repeat; an indented ``//`` line continues the previous key. A file
meant for one engine only says ``// engine: falkordb`` (or ``neo4j``). Where one
text cannot serve both engines, ``cypher/<engine>/<name>.cypher`` overrides
``cypher/<name>.cypher`` for that engine: the choice is made here, by path, never
by ``if engine == ...`` in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from newsgraph.graph.errors import SchemaError

__all__ = [
    "CYPHER_ROOT",
    "ENGINES",
    "CypherFile",
    "CypherLibrary",
    "declares_deletion",
    "parse_cypher_file",
]

CYPHER_ROOT = Path(str(files("newsgraph.cypher")))
"""The Cypher files, shipped as package data (``cypher/`` in the repository)."""
ENGINES = ("falkordb", "neo4j")
_HEADER = re.compile(r"^//\s?(?:(?P<param>param)\s+|(?P<key>[a-z_]+):\s*)(?P<value>.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<value>\S.*)$")
_DELETES_KEY = re.compile(r"^//\s?deletes:\s*(?P<value>\S+)\s*$")
_DELETE_CLAUSE = re.compile(r"\bDELETE\b", re.IGNORECASE)


@dataclass(frozen=True)
class CypherFile:
    """One Cypher statement with its parsed header."""

    name: str
    path: Path
    text: str
    """The file's text as sent to the engine: header comments kept, trailing ``;`` removed."""
    header: dict[str, str] = field(default_factory=dict)
    params: tuple[str, ...] = ()
    header_lines: int = 0

    @property
    def mode(self) -> str:
        """``read`` or ``write`` (default ``read``)."""
        return self.header.get("mode", "read")

    @property
    def deletes(self) -> bool:
        """True when the statement deletes nodes or relationships (see
        :func:`declares_deletion`)."""
        return declares_deletion(self.text)

    @property
    def engine(self) -> str | None:
        """The one engine this file is for, or ``None`` when it is portable."""
        return self.header.get("engine") or None

    @property
    def title(self) -> str:
        """The header's title, else the file name."""
        return self.header.get("title", self.name)

    @property
    def description(self) -> str:
        """The header's description."""
        return self.header.get("description", "")


def parse_cypher_file(path: Path, name: str) -> CypherFile:
    """Read a ``.cypher`` file and its header; :class:`SchemaError` names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read: {exc}") from exc
    header: dict[str, str] = {}
    params: list[str] = []
    last: str | None = None
    count = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if not stripped.startswith("//"):
            break
        count = lineno
        cont = _CONTINUATION.match(stripped)
        match = _HEADER.match(stripped)
        if cont and last is not None:
            if last == "param":
                params[-1] += " " + cont["value"].strip()
            else:
                header[last] += " " + cont["value"].strip()
        elif match:
            last = "param" if match["param"] else match["key"]
            if last == "param":
                params.append(match["value"].strip())
            elif last in header:
                raise SchemaError(f"{path}:{lineno}: header key {last!r} given twice")
            else:
                header[last] = match["value"].strip()
    body = text.split("\n", count)[-1] if count else text
    if not body.strip():
        raise SchemaError(f"{path}: no Cypher statement after the header")
    engine = header.get("engine")
    if engine is not None and engine not in ENGINES:
        raise SchemaError(f"{path}: engine must be one of {ENGINES}, not {engine!r}")
    if header.get("mode", "read") not in ("read", "write"):
        raise SchemaError(f"{path}: mode must be read or write")
    if header.get("deletes", "false") not in ("true", "false"):
        raise SchemaError(f"{path}: deletes must be true or false")
    # FalkorDB refuses anything after a ';' (even a newline), so send the statement without it.
    statement = text.rstrip().removesuffix(";").rstrip()
    return CypherFile(name, path, statement, header, tuple(params), count)


def declares_deletion(text: str) -> bool:
    """Whether a statement's text (header comments included) deletes anything: its
    ``// deletes: true|false`` header line when present, else whether its body has a
    ``DELETE`` clause (values are always parameters, so the word cannot come from data)."""
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        match = _DELETES_KEY.match(stripped)
        if match:
            return match["value"] == "true"
        if not stripped.startswith("//"):
            body.append(line.split("//", 1)[0])
    return bool(_DELETE_CLAUSE.search("\n".join(body)))


class CypherLibrary:
    """The statements under ``cypher/`` as one engine sees them (overrides applied)."""

    def __init__(self, engine: str, root: Path = CYPHER_ROOT) -> None:
        if engine not in ENGINES:
            raise SchemaError(f"unknown engine {engine!r}")
        self.engine = engine
        self.root = root

    def get(self, name: str) -> CypherFile:
        """The statement ``name`` (e.g. ``write/merge_entities``) for this engine."""
        return _load(self.root, self.engine, name)

    def has(self, name: str) -> bool:
        """Whether statement ``name`` exists for this engine (portable, overridden, or
        written for this engine alone)."""
        try:
            self.get(name)
        except SchemaError:
            return False
        return True

    def names(self, folder: str) -> list[str]:
        """Names of the portable statements in ``folder`` (overrides are not listed twice)."""
        base = self.root / folder
        return sorted(
            f"{folder}/{p.relative_to(base).with_suffix('').as_posix()}"
            for p in base.rglob("*.cypher")
        )


@lru_cache(maxsize=512)
def _load(root: Path, engine: str, name: str) -> CypherFile:
    override = root / engine / f"{name}.cypher"
    path = override if override.is_file() else root / f"{name}.cypher"
    if not path.is_file():
        raise SchemaError(f"no Cypher statement {name!r} under {root}")
    cypher = parse_cypher_file(path, name)
    if cypher.engine not in (None, engine):
        raise SchemaError(f"{path} is for {cypher.engine}, not {engine}")
    return cypher
