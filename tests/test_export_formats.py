"""to_networkx and the file formats, read back with networkx's own readers (and csv)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.export.files import LIST_SEPARATOR
from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.stores import GraphStore

FIXTURES = Path(__file__).parent / "fixtures" / "export"


def run_fixture(store: GraphStore, name: str) -> list[dict]:
    """Run a test-only statement of tests/fixtures/export (write or read)."""
    cypher = parse_cypher_file(FIXTURES / f"{name}.cypher", name)
    if cypher.mode == "write":
        store.write([(cypher.text, {})])
        return []
    return store.run(cypher.text).records()


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The session FalkorDB with the small export graph written in."""
    run_fixture(falkordb_store, "small_graph")
    return falkordb_store


def cypher_counts(store: GraphStore) -> dict[str, int]:
    """Entities, documents, relations and mentions, counted by Cypher."""
    counts = store.run(store.library.get("admin/counts").text).records()[0]
    return {**counts, **run_fixture(store, "count_relations")[0]}


def date_types(store: GraphStore) -> dict[str, int]:
    """How many dated values of each kind the store holds (``entity``, ``document``, ...)
    and how many of them are text (``entity_text``, ...): 0 where dates are date values."""
    return run_fixture(store, "date_types")[0]


def assert_dates_are_dates(store: GraphStore) -> dict[str, int]:
    """Every dated property is a date value (and there are some); the counts."""
    counts = date_types(store)
    assert {k: v for k, v in counts.items() if k.endswith("_text")} == dict.fromkeys(
        ("entity_text", "document_text", "mention_text", "evidence_text", "relation_text"), 0
    ), counts
    assert counts["entity"] and counts["relation"], counts
    return counts


