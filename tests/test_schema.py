"""The schema file, its validation, and the one place names enter Cypher."""

from __future__ import annotations

import pytest

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.schema import load_schema, parse_schema, quote_name

ONTOLOGY_LABELS = {"Company", "Person", "Official", "Regulator", "Place", "Law", "Product"}
ONTOLOGY_RELATIONS = {
    "MET_WITH", "RESTRICTS", "PARTNERS_WITH", "IN_TALKS_WITH", "LOCATED_IN", "LEADS",
    "WORKS_FOR", "COMPETES_WITH", "VISITED", "MAKES", "APPLIES_IN", "REGULATES",
}  # fmt: skip


def test_schema_has_the_ontology() -> None:
    schema = load_schema()
    assert set(schema.labels) == ONTOLOGY_LABELS
    assert set(schema.relations) == ONTOLOGY_RELATIONS
    assert schema.symmetric == {"MET_WITH", "PARTNERS_WITH", "IN_TALKS_WITH", "COMPETES_WITH"}
    assert schema.label("Official").labels == ("Entity", "Person", "Official")


@pytest.mark.parametrize(
    ("relation", "source", "target", "allowed"),
    [
        ("MET_WITH", "Official", "Person", True),
        ("MET_WITH", "Company", "Person", False),
        ("RESTRICTS", "Place", "Company", True),
        ("RESTRICTS", "Company", "Company", False),
        ("COMPETES_WITH", "Company", "Company", True),
        ("COMPETES_WITH", "Product", "Product", True),
        ("COMPETES_WITH", "Company", "Product", False),
        ("LEADS", "Official", "Place", True),
        ("APPLIES_IN", "Law", "Place", True),
        # symmetric types have no direction: stored in sorted-id order, either will do
        ("PARTNERS_WITH", "Regulator", "Company", True),
        ("PARTNERS_WITH", "Company", "Regulator", True),
        ("PARTNERS_WITH", "Regulator", "Regulator", False),
        ("IN_TALKS_WITH", "Company", "Person", True),
        ("APPLIES_IN", "Place", "Law", False),
    ],
)
def test_endpoint_rules(relation: str, source: str, target: str, allowed: bool) -> None:
    assert load_schema().allows(relation, source, target) is allowed


def test_check_relation_names_the_problem() -> None:
    with pytest.raises(SchemaError, match="MAKES cannot join Person to Product"):
        load_schema().check_relation("MAKES", "Person", "Product")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"labels": {}}, "needs 'labels' and 'relations'"),
        ({"labels": {"bad label": {}}, "relations": {}}, "bad label name"),
        ({"labels": {"A": {"also": ["B"]}}, "relations": {}}, "unknown label 'B'"),
        ({"labels": {"A": {}}, "relations": {"R": {"from": ["A"], "to": ["Z"]}}}, "unknown labels"),
        ({"labels": {"A": {}}, "relations": {"R": {"from": "A", "to": ["A"]}}}, "list of label"),
    ],
)
def test_bad_schemas_are_rejected(data: dict, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_schema(data, "test.yaml")


def test_quote_name_allows_schema_names_only() -> None:
    assert quote_name("Company") == "`Company`"
    assert quote_name("MET_WITH") == "`MET_WITH`"
    assert quote_name("Entity") == "`Entity`"


@pytest.mark.parametrize(
    "hostile",
    ["Company`) DETACH DELETE n //", "Company:Person", "`Company`", "company", "", "MET_WITH|X"],
)
def test_quote_name_refuses_injection(hostile: str) -> None:
    with pytest.raises(SchemaError):
        quote_name(hostile)
