"""Every saved query on a real store holding the news graph: results, paging, caps, safety."""

from __future__ import annotations

import csv
import io

import pytest
from live_server import count_graph, load_news_graph

from newsgraph.graph.query.registry import QueryRegistry, load_registry
from newsgraph.graph.query.results import to_csv, to_graph
from newsgraph.graph.stores import GraphStore

INJECTIONS = ("x'}) DETACH DELETE n //", "company:tesla' OR 1=1 //", '") MATCH (n) DELETE n //')


@pytest.fixture
def news(any_store: GraphStore) -> GraphStore:
    load_news_graph(any_store)
    return any_store


@pytest.fixture
def registry(any_store: GraphStore) -> QueryRegistry:
    return load_registry(any_store.engine)


def _run(registry: QueryRegistry, store: GraphStore, name: str, **params: object):  # type: ignore[no-untyped-def]
    return registry.run(store, name, params, row_cap=1000, timeout_ms=10_000)


def test_every_query_finds_something_with_its_example(
    news: GraphStore, registry: QueryRegistry
) -> None:
    for query in registry:
        page = registry.run(news, query.name, query.parse_text(query.example), row_cap=1000,
                            timeout_ms=10_000)  # fmt: skip
        assert page.rows, f"{query.name} returned no rows for {query.example}"
        assert len(page.columns) == len(page.rows[0])


def test_entity_search_matches_names_and_aliases_with_type_filter(
    news: GraphStore, registry: QueryRegistry
) -> None:
    assert _run(registry, news, "entity_search", q="tesla").rows[0][0] == "company:tesla"
    alias = _run(registry, news, "entity_search", q="premier")
    assert [r[0] for r in alias.rows] == ["person:li-qiang"]
    china = _run(registry, news, "entity_search", q="china", type="Regulator")
    assert [r[0] for r in china.rows] == ["regulator:cyberspace-administration-of-china"]
    assert (
        _run(registry, news, "entity_search", q="li", type="Official").rows[0][0]
        == "person:li-qiang"
    )


def test_entity_profile_groups_relations_with_counts_and_sources(
    news: GraphStore, registry: QueryRegistry
) -> None:
    page = _run(registry, news, "entity_profile", id="company:tesla")
    rows = {(r["relation"], r["direction"]): r for r in _records(page)}
    located = rows[("LOCATED_IN", "out")]
    assert located["relations"] == 2 and set(located["partners"]) == {"Shanghai", "Lingang"}
    assert sorted(located["sources"]) == ["doc-b", "doc-c"] and located["evidence"] == 3
    assert rows[("LEADS", "in")]["partners"] == ["Elon Musk"]
    assert rows[("LOCATED_IN", "out")]["aliases"] == ["Tesla", "Tesla Inc."]


def _records(page):  # type: ignore[no-untyped-def]
    return [dict(zip(page.columns, row, strict=True)) for row in page.rows]


def test_neighbourhood_depth_and_type_filter(news: GraphStore, registry: QueryRegistry) -> None:
    one = {r["id"] for r in _records(_run(registry, news, "neighbourhood", id="company:tesla"))}
    assert "place:shanghai" in one and "place:china" not in one
    two = _records(_run(registry, news, "neighbourhood", id="company:tesla", depth=2,
                        types=["LOCATED_IN"]))  # fmt: skip
    assert {r["id"] for r in two} == {"place:shanghai", "place:lingang", "place:china"}
    assert all(set(r["via"]) == {"LOCATED_IN"} for r in two)


def test_restrictions_reach_through_locations(news: GraphStore, registry: QueryRegistry) -> None:
    rows = _records(_run(registry, news, "restrictions_on", id="company:tesla"))
    found = {(r["id"], r["relation"], r["through"]) for r in rows}
    assert ("regulator:cyberspace-administration-of-china", "REGULATES", None) in found
    assert ("law:data-security-law", "APPLIES_IN", "China") in found
    assert ("place:united-states", "RESTRICTS", "China") in found
    nvidia = _records(_run(registry, news, "restrictions_on", id="company:nvidia"))
    assert {r["id"] for r in nvidia} == {
        "place:united-states",
        "regulator:us-department-of-commerce",
    }


