"""The compact-reply decoder gives the same plain values as the ``falkordb`` client's own
parser followed by newsgraph's conversion, for every kind of value a query returns."""

from __future__ import annotations

from typing import Any

from falkordb.query_result import parse_scalar

from newsgraph.graph.stores import FalkorDBStore
from newsgraph.graph.stores.falkordb_decode import decode_columns
from newsgraph.graph.stores.falkordb_store import _convert

SETUP = """
CREATE (a:Entity:Company {id: 'company:acme', name: 'Acme', aliases: ['Acme', 'ACME Corp'],
                          score: 0.75, listed: true, founded: date('1999-03-04'),
                          seen: localdatetime('2024-05-06T07:08:09'), n: 3})
CREATE (b:Entity:Person {id: 'person:ada', name: 'Ada', aliases: []})
CREATE (c:Entity:Place {id: 'place:kent', name: 'Kent'})
CREATE (a)-[:PARTNERS_WITH {sources: ['d1', 'd2'], evidence_count: 2, confidence: 0.9,
                            first_seen: date('2024-01-02'), negated: false}]->(b)
CREATE (b)-[:LOCATED_IN]->(c)
"""

QUERIES = [
    "MATCH (n:Entity) RETURN n ORDER BY n.id",
    "MATCH ()-[r]->() RETURN r, type(r) ORDER BY type(r)",
    "MATCH p = (:Company)-[*1..2]-(x) RETURN p, length(p) ORDER BY length(p), x.id",
    "MATCH p = (:Company)-[*1..2]-(x) WITH p, x ORDER BY length(p), x.id"
    " RETURN [n IN nodes(p) | n] AS ns, relationships(p) AS rs,"
    " {start: head(nodes(p)), hops: length(p), p: p} AS m",
    "MATCH (n:Entity) RETURN n.id, n.score, n.listed, n.founded, n.seen, n.aliases, {k: n.n}"
    " ORDER BY n.id",
    "MATCH (n:Entity {id: 'nobody'}) RETURN n",
    # columns decoded a column at a time: nulls beside arrays, dates and doubles
    "MATCH (n:Entity) RETURN n.aliases, n.founded, n.score, n.seen, n.listed ORDER BY n.id",
    # a column of mixed kinds, and arrays holding nulls, doubles and dates
    "UNWIND [1, 'a', null, 2.5, true, [1, 'b', null], date('2024-01-02'), {k: [2.5]}] AS x"
    " RETURN x, [x, null], [2.5, x] AS y",
    "UNWIND range(1, 3) AS i RETURN ['Entity', 'Company'] AS labels, [] AS none, null AS n",
]


def _client_decoding(store: FalkorDBStore, raw_rows: list[list[Any]]) -> list[list[Any]]:
    return [[_convert(parse_scalar(cell, store._graph)) for cell in row] for row in raw_rows]


def test_nodes_edges_paths_and_scalars_decode_as_the_client_does(
    falkordb_store: FalkorDBStore,
) -> None:
    falkordb_store.write([(SETUP, {})])
    for statement in QUERIES:
        reply = falkordb_store._command(*falkordb_store._read_args(statement, {}, None))
        raw_rows = reply[1]
        columns = decode_columns(raw_rows, falkordb_store._graph, _convert)
        ours = [list(row) for row in zip(*columns, strict=True)]
        assert ours == _client_decoding(falkordb_store, raw_rows), statement
    paths = falkordb_store.run(QUERIES[2]).rows
    assert paths, "the fixture graph has paths"
    first = paths[0][0]
    assert [n["id"] for n in first["nodes"]] == ["company:acme", "person:ada"]
    assert first["relationships"][0]["type"] == "PARTNERS_WITH"
    assert first["relationships"][0]["properties"]["first_seen"] == "2024-01-02"
    assert first["nodes"][0]["labels"] == ["Company", "Entity"]


def test_property_keys_created_after_the_cache_was_filled_are_resolved(
    falkordb_store: FalkorDBStore,
) -> None:
    falkordb_store.write([(SETUP, {})])
    falkordb_store.run("MATCH (n) RETURN n")  # fills the client's schema cache
    falkordb_store.write([("MATCH (n:Company) SET n.brand_new_key = 'x'", {})])
    falkordb_store.write([("CREATE (:Brand_New_Label {other_new_key: 1})", {})])
    rows = falkordb_store.run(
        "MATCH (n) WHERE n.brand_new_key IS NOT NULL OR n:Brand_New_Label "
        "RETURN n ORDER BY coalesce(n.other_new_key, 0)"
    ).rows
    assert rows[0][0]["properties"]["brand_new_key"] == "x"
    assert rows[1][0]["labels"] == ["Brand_New_Label"]
    assert rows[1][0]["properties"] == {"other_new_key": 1}


def test_strings_in_arrays_are_shared_between_rows(falkordb_store: FalkorDBStore) -> None:
    rows = falkordb_store.run("UNWIND range(1, 3) AS i RETURN ['Entity', 'Company' + ''] AS l").rows
    assert rows == [[["Entity", "Company"]]] * 3
    assert rows[0][0][1] is rows[2][0][1]
