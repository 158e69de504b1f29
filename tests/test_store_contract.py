"""The store contract: the same tests on the embedded FalkorDB and (when configured) Neo4j."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.errors import QueryTimeoutError, SchemaError
from newsgraph.graph.stores import GraphStore, explain, ping
from newsgraph.graph.stores.base import WRITE_COUNTERS

FIXTURES = Path(__file__).parent / "fixtures" / "cypher"


def cypher(name: str) -> str:
    """The text of a contract-test statement."""
    return parse_cypher_file(FIXTURES / f"{name}.cypher", name).text


def _seed(store: GraphStore) -> None:
    rows = [{"id": "company:acme", "name": "Acme"}, {"id": "company:globex", "name": "Globex"}]
    store.write(
        [
            (cypher("contract_write"), {"rows": rows}),
            (cypher("contract_link"), {"a": "company:acme", "b": "company:globex",
                                       "sources": ["doc-1", "doc-2"]}),
        ]
    )  # fmt: skip


def test_write_then_read_back_as_plain_values(any_store: GraphStore) -> None:
    _seed(any_store)
    result = any_store.run(cypher("contract_read"))
    assert result.columns == ["a", "r", "b", "a_id", "sources"]
    assert len(result.rows) == 1
    a, r, b, a_id, sources = result.rows[0]
    assert a_id == "company:acme" and sources == ["doc-1", "doc-2"]
    assert a["id"] == "company:acme" and a["labels"] == ["Entity"]
    assert a["properties"]["name"] == "Acme"
    assert r["type"] == "PARTNERS_WITH"
    assert (r["start"], r["end"]) == (a["element_id"], b["element_id"])
    assert b["properties"] == {"id": "company:globex", "name": "Globex", "created": 1}


def test_merge_is_idempotent(any_store: GraphStore) -> None:
    _seed(any_store)
    _seed(any_store)
    counts = any_store.run("MATCH (n:Entity) RETURN count(n) AS n, max(n.matched) AS m")
    assert counts.rows == [[2, 1]]
    edges = any_store.run("MATCH ()-[r:PARTNERS_WITH]->() RETURN count(r)")
    assert edges.scalar() == 1


def test_write_reports_counters(any_store: GraphStore) -> None:
    results = any_store.write([(cypher("contract_write"), {"rows": [{"id": "x:1", "name": "X"}]})])
    assert results[0].stats["nodes_created"] == 1
    assert set(results[0].stats) == set(WRITE_COUNTERS)  # the same keys on every engine


def test_read_transactions_refuse_writes(any_store: GraphStore) -> None:
    with pytest.raises(SchemaError):
        any_store.run("CREATE (n:Entity {id: 'sneaky'})")
    assert any_store.run("MATCH (n:Entity {id: 'sneaky'}) RETURN count(n)").scalar() == 0


def test_paths_come_back_as_nodes_and_relationships(any_store: GraphStore) -> None:
    _seed(any_store)
    path = any_store.run(cypher("contract_path"), {"a": "company:acme", "b": "company:globex"})
    value = path.scalar()
    assert [n["id"] for n in value["nodes"]] == ["company:acme", "company:globex"]
    assert [r["type"] for r in value["relationships"]] == ["PARTNERS_WITH"]


def test_timeout_is_a_typed_error(any_store: GraphStore) -> None:
    with pytest.raises(QueryTimeoutError):
        any_store.run(cypher("contract_slow"), timeout_ms=5)


def test_invalid_query_is_a_schema_error_naming_the_problem(any_store: GraphStore) -> None:
    with pytest.raises(SchemaError, match="m"):
        any_store.run("MATCH (n) RETURN m")
    with pytest.raises(SchemaError):
        explain(any_store, "MATCH (n) RETURN m")


def test_explain_plans_without_running(any_store: GraphStore) -> None:
    plan = explain(any_store, cypher("contract_write"), {"rows": [{"id": "p:1", "name": "P"}]})
    assert plan
    assert any_store.run("MATCH (n:Entity) RETURN count(n)").scalar() == 0


def test_parameters_are_bound_not_pasted(any_store: GraphStore) -> None:
    hostile = "x'}) DETACH DELETE n //"
    _seed(any_store)
    any_store.write([(cypher("contract_write"), {"rows": [{"id": hostile, "name": '"; DROP'}]})])
    assert any_store.run("MATCH (n:Entity) RETURN count(n)").scalar() == 3
    found = any_store.run("MATCH (n:Entity {id: $id}) RETURN n.name", {"id": hostile})
    assert found.scalar() == '"; DROP'


def test_ping(any_store: GraphStore) -> None:
    assert ping(any_store) is True


def test_trailing_semicolon_file_runs(any_store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "semi.cypher"
    path.write_text("// title: Semicolon\nRETURN 1 AS one;\n")
    assert any_store.run(parse_cypher_file(path, "semi").text).scalar() == 1


def test_explain_of_ddl_returns_a_plan(falkordb_store: GraphStore) -> None:
    # FalkorDB answers EXPLAIN of DDL with a bare string rather than a plan array.
    statement = falkordb_store.library.get("schema/falkordb/01_entity_id")
    assert explain(falkordb_store, statement.text) == ["Create Index"]


def test_write_batches_run_while_the_caller_goes_on(any_store: GraphStore) -> None:
    rows = [{"id": f"c:{i}", "name": f"C{i}"} for i in range(50)]
    batches = iter([[(cypher("contract_write"), {"rows": rows}),
                     (cypher("contract_write"), {"rows": rows[:1]})],
                    [(cypher("contract_write"), {"rows": rows[:2]})]])  # fmt: skip
    written = any_store.write_batches(batches)
    results = next(written)
    assert [r.stats["nodes_created"] for r in results] == [50, 0]
    assert any_store.run("MATCH (n:Entity) RETURN count(n)").scalar() == 50
    second = next(written)
    assert second[0].stats["nodes_created"] == 0
    assert next(written, None) is None


def test_write_batches_stopped_early_leave_the_store_usable(any_store: GraphStore) -> None:
    rows = [{"id": f"s:{i}", "name": f"S{i}"} for i in range(3)]
    written = any_store.write_batches([(cypher("contract_write"), {"rows": [row]})] for row in rows)
    assert next(written)[0].stats["nodes_created"] == 1
    written.close()  # the batch in flight (if any) is read, not left on a connection
    _seed(any_store)
    assert any_store.run("MATCH (n:Entity {id: 'company:acme'}) RETURN n.name").scalar() == "Acme"


def test_write_batches_failure_is_raised_and_the_store_stays_usable(
    any_store: GraphStore,
) -> None:
    steps = [(cypher("contract_write"), {"rows": [{"id": "ok:1", "name": "Ok"}]}),
             ("MATCH (n:Entity) SET n.x = m", {})]  # fmt: skip
    with pytest.raises(SchemaError, match="m"):
        list(any_store.write_batches([steps]))
    # the connection it used is not handed out with unread replies: the next calls work
    _seed(any_store)
    assert any_store.run("MATCH (n:Entity {id: 'company:acme'}) RETURN n.name").scalar() == "Acme"


def _on_a_loop(store: GraphStore, call: Callable[[], Awaitable[Any]]) -> Any:
    """``call`` on a fresh event loop (the loop's connections are closed with the store)."""
    return asyncio.run(call())  # type: ignore[arg-type]


def test_run_async_reads_what_run_reads(any_store: GraphStore) -> None:
    _seed(any_store)
    text = cypher("contract_read")
    expected = any_store.run(text)
    got = _on_a_loop(any_store, lambda: any_store.run_async(text))
    assert (got.columns, got.rows) == (expected.columns, expected.rows)
    # a second event loop gets its own connections
    again = _on_a_loop(any_store, lambda: any_store.run_async("RETURN $x AS x", {"x": [1, "a"]}))
    assert again.rows == [[[1, "a"]]]


def test_run_async_errors_are_typed(any_store: GraphStore) -> None:
    with pytest.raises(QueryTimeoutError):
        _on_a_loop(any_store, lambda: any_store.run_async(cypher("contract_slow"), timeout_ms=5))
    with pytest.raises(SchemaError):
        _on_a_loop(any_store, lambda: any_store.run_async("CREATE (n:Entity {id: 'sneaky'})"))
    assert any_store.run("MATCH (n:Entity {id: 'sneaky'}) RETURN count(n)").scalar() == 0


def test_read_pages_reads_while_the_caller_goes_on(any_store: GraphStore) -> None:
    _seed(any_store)
    text = cypher("contract_read")
    expected = any_store.run(text)
    pages = any_store.read_pages([(text, {}), ("RETURN $x AS x", {"x": [1, "a", 2.5, None]})])
    got = next(pages)  # the second read is in flight meanwhile
    assert (got.columns, got.rows) == (expected.columns, expected.rows)
    assert next(pages).rows == [[[1, "a", 2.5, None]]]
    assert next(pages, None) is None
    stopped = any_store.read_pages([("RETURN $x AS x", {"x": n}) for n in range(3)])
    assert next(stopped).rows == [[0]]
    stopped.close()  # what is in flight is read and dropped
    assert any_store.run("RETURN 7 AS x").rows == [[7]]


def test_read_pages_failure_is_raised_and_the_store_stays_usable(
    any_store: GraphStore,
) -> None:
    with pytest.raises(QueryTimeoutError):
        next(any_store.read_pages([(cypher("contract_slow"), {})], timeout_ms=5))
    with pytest.raises(SchemaError):
        next(any_store.read_pages([("CREATE (n:Entity {id: 'sneaky'})", {})]))
    with pytest.raises(SchemaError, match="m"):
        next(any_store.read_pages([("MATCH (n) RETURN m", {})]))
    # no connection is handed out with unread replies: the next calls work
    _seed(any_store)
    assert any_store.run("MATCH (n:Entity {id: 'company:acme'}) RETURN n.name").scalar() == "Acme"
    assert any_store.run("MATCH (n:Entity {id: 'sneaky'}) RETURN count(n)").scalar() == 0


def test_maps_and_booleans_come_back_plain(any_store: GraphStore) -> None:
    _seed(any_store)
    result = any_store.run(
        "MATCH (a:Entity {id: $id}) RETURN {name: a.name, ok: true, n: [1.5, false]} AS m",
        {"id": "company:acme"},
    )
    assert result.rows == [[{"name": "Acme", "ok": True, "n": [1.5, False]}]]


def test_dates_are_date_values_read_back_as_iso_text(any_store: GraphStore) -> None:
    """A ``date`` stored by either engine compares, orders and takes durations as a date,
    and every store returns it (alone, in a list, in a node) as ``YYYY-MM-DD`` text."""
    any_store.write([("CREATE (:Entity {id: 'd:1', first_seen: date($d), seen: [date($d)]})",
                      {"d": "2024-02-28"})])  # fmt: skip
    row = any_store.run(
        "MATCH (e:Entity {id: 'd:1'}) RETURN e.first_seen, e.first_seen + duration({days: 1}), "
        "e.seen, toString(e.first_seen) = e.first_seen, e.first_seen < date('2024-03-01'), "
        "e.first_seen = '2024-02-28', e"
    ).rows[0]
    assert row[:6] == ["2024-02-28", "2024-02-29", ["2024-02-28"], False, True, False]
    assert row[6]["properties"]["first_seen"] == "2024-02-28"