def test_relation_queries(news: GraphStore, registry: QueryRegistry) -> None:
    partners = _run(registry, news, "partners_of", id="company:tesla")
    assert [r[0] for r in partners.rows] == ["company:baidu"]
    talks = _run(registry, news, "partners_of", id="company:tesla", include_talks=True)
    assert {r[0] for r in talks.rows} == {"company:baidu", "company:nvidia"}
    assert [r[0] for r in _run(registry, news, "competitors_of", id="company:byd").rows] == [
        "company:tesla"
    ]
    assert not _run(registry, news, "competitors_of", id="company:byd", min_evidence=2).rows
    located = _records(_run(registry, news, "located_in", id="company:tesla"))
    assert [(r["id"], r["hops"]) for r in located][-1] == ("place:china", 2)
    meetings = _records(_run(registry, news, "meetings", person="person:li-qiang"))
    assert [(m["person"], m["met"]) for m in meetings] == [("Elon Musk", "Li Qiang")]


def test_path_between_is_shortest_and_bounded(news: GraphStore, registry: QueryRegistry) -> None:
    rows = _records(
        _run(registry, news, "path_between", **{"from": "company:baidu", "to": "place:china"})
    )
    assert rows and all(r["hops"] == 3 for r in rows)
    assert not _run(registry, news, "path_between", max_length=2,
                    **{"from": "company:baidu", "to": "place:china"}).rows  # fmt: skip


def test_evidence_documents_timeline_corroboration(
    news: GraphStore, registry: QueryRegistry
) -> None:
    params = {"from": "place:shanghai", "to": "company:tesla", "type": "LOCATED_IN"}
    evidence = _records(_run(registry, news, "evidence_for", **params))
    assert [e["document"] for e in evidence] == ["doc-c", "doc-b"]  # newest first
    assert all(
        e["sentence"] == "Tesla located in Shanghai." and e["end"] > e["start"] for e in evidence
    )
    docs = _records(_run(registry, news, "documents_mentioning", id="company:tesla"))
    assert [d["published"] for d in docs] == ["2024-05-02", "2024-04-29", "2024-04-28"]
    timeline = _records(_run(registry, news, "timeline", id="company:tesla", since="2024-05-01"))
    assert timeline and all(t["date"] >= "2024-05-01" for t in timeline)
    single = _records(_run(registry, news, "corroboration", corroborated=False))
    assert single and all(r["documents"] < 2 and r["corroborated"] is False for r in single)
    top = _records(_run(registry, news, "top_entities", type="Company"))
    assert top[0]["id"] == "company:tesla" and {t["type"] for t in top} == {"Company"}


def test_limit_offset_and_row_cap_report_truncation(
    news: GraphStore, registry: QueryRegistry
) -> None:
    full = _run(registry, news, "top_entities")
    assert len(full.rows) == 15 and not full.truncated
    page = _run(registry, news, "top_entities", limit=5, offset=5)
    assert page.rows == full.rows[5:10] and page.truncated
    capped = registry.run(news, "top_entities", {}, row_cap=3, timeout_ms=10_000)
    assert len(capped.rows) == 3 and capped.truncated and capped.limit == 3


def test_results_as_graph_and_csv(news: GraphStore, registry: QueryRegistry) -> None:
    page = _run(registry, news, "neighbourhood", id="company:tesla", depth=2)
    graph = to_graph(page)
    ids = [n["element_id"] for n in graph["nodes"]]
    assert len(ids) == len(set(ids)) and len(graph["edges"]) == len(
        {e["element_id"] for e in graph["edges"]}
    )
    assert all(e["start"] in ids and e["end"] in ids for e in graph["edges"])
    tesla = next(n for n in graph["nodes"] if n["id"] == "company:tesla")
    assert "Company" in tesla["labels"] and tesla["properties"]["name"] == "Tesla"
    table = list(csv.reader(io.StringIO(to_csv(page.columns, page.rows))))
    assert table[0] == page.columns and len(table) == len(page.rows) + 1


def test_hostile_values_are_only_ever_values(news: GraphStore, registry: QueryRegistry) -> None:
    before = count_graph(news)
    for query in registry:
        for text in INJECTIONS:
            raw = {p.name: text for p in query.params if p.kind in ("string", "search")}
            registry.run(news, query.name, query.parse_text({**query.example, **raw}),
                         row_cap=10, timeout_ms=10_000)  # fmt: skip
    assert count_graph(news) == before
