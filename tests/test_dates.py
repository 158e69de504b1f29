"""Dates are Cypher date values: written so, migrated from text, filtered by typed
parameters, returned as ISO text, indexed. Portable checks run on every engine
(``any_store``); the engine's own type names are checked per engine."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import NEO4J_URL
from live_server import FIXTURE, load_news_graph, serve
from test_export_formats import assert_dates_are_dates, date_types
from test_ingest_writer import MET, PARTNER, RIVAL, article, extracted

from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.migrations import ensure_schema, migrate_dates, migrate_store
from newsgraph.graph.model import ExtractedDocument
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, GraphStore, Neo4jStore, explain
from newsgraph.ingest.dates import iso_date, published_text
from newsgraph.ingest.writer import GraphWriter

TODAY = dt.datetime.now(dt.UTC).date().isoformat()
PUBLISHED = "MATCH (d:Document) RETURN d.id, d.published ORDER BY d.id"


def _documents() -> list[ExtractedDocument]:
    """Four articles: an ISO date, a timestamp, no date, free text."""
    met = ("Elon Musk", "Person", "MET_WITH", "Li Qiang", "Official", MET)
    partner = ("Tesla", "Company", "PARTNERS_WITH", "Baidu", "Company", PARTNER)
    rival = ("BYD", "Company", "COMPETES_WITH", "Tesla", "Company", RIVAL)
    return [
        extracted(article("a", [MET, PARTNER], "2024-04-29"), [met, partner]),
        extracted(article("b", [RIVAL, PARTNER], "2024-05-01T08:30:00+02:00"), [rival, partner]),
        extracted(article("c", [RIVAL], None), [rival]),  # type: ignore[arg-type]
        extracted(article("d", [MET], "spring 2024"), [met]),
    ]


def test_iso_date_keeps_only_real_dates() -> None:
    assert iso_date("2024-05-01T08:30:00Z") == "2024-05-01"
    assert iso_date("2024-02-29") == "2024-02-29"
    assert [iso_date(t) for t in ("2023-02-29", "2024-13-01", "spring 2024", "", None)] == [
        None, None, None, None, None]  # fmt: skip


def test_publication_dates_as_feeds_and_pages_write_them() -> None:
    written = {
        "Wed, 01 May 2024 08:30:00 GMT": "2024-05-01",  # RSS (RFC 2822)
        "Tue, 3 Dec 2024 23:30:00 -0800": "2024-12-03",  # the calendar day written
        "1 May 2024": "2024-05-01", "May 1, 2024": "2024-05-01",
        "May 1st, 2024": "2024-05-01", "3 Dec. 2024": "2024-12-03",
    }  # fmt: skip
    assert {t: iso_date(t) for t in written} == written
    assert iso_date("1 Smarch 2024") is None and iso_date("13/13/2024") is None


def test_the_sources_own_publication_text_is_kept(any_store: GraphStore) -> None:
    assert published_text("2024-05-01") is None  # the date says it all
    assert published_text(" spring 2024 ") == "spring 2024"
    GraphWriter(any_store).write(_documents())
    rows = any_store.run(
        "MATCH (d:Document) RETURN d.id, d.published_text ORDER BY d.id"
    ).rows
    assert rows == [["a", None], ["b", "2024-05-01T08:30:00+02:00"], ["c", None],
                    ["d", "spring 2024"]]  # fmt: skip


def test_written_dates_are_date_values(any_store: GraphStore) -> None:
    GraphWriter(any_store).write(_documents())
    counts = assert_dates_are_dates(any_store)
    assert counts["document"] == 2 and counts["evidence"] == 6
    assert any_store.run(PUBLISHED).rows == [
        ["a", "2024-04-29"], ["b", "2024-05-01"], ["c", None], ["d", None]]  # fmt: skip
    day_after = any_store.run(
        "MATCH (d:Document {id: 'a'}) RETURN d.published + duration({days: 2}) AS later, "
        "d.published < date('2024-05-01') AS before"
    )  # date arithmetic and comparison: both engines; returned as ISO text
    assert day_after.rows == [["2024-05-01", True]]
    tesla = any_store.run(
        "MATCH (e:Entity {id: 'company:tesla'}) RETURN e.first_seen, e.last_seen"
    ).rows  # a and b dated, c dated by the day it was written
    assert tesla == [["2024-04-29", TODAY]]
    partners = any_store.run(
        "MATCH (:Entity {id: 'company:tesla'})-[r:PARTNERS_WITH]-(:Entity) "
        "RETURN r.first_seen, r.last_seen, r.source_dates"
    ).rows
    assert partners == [["2024-04-29", "2024-05-01", ["2024-04-29", "2024-05-01"]]]


def test_replay_and_retraction_keep_dates(any_store: GraphStore) -> None:
    writer = GraphWriter(any_store)
    writer.write(_documents())
    writer.write(_documents())  # set-like: nothing changes
    stored = {"b": ["company:byd", "company:tesla", "company:baidu"]}
    writer.write([_documents()[1]], retract=stored)  # b rewritten after a retraction
    assert_dates_are_dates(any_store)
    writer.forget({"c": ["company:byd", "company:tesla"]})
    assert_dates_are_dates(any_store)
    tesla = any_store.run("MATCH (e:Entity {id: 'company:tesla'}) RETURN e.first_seen, e.last_seen")
    assert tesla.rows == [["2024-04-29", "2024-05-01"]]  # refresh_entities: min/max of dates


def test_falkordb_stores_its_date_type(falkordb_store: FalkorDBStore) -> None:
    GraphWriter(falkordb_store).write(_documents())
    kinds = falkordb_store.run(
        "MATCH (d:Document {id: 'a'})-[m:MENTIONS]->(e:Entity {id: 'company:tesla'}), "
        "(d)-[:STATES]->(v:Evidence), (e)-[r:PARTNERS_WITH]-() "
        "RETURN DISTINCT typeOf(d.published), typeOf(m.date), typeOf(e.first_seen), "
        "typeOf(v.date), typeOf(r.last_seen), typeOf(r.source_dates[0])"
    )
    assert kinds.rows == [["Date"] * 6]


@pytest.mark.neo4j
@pytest.mark.skipif(not NEO4J_URL, reason="NEWSGRAPH_TEST_NEO4J_URL not set")
def test_neo4j_stores_its_date_type() -> None:
    store = Neo4jStore(
        NEO4J_URL,
        user=os.environ.get("NEWSGRAPH_TEST_NEO4J_USER", "neo4j"),
        password=os.environ.get("NEWSGRAPH_TEST_NEO4J_PASSWORD", "newsgraph"),
        database=os.environ.get("NEWSGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
    )
    delete_all = store.library.get("admin/delete_all").text
    try:
        store.write([(delete_all, {})])
        ensure_schema(store)
        GraphWriter(store).write(_documents())
        kinds = store.run(
            "MATCH (d:Document {id: 'a'})-[m:MENTIONS]->(e:Entity {id: 'company:tesla'}), "
            "(d)-[:STATES]->(v:Evidence), (e)-[r:PARTNERS_WITH]-() "
            "RETURN DISTINCT valueType(d.published), valueType(m.date), valueType(e.first_seen), "
            "valueType(v.date), valueType(r.last_seen), valueType(r.source_dates)"
        )
        assert kinds.rows == [["DATE NOT NULL"] * 5 + ["LIST<DATE NOT NULL> NOT NULL"]]
        index = store.run(
            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties "
            "WHERE name = 'document_published' RETURN type, labelsOrTypes, properties"
        )
        assert index.rows == [["RANGE", ["Document"], ["published"]]]
    finally:
        store.write([(delete_all, {})])
        store.close()


def test_date_ranges_use_the_published_index(falkordb_store: FalkorDBStore) -> None:
    GraphWriter(falkordb_store).write(_documents())
    text = "MATCH (d:Document) WHERE d.published >= date($since) RETURN d.id ORDER BY d.id"
    assert falkordb_store.run(text, {"since": "2024-05-01"}).rows == [["b"]]
    assert any("Index Scan" in line for line in explain(falkordb_store, text, {"since": "x"}))


def test_migration_turns_text_dates_into_dates_once(any_store: GraphStore) -> None:
    any_store.write([(parse_cypher_file(FIXTURE, "news_graph").text, {})])  # text dates
    any_store.write([(
        "CREATE (:Document {id: 'odd-1', published: '2024-05-03T10:00:00Z'}), "
        "(:Document {id: 'odd-2', published: 'spring 2024'}), "
        "(:Document {id: 'odd-3', published: '2023-02-29'}), (:Document {id: 'odd-4'})", {}
    )])  # fmt: skip
    migrate_store(any_store)  # the evidence-record shape first, as ensure_schema runs them
    before = date_types(any_store)
    assert before["entity_text"] == before["entity"] > 0 and before["evidence_text"] > 0
    assert migrate_dates(any_store) is True
    after = assert_dates_are_dates(any_store)
    assert {k: after[k] for k in after if not k.endswith("_text")} == {
        **{k: before[k] for k in before if not k.endswith("_text")}, "document": 4}
    published = dict(map(tuple, any_store.run(PUBLISHED).rows))  # type: ignore[arg-type]
    assert (published["doc-a"], published["odd-1"]) == ("2024-04-28", "2024-05-03")
    assert published["odd-2"] is None and published["odd-3"] is None  # not dates: dropped
    snapshot = any_store.run(
        "MATCH (e:Entity) RETURN e.id, e.first_seen, e.last_seen ORDER BY e.id").rows
    assert migrate_dates(any_store) is False  # nothing left: a no-op
    assert "admin/migrate_dates" not in ensure_schema(any_store)
    assert any_store.run(
        "MATCH (e:Entity) RETURN e.id, e.first_seen, e.last_seen ORDER BY e.id").rows == snapshot


def test_saved_queries_filter_by_date_parameters(any_store: GraphStore) -> None:
    load_news_graph(any_store)
    registry = load_registry(any_store.engine)

    def rows(name: str, **params: object) -> list[dict]:
        page = registry.run(any_store, name, params, row_cap=100, timeout_ms=10_000)
        return [dict(zip(page.columns, row, strict=True)) for row in page.rows]

    docs = rows("documents_mentioning", id="company:tesla", since="2024-04-29")
    assert [d["published"] for d in docs] == ["2024-05-02", "2024-04-29"]  # ISO text out
    docs = rows("documents_mentioning", id="company:tesla", until="2024-04-29")
    assert [d["id"] for d in docs] == ["doc-b", "doc-a"]
    docs = rows("documents_mentioning", id="company:tesla", since="2024-04-29",
                until="2024-04-29")  # fmt: skip
    assert [d["id"] for d in docs] == ["doc-b"]
    timeline = rows("timeline", id="company:tesla", since="2024-04-29", until="2024-04-29")
    assert timeline and {t["date"] for t in timeline} == {"2024-04-29"}
    meetings = rows("meetings", since="2024-04-29")
    assert [m["last_seen"] for m in meetings] == ["2024-04-29"]
    assert not rows("meetings", since="2024-04-30")
    for bad in ("2024-02-30", "29/04/2024", "2024-4-29", "yesterday", 20240429):
        with pytest.raises(BadParameterError, match=r"'since'.*ISO date") as caught:
            rows("documents_mentioning", id="company:tesla", since=bad)
        assert caught.value.details == {"param": "since"}


def test_date_parameters_over_http(falkordb_store: FalkorDBStore) -> None:
    load_news_graph(falkordb_store)
    with serve(falkordb_store, Settings(row_cap=100)) as live, live.client() as http:
        got = http.get("/queries/documents_mentioning",
                       params={"id": "company:tesla", "since": "2024-04-29", "shape": "objects"})
        posted = http.post("/queries/timeline",
                           json={"id": "company:tesla", "until": "2024-04-28"})
        bad = http.get("/queries/timeline", params={"id": "company:tesla", "since": "2024-13-01"})
        bad_post = http.post("/queries/meetings", json={"since": "last week"})
        catalogue = {q["name"]: q for q in http.get("/queries").json()}
        schema = http.get("/openapi.json").json()
    assert got.status_code == 200, got.text
    assert [r["published"] for r in got.json()["rows"]] == ["2024-05-02", "2024-04-29"]
    assert posted.status_code == 200 and {r[0] for r in posted.json()["rows"]} == {"2024-04-28"}
    for response in (bad, bad_post):
        assert response.status_code == 422, response.text  # the project's bad-parameter status
        error = response.json()["error"]
        assert error["code"] == "bad_parameter" and "'since'" in error["message"]
        assert "YYYY-MM-DD" in error["message"]
    since = next(p for p in catalogue["timeline"]["parameters"] if p["name"] == "since")
    assert (since["type"], since["nullable"]) == ("date", True)
    parameters = schema["paths"]["/queries/timeline"]["get"]["parameters"]
    declared = next(p for p in parameters if p["name"] == "since")["schema"]
    assert {"type": "string", "format": "date"} in declared["anyOf"]
