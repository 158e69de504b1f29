"""Check the ``.cypher`` files for both engines without Neo4j running.

Every file except ``// engine: falkordb`` ones goes through Neo4j's own parser
and semantic analysis (``tools/cypher_lint``, the npm package
``@neo4j-cypher/language-support``), all files in one Node process. Portable
files (no engine header, not under an engine folder) are linted against only the
functions and procedures both engines share, plus the portable-subset rules of
CYPHER.md. With a store, files that engine can run are also planned on it
(``GRAPH.EXPLAIN`` on FalkorDB). Lines and columns are 1-based and count from
the first line of the file, header included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsgraph.cli.cypher_lint import lint_diagnostics
from newsgraph.graph.cypher import CYPHER_ROOT, ENGINES, parse_cypher_file
from newsgraph.graph.errors import SchemaError
from newsgraph.graph.stores import explain

__all__ = [
    "CypherProblem",
    "cypher_files",
    "explain_files",
    "file_engine",
    "lint_files",
    "validate_cypher",
]

_ENGINE_LINE = re.compile(r"^//\s?engine:\s*(\S+)", re.MULTILINE)
_FALKOR_POSITION = re.compile(r"line: (\d+), column: (\d+)")
_NO_GRAPH = ("empty key", "does not exist yet")
# GRAPH.EXPLAIN wants a value for parameters an index could use ("Missing parameters")
# and an integer for SKIP/LIMIT: give null, and 1 to SKIP/LIMIT.
_PARAM = re.compile(r"\$(\w+)")
_PAGING_PARAM = re.compile(r"\b(?:SKIP|LIMIT)\s+\$(\w+)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class CypherProblem:
    """One finding in one ``.cypher`` file (1-based line and column)."""

    path: Path
    line: int
    column: int
    severity: str
    message: str
    source: str
    """``neo4j-lint``, ``portable-rules``, ``falkordb-explain`` (``<engine>-explain``) or
    ``header``."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """True for errors (warnings and notes do not fail a check)."""
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict."""
        return {**asdict(self), "path": str(self.path)}


def cypher_files(paths: Sequence[Path] | None = None) -> list[Path]:
    """The ``.cypher`` files in ``paths`` (folders searched recursively); default all of them."""
    found: list[Path] = []
    for path in paths if paths is not None else [CYPHER_ROOT]:
        path = Path(path)
        found.extend(sorted(path.rglob("*.cypher")) if path.is_dir() else [path])
    return found


def _folder_engine(path: Path) -> str | None:
    """``neo4j``/``falkordb`` when the file sits in an engine folder under ``cypher/``."""
    try:
        parts = path.resolve().relative_to(CYPHER_ROOT).parts[:-1]
    except ValueError:
        return None
    return next((part for part in parts if part in ENGINES), None)


def file_engine(path: Path) -> tuple[str | None, list[CypherProblem]]:
    """The engine a file is for (``None`` when portable), with any header problems."""
    try:
        header_engine = parse_cypher_file(path, path.stem).engine
        problems: list[CypherProblem] = []
    except SchemaError as exc:
        problems = [CypherProblem(path, 1, 1, "error", exc.message, "header")]
        try:
            match = _ENGINE_LINE.search(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None, problems
        header_engine = match[1] if match and match[1] in ENGINES else None
    folder = _folder_engine(path)
    if header_engine and folder and header_engine != folder:
        message = f"says engine: {header_engine} but sits in a {folder} folder"
        problems.append(CypherProblem(path, 1, 1, "error", message, "header"))
    return header_engine or folder, problems


def lint_files(files: Sequence[tuple[Path, str]], *, use_cache: bool = True) -> list[CypherProblem]:
    """Lint ``(path, registry)`` pairs with Neo4j's linter, all in one Node run."""
    return [
        CypherProblem(
            path,
            int(d["line"]),
            int(d["column"]),
            str(d["severity"]),
            str(d["message"]),
            str(d["source"]),
        )
        for path, d in lint_diagnostics(files, use_cache=use_cache)
    ]


def _explain_problem(path: Path, text: str, message: str, source: str) -> CypherProblem:
    first_code = next(
        (
            n
            for n, line in enumerate(text.splitlines(), 1)
            if not line.lstrip().startswith("//") and line.strip()
        ),
        1,
    )
    position = _FALKOR_POSITION.search(message)
    line, column = (int(position[1]), int(position[2])) if position else (first_code, 1)
    return CypherProblem(path, line, column, "error", message, source)


def _explain_one(store: Any, text: str) -> str | None:
    """``None`` when ``store`` can plan ``text``, else the store's message."""
    try:
        params: dict[str, Any] = dict.fromkeys(_PARAM.findall(text))
        params.update(dict.fromkeys(_PAGING_PARAM.findall(text), 1))
        explain(store, text, params)
    except SchemaError as exc:
        return exc.message
    except Exception as exc:
        # GRAPH.EXPLAIN answers index DDL with one string ("Create Index"), which
        # the falkordb client (1.8.1) rejects with a bare Exception: that query is valid.
        if "plan must be an array" in str(exc):
            return None
        raise
    return None


def explain_files(store: Any, paths: Sequence[Path]) -> list[CypherProblem]:
    """Plan each file on ``store`` (``stores.explain``); report the ones it rejects.

    FalkorDB cannot plan on a graph that does not exist yet ("empty key"); then
    one warning is returned instead of a problem per file.
    """
    source = f"{store.info.engine}-explain"
    problems: list[CypherProblem] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the header check has reported it
        message = _explain_one(store, text)
        if message is None:
            continue
        if any(mark in message for mark in _NO_GRAPH):
            note = f"explain check skipped: FalkorDB cannot plan on a missing graph ({message})"
            return [CypherProblem(path, 1, 1, "warning", note, source)]
        problems.append(_explain_problem(path, text, message, source))
    return problems


def validate_cypher(
    paths: Sequence[Path] | None = None, *, store: Any = None, use_cache: bool = True
) -> list[CypherProblem]:
    """Check ``.cypher`` files (default: all under ``cypher/``); problems sorted by file and line.

    Neo4j-only and portable files are linted with Neo4j's grammar; portable files
    also against the shared function registry and the portable-subset rules.
    With ``store``, the files its engine runs are planned on it too.
    """
    problems: list[CypherProblem] = []
    to_lint: list[tuple[Path, str]] = []
    to_explain: list[Path] = []
    for path in cypher_files(paths):
        engine, header_problems = file_engine(path)
        problems.extend(header_problems)
        if not path.is_file():
            continue  # reported as a header problem
        if engine != "falkordb":
            to_lint.append((path, engine or "portable"))
        if store is not None and engine in (None, store.info.engine):
            to_explain.append(path)
    problems.extend(lint_files(to_lint, use_cache=use_cache))
    if store is not None:
        problems.extend(explain_files(store, to_explain))
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.column, p.source))
