"""The saved-query registry: header grammar, start-up checks naming file and line, binding."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.graph.cypher import ENGINES
from newsgraph.graph.errors import BadParameterError, SchemaError
from newsgraph.graph.query.params import parse_param
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.schema import load_schema

REQUIRED = {
    "entity_search", "entity_profile", "neighbourhood", "meetings", "restrictions_on",
    "partners_of", "competitors_of", "located_in", "path_between", "evidence_for",
    "documents_mentioning", "timeline", "top_entities", "corroboration",
}  # fmt: skip
PAGING = "// param limit: int = 10 [1..50] -- rows\n// param offset: int = 0 [0..] -- skip\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_required_query_loads_for_each_engine(engine: str) -> None:
    registry = load_registry(engine)
    assert set(registry.names()) >= REQUIRED
    for entry in registry.catalogue():
        assert entry["title"] and entry["description"]
        names = [p["name"] for p in entry["parameters"]]
        assert {"limit", "offset"} <= set(names)


def test_engine_overrides_replace_only_the_statement() -> None:
    falkor, neo = (
        load_registry("falkordb").get("entity_search"),
        load_registry("neo4j").get("entity_search"),
    )
    assert "db.idx.fulltext.queryNodes" in falkor.text
    assert "db.index.fulltext.queryNodes" in neo.text
    assert falkor.params == neo.params


def test_grammar_types_defaults_and_bounds() -> None:
    limit = parse_param("limit: int = 25 [1..500] -- max rows", "x:1")
    assert (limit.kind, limit.default, limit.minimum, limit.maximum, limit.help) == (
        "int", 25, 1, 500, "max rows")  # fmt: skip
    kind = parse_param("type: enum(@entity_types)? = null -- filter", "x:1")
    assert kind.nullable and kind.default is None and set(kind.values) == set(load_schema().labels)
    types = parse_param("types: list[enum(@relation_types)] = [] [0..12]", "x:1")
    assert types.kind == "list" and types.default == [] and types.maximum == 12
    assert parse_param("x: float = 0.5 [0..1]", "x:1").default == 0.5
    assert parse_param("flag: bool = true", "x:1").default is True
    assert parse_param("word: string = 'a b'", "x:1").default == "a b"
    assert parse_param("tags: list[int] = [1, 2]", "x:1").default == [1, 2]
    assert parse_param("q: search [1..200]", "x:1").required


@pytest.mark.parametrize(
    ("declaration", "complaint"),
    [
        ("limit int = 3", "cannot parse"),
        ("limit: integer = 3", "unknown type"),
        ("limit: int = 0 [1..5]", "default"),
        ("kind: enum() = a", "enum"),
        ("kind: enum(a,b) = c", "default"),
        ("n: int = null", "default"),
        ("n: int [a..5]", "bound"),
        ("xs: list[bool]", "list items"),
    ],
)
def test_bad_declarations_are_rejected(declaration: str, complaint: str) -> None:
    with pytest.raises(SchemaError, match=complaint) as info:
        parse_param(declaration, "queries/bad.cypher:7")
    assert "queries/bad.cypher:7" in info.value.message


def _root(tmp_path: Path, body: str, override: str | None = None) -> Path:
    (tmp_path / "queries").mkdir(parents=True)
    (tmp_path / "queries" / "q.cypher").write_text(body)
    if override is not None:
        (tmp_path / "falkordb" / "queries").mkdir(parents=True)
        (tmp_path / "falkordb" / "queries" / "q.cypher").write_text(override)
    return tmp_path


GOOD = "// title: T\n// description: D\n// param n: int = 1 [1..9] -- n\n" + PAGING


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("// title: T\n// description: D\n// param n: int = x\n" + PAGING
         + "RETURN $n SKIP $offset LIMIT $limit", "q.cypher:3"),
        (GOOD + "RETURN $n, $m SKIP $offset LIMIT $limit", r"\$m is used but not declared"),
        (GOOD + "RETURN 1 SKIP $offset LIMIT $limit", "q.cypher:3: parameter 'n' is never used"),
        ("// title: T\n// description: D\n// param n: int = 1\nRETURN $n", "must declare 'limit'"),
        ("// title: T\n// description: D\n// mode: write\n" + PAGING
         + "CREATE (x) SKIP $offset LIMIT $limit", "read-only"),
        ("// title: T\n// description: D\n// example: n=12\n// param n: int = 1 [1..9] -- n\n"
         + PAGING + "RETURN $n SKIP $offset LIMIT $limit", "at most 9"),
    ],
)  # fmt: skip
def test_bad_files_fail_at_load_naming_file_and_line(
    tmp_path: Path, body: str, complaint: str
) -> None:
    root = _root(tmp_path, body)
    with pytest.raises(SchemaError, match=complaint) as info:
        load_registry("falkordb", root)
    assert "q.cypher" in info.value.message


def test_override_must_declare_the_same_parameters(tmp_path: Path) -> None:
    body = GOOD + "RETURN $n SKIP $offset LIMIT $limit"
    other = body.replace("[1..9]", "[1..8]")
    root = _root(tmp_path, body, override=other)
    with pytest.raises(SchemaError, match="parameters differ"):
        load_registry("falkordb", root)
    assert load_registry("neo4j", root).get("q").param("n").maximum == 9


def test_binding_names_the_bad_parameter() -> None:
    query = load_registry("falkordb").get("neighbourhood")
    bound = query.bind({"id": "company:tesla"})
    assert bound == {"id": "company:tesla", "depth": 1, "types": [], "limit": 100, "offset": 0}
    cases = [
        ({"id": "x", "depth": "2"}, "'depth' must be an integer"),
        ({"id": "x", "depth": 4}, "'depth' value must be at most 3"),
        ({"id": "x", "depth": True}, "'depth' must be an integer"),
        ({"id": "x", "types": ["NOPE"]}, "'types' must be one of"),
        ({"id": "x", "colour": "red"}, "unknown parameter 'colour'"),
        ({}, "missing required parameter 'id'"),
        ({"id": None}, "'id' may not be null"),
        ({"id": ""}, "'id' length must be at least 1"),
        ({"id": "a\x00b"}, "'id' must not contain NUL"),
        ({"id": "a\udcffb"}, "'id' must be valid Unicode"),
    ]
    for raw, message in cases:
        with pytest.raises(BadParameterError, match=message) as info:
            query.bind(raw)
        assert info.value.status_code == 422 and info.value.details["param"] in message


def test_binding_from_text_converts_like_the_command_line() -> None:
    registry = load_registry("falkordb")
    neighbourhood = registry.get("neighbourhood")
    bound = neighbourhood.bind(neighbourhood.parse_text(
        {"id": "company:tesla", "depth": "2", "types": "LOCATED_IN,RESTRICTS"}))  # fmt: skip
    assert bound["depth"] == 2 and bound["types"] == ["LOCATED_IN", "RESTRICTS"]
    assert (
        registry.get("partners_of").bind(
            registry.get("partners_of").parse_text({"id": "x", "include_talks": "yes"}))[
            "include_talks"
        ]
        is True
    )
    with pytest.raises(BadParameterError, match="'depth' must be an integer; got 'two'"):
        neighbourhood.bind(neighbourhood.parse_text({"id": "x", "depth": "two"}))


def test_search_text_is_reduced_to_words() -> None:
    query = load_registry("falkordb").get("entity_search")
    assert query.bind({"q": "x'}) DETACH DELETE n //"})["q"] == "x detach delete n"
    assert query.bind({"q": "U.S. Dept-of Commerce"})["q"] == "u s dept of commerce"
    with pytest.raises(BadParameterError, match="'q' must contain at least one letter"):
        query.bind({"q": "()*"})


@pytest.mark.parametrize("engine", ENGINES)
def test_spelled_out_relation_types_are_the_schemas(engine: str) -> None:
    """Queries that follow every relation type name them in the pattern (so a hub's
    MENTIONS are never scanned); such a list (more than half the types) names exactly
    the schema's types, so a type added to the schema is not silently left out."""
    import re

    types = set(load_schema().relations)
    spelled = 0
    for query in load_registry(engine):
        for alternation in re.findall(r"\[\w*:([A-Z_|]+)[\]*]", query.text):
            if len(alternation.split("|")) > len(types) / 2:
                spelled += 1
                assert set(alternation.split("|")) == types, query.name
    assert spelled >= 3  # neighbourhood, entity_profile, timeline