def joined(value: object) -> object:
    """A networkx attribute as the files hold it: lists joined, dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def as_text(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes with dates as ISO text, as JSON (which has no date type) holds them."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in attrs.items()}


def test_to_networkx_matches_cypher_counts(store: GraphStore) -> None:
    assert_dates_are_dates(store)
    counts = cypher_counts(store)
    graph = to_networkx(store, page_size=2)  # several pages
    assert graph.number_of_nodes() == counts["entities"] == 5
    assert graph.number_of_edges() == counts["relations"] == 4
    musk = graph.nodes["person:elon-musk"]
    assert musk["name"] == "Elon Musk" and musk["type"] == "Person"
    assert musk["aliases"] == ["Elon Musk", "Musk"]
    assert graph.nodes["person:li-qiang"]["labels"] == ["Entity", "Person", "Official"]
    assert set(graph["person:elon-musk"]["company:tesla"]) == {"LEADS", "WORKS_FOR"}
    leads = graph["person:elon-musk"]["company:tesla"]["LEADS"]
    assert leads == {
        "type": "LEADS",
        "sources": ["doc-1", "doc-2"],
        "source_count": 2,
        "evidence_count": 3,
        "confidence": 1.0,
        "first_seen": dt.date(2024, 1, 2),  # dates are date values in the store and here
        "last_seen": dt.date(2024, 2, 3),
    }
    assert "product:model-y" in graph and graph.degree("product:model-y") == 0


def test_to_networkx_with_documents(store: GraphStore) -> None:
    counts = cypher_counts(store)
    graph = to_networkx(store, include_documents=True, page_size=1)
    assert graph.number_of_nodes() == counts["entities"] + counts["documents"]
    assert graph.number_of_edges() == counts["relations"] + counts["mentions"]
    assert graph.nodes["doc-1"]["type"] == "Document"
    assert graph["doc-2"]["company:tesla"]["MENTIONS"] == {
        "type": "MENTIONS", "count": 4, "aliases": ["Tesla"], "date": dt.date(2024, 2, 3)
    }
    assert graph.nodes["doc-2"]["published"] == dt.date(2024, 2, 3)


def _sizes(store: GraphStore, documents: bool) -> tuple[int, int]:
    counts = cypher_counts(store)
    if documents:
        return counts["entities"] + counts["documents"], counts["relations"] + counts["mentions"]
    return counts["entities"], counts["relations"]


@pytest.mark.parametrize("documents", [False, True])
def test_graphml_round_trip(store: GraphStore, tmp_path: Path, documents: bool) -> None:
    path = tmp_path / "g.graphml"
    export_to(store, "graphml", path, include_documents=documents)
    back = nx.read_graphml(path, force_multigraph=True)
    expected = to_networkx(store, include_documents=documents)
    assert (back.number_of_nodes(), back.number_of_edges()) == _sizes(store, documents)
    assert (expected.number_of_nodes(), expected.number_of_edges()) == _sizes(store, documents)
    for node, attrs in expected.nodes(data=True):
        assert back.nodes[node] == {k: joined(v) for k, v in attrs.items()}
    for u, v, key, attrs in expected.edges(keys=True, data=True):
        assert back[u][v][key] == {k: joined(v2) for k, v2 in attrs.items()}
    assert back.graph["list_separator"] == "|"


@pytest.mark.parametrize("documents", [False, True])
def test_gexf_round_trip(store: GraphStore, tmp_path: Path, documents: bool) -> None:
    path = tmp_path / "g.gexf"
    export_to(store, "gexf", path, include_documents=documents)
    back = nx.read_gexf(path)
    expected = to_networkx(store, include_documents=documents)
    assert (back.number_of_nodes(), back.number_of_edges()) == _sizes(store, documents)
    assert (expected.number_of_nodes(), expected.number_of_edges()) == _sizes(store, documents)
    for node, attrs in expected.nodes(data=True):
        read = back.nodes[node]
        assert read["label"] == attrs.get("name", attrs.get("title"))
        assert {k: read[k] for k in attrs} == {k: joined(v) for k, v in attrs.items()}
    found = {(u, v, d["label"]): d for u, v, d in back.edges(data=True)}  # label = relation type
    for u, v, key, attrs in expected.edges(keys=True, data=True):
        read = found[(u, v, key)]
        assert {k: read[k] for k in attrs if k != "type"} == {
            k: joined(val) for k, val in attrs.items() if k != "type"
        }


def test_json_round_trip(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    export_to(store, "json", path, include_documents=True)
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    expected = to_networkx(store, include_documents=True)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == {n: as_text(a) for n, a in expected.nodes(data=True)}
    assert sorted(back.edges(keys=True, data=True)) == sorted(
        (u, v, k, as_text(a)) for u, v, k, a in expected.edges(keys=True, data=True)
    )
    counts = cypher_counts(store)
    assert back.number_of_edges() == counts["relations"] + counts["mentions"]


def test_csv_round_trip(store: GraphStore, tmp_path: Path) -> None:
    export_to(store, "csv", tmp_path / "out")
    with (tmp_path / "out" / "nodes.csv").open(encoding="utf-8", newline="") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    with (tmp_path / "out" / "edges.csv").open(encoding="utf-8", newline="") as f:
        edges = {(r["source"], r["target"], r["type"]): r for r in csv.DictReader(f)}
    expected = to_networkx(store)
    assert len(nodes) == cypher_counts(store)["entities"]
    assert len(edges) == cypher_counts(store)["relations"]
    for node, attrs in expected.nodes(data=True):
        assert {k: nodes[node][k] for k in attrs} == {k: str(joined(v)) for k, v in attrs.items()}
    for u, v, key, attrs in expected.edges(keys=True, data=True):
        row = edges[(u, v, key)]
        assert {k: row[k] for k in attrs} == {k: str(joined(val)) for k, val in attrs.items()}
    assert nodes["company:tesla"]["aliases"].split("|") == [
        "Tesla",
        "Tesla Inc.",
        'Tésla, "the carmaker"',
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_failed_export_leaves_no_partial_file(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"g.{fmt}"
    target.write_text("previous export", encoding="utf-8") if fmt != "csv" else target.mkdir()
    pages = []

    def fail_on_edges(rows: int) -> None:  # the nodes are written by then
        pages.append(rows)
        if len(pages) == 2:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_to(store, fmt, target, on_rows=fail_on_edges)
    assert pages == [5, 4]
    if fmt == "csv":
        assert list(target.iterdir()) == []
    else:
        assert target.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_failed_read_mid_way_leaves_no_csv(store: GraphStore, tmp_path: Path) -> None:
    pages = []

    def fail_on_second_page(rows: int) -> None:
        pages.append(rows)
        if len(pages) == 2:
            raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        export_to(store, "neo4j-import", tmp_path / "out", on_rows=fail_on_second_page)
    assert list(tmp_path.iterdir()) == []


ODD = 'A <b> & "c"\ttab\nline\rcr\x01ctl\x1f\ufffe end'
ODD_IN_XML = ODD.replace("\x01", "\ufffd").replace("\x1f", "\ufffd").replace("\ufffe", "\ufffd")


def test_xml_escapes_markup_whitespace_and_forbidden_characters(
    store: GraphStore, tmp_path: Path
) -> None:
    store.write([(
        "CREATE (:Entity:Person {id: $id, name: $name, type: 'Person', aliases: [$name, 'x']})",
        {"id": 'person:<odd>&"', "name": ODD},
    )])  # fmt: skip
    export_to(store, "graphml", tmp_path / "g.graphml")
    export_to(store, "gexf", tmp_path / "g.gexf")
    graphml = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    for back in (graphml, gexf):
        odd = back.nodes['person:<odd>&"']
        assert odd["name"] == ODD_IN_XML  # tab, newline and CR kept; what XML 1.0 forbids: U+FFFD
        assert odd["aliases"] == f"{ODD_IN_XML}|x"
    assert gexf.nodes['person:<odd>&"']["label"] == ODD_IN_XML
    export_to(store, "json", tmp_path / "g.json")  # JSON carries every character
    back = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text("utf-8")), edges="edges")
    assert back.nodes['person:<odd>&"']["name"] == ODD
