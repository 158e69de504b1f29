"""Cypher files: headers, engine overrides and loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.graph.cypher import CYPHER_ROOT, CypherLibrary, parse_cypher_file
from newsgraph.graph.errors import SchemaError


def _write(root: Path, name: str, text: str) -> Path:
    path = root / f"{name}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_header_is_parsed(tmp_path: Path) -> None:
    text = (
        "// title: T\n// description: first\n//   second\n"
        "// param a: int = 1\n// param b: string\n//   -- more\nRETURN $a, $b\n"
    )
    path = _write(tmp_path, "q", text)
    parsed = parse_cypher_file(path, "q")
    assert parsed.title == "T" and parsed.description == "first second"
    assert parsed.params == ("a: int = 1", "b: string -- more")
    assert parsed.mode == "read" and parsed.engine is None and parsed.header_lines == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("// title: x\n", "no Cypher statement"),
        ("// title: a\n// title: b\nRETURN 1", ":2: header key 'title' given twice"),
        ("// engine: oracle\nRETURN 1", "engine must be one of"),
        ("// mode: delete\nRETURN 1", "mode must be read or write"),
    ],
)
def test_bad_files_fail_naming_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "bad", text)
    with pytest.raises(SchemaError, match=message) as info:
        parse_cypher_file(path, "bad")
    assert str(path) in info.value.message


def test_engine_override_wins_for_that_engine_only(tmp_path: Path) -> None:
    _write(tmp_path, "queries/q", "RETURN 'portable'")
    _write(tmp_path, "falkordb/queries/q", "RETURN 'falkordb'")
    assert "falkordb" in CypherLibrary("falkordb", tmp_path).get("queries/q").text
    assert "portable" in CypherLibrary("neo4j", tmp_path).get("queries/q").text
    assert CypherLibrary("neo4j", tmp_path).names("queries") == ["queries/q"]


def test_engine_only_file_refused_for_the_other_engine(tmp_path: Path) -> None:
    _write(tmp_path, "ddl", "// engine: neo4j\nCREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b)")
    with pytest.raises(SchemaError, match="is for neo4j"):
        CypherLibrary("falkordb", tmp_path).get("ddl")


def test_unknown_statement() -> None:
    with pytest.raises(SchemaError, match="no Cypher statement 'nope'"):
        CypherLibrary("falkordb").get("nope")


def test_every_project_cypher_file_parses() -> None:
    files = list(CYPHER_ROOT.rglob("*.cypher"))
    assert files
    for path in files:
        parse_cypher_file(path, path.stem)


def test_trailing_semicolon_is_not_sent(tmp_path: Path) -> None:
    path = _write(tmp_path, "semi", "// title: S\nRETURN 1 AS one;\n\n")
    assert parse_cypher_file(path, "semi").text.endswith("RETURN 1 AS one")
