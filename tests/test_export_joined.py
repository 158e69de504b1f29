"""FalkorDB's exports read pages as text with lists joined (``export/*_joined``): the same
graph, values and types as the plain statements' typed reads, whatever the lists hold."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from newsgraph.graph.cypher import CypherLibrary, parse_cypher_file
from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.export.slim import JOIN_SEPARATOR, unjoin
from newsgraph.graph.stores import GraphStore
from newsgraph.graph.stores.base import QueryResult

SEP = JOIN_SEPARATOR

FIXTURES = Path(__file__).parent / "fixtures" / "export"


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    falkordb_store.write([(fixture("joined_lists"), {})])
    return falkordb_store


def fixture(name: str) -> str:
    """A test-only statement of tests/fixtures/export."""
    return parse_cypher_file(FIXTURES / f"{name}.cypher", name).text


@pytest.fixture
def reads(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each page statement was run on its own (``store.run``: the typed
    reread of a page whose lists did not join), by title (the reads of ids left out)."""
    counts: Counter[str] = Counter()
    run = store.run

    def counted(statement: str, params: Any = None, **options: Any) -> QueryResult:
        if params and "ids" in params:
            counts[statement.splitlines()[0]] += 1
        return run(statement, params, **options)

    monkeypatch.setattr(store, "run", counted)
    return counts


_HAS = CypherLibrary.has


def _no_joined(library: CypherLibrary, name: str) -> bool:
    return not name.endswith("_joined") and _HAS(library, name)


def plain(store: GraphStore, **options: Any) -> nx.MultiDiGraph:
    """``to_networkx`` with the plain statements' typed reads (no ``_joined`` statement)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CypherLibrary, "has", _no_joined)
        return to_networkx(store, **options)


def typed(graph: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    """Nodes and edges with every attribute value beside its type."""
    def attrs(data: dict[str, Any]) -> dict[str, Any]:
        return {key: (value, type(value)) for key, value in data.items()}

    return ([(n, attrs(d)) for n, d in graph.nodes(data=True)],
            [(u, v, k, attrs(d)) for u, v, k, d in graph.edges(keys=True, data=True)])  # fmt: skip


@pytest.mark.parametrize("documents", [False, True])
def test_joined_reads_give_the_plain_reads_graph(
    store: GraphStore, reads: Counter[str], documents: bool
) -> None:
    graph = to_networkx(store, include_documents=documents)
    assert not reads, reads  # every page came joined: none was read again
    assert typed(graph) == typed(plain(store, include_documents=documents))
    edges = {(u, v): d for u, v, d in graph.edges(data=True)}
    assert edges["company:acme", "place:utopia"]["sources"] == ["doc-1", "doc-2"]
    # FalkorDB sends a float with 15 significant digits, compact or verbose alike
    assert edges["company:acme", "place:utopia"]["confidence"] == 0.3
    assert edges["person:bo-kim", "company:acme"]["sources"] == []
    assert "sources" not in edges["product:widget", "place:utopia"]
    assert graph.nodes["person:ann-lee"]["aliases"] == [""]
    assert graph.nodes["person:bo-kim"]["aliases"] == ["", ""]
    assert graph.nodes["place:utopia"]["aliases"] == []
    assert graph.nodes["company:acme"]["labels"] == ["Entity", "Company"]


def test_a_list_holding_the_separator_is_read_again_typed(
    store: GraphStore, reads: Counter[str]
) -> None:
    tricky = f"Acme{SEP}Holdings"
    store.write([(fixture("set_aliases"), {"id": "company:acme", "aliases": [tricky]})])
    graph = to_networkx(store)
    assert graph.nodes["company:acme"]["aliases"] == [tricky]
    assert sum(reads.values()) == 1 and "Export entities" in next(iter(reads)), reads
    assert typed(graph) == typed(plain(store))


def test_a_list_falkordb_cannot_join_sends_the_rest_to_the_plain_reads(
    store: GraphStore, reads: Counter[str], tmp_path: Path
) -> None:
    store.write([(fixture("set_aliases"), {"id": "place:utopia", "aliases": ["Utopia", 7]})])
    graph = to_networkx(store)
    assert graph.nodes["place:utopia"]["aliases"] == ["Utopia", 7]
    assert typed(graph) == typed(plain(store))
    # the file writers read the same way
    export_to(store, "json", tmp_path / "g.json")
    assert "Utopia" in (tmp_path / "g.json").read_text()


def test_file_exports_are_the_same_with_and_without_joined_reads(
    store: GraphStore, tmp_path: Path
) -> None:
    for fmt in ("graphml", "gexf", "json", "csv"):
        joined, typed_out = tmp_path / f"joined.{fmt}", tmp_path / f"plain.{fmt}"
        export_to(store, fmt, joined, include_documents=True)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(CypherLibrary, "has", _no_joined)
            export_to(store, fmt, typed_out, include_documents=True)
        files = sorted(joined.iterdir()) if fmt == "csv" else [joined]
        assert files
        for path in files:
            other = typed_out / path.name if fmt == "csv" else typed_out
            assert path.read_bytes() == other.read_bytes(), (fmt, path.name)


def test_text_reads_send_values_untagged(store: GraphStore) -> None:
    text = "MATCH (e:Entity {id: 'company:acme'}) RETURN e.first_seen, 0.5, e.mention_count, null"
    (result,) = store.read_pages([(text, {})], typed=False)
    assert result.rows == [["2025-03-01", "0.5", 4, None]]
    (result,) = store.read_pages([(text, {})])
    assert result.rows == [["2025-03-01", 0.5, 4, None]]


def unjoined(columns: list[str], rows: list[list[Any]]) -> QueryResult | None:
    return unjoin(QueryResult(columns, rows), SEP)


def test_unjoin_splits_lists_back_and_drops_their_sizes() -> None:
    result = unjoined(["id", "aliases", "aliases__size", "n"],
                      [["a", f"x{SEP}y", 2, 1], ["b", "", 0, 2], ["c", "", 1, 3],
                       ["d", None, None, 4]])  # fmt: skip
    assert result is not None
    assert result.columns == ["id", "aliases", "n"]
    assert result.rows == [["a", ["x", "y"], 1], ["b", [], 2], ["c", [""], 3], ["d", None, 4]]
    assert result.row_count() == 4


def test_unjoin_refuses_a_list_that_does_not_split_back() -> None:
    assert unjoined(["aliases", "aliases__size"], [[f"x{SEP}y", 1]]) is None
    assert unjoined(["aliases", "aliases__size"], [["x", 2]]) is None
    empty = unjoined(["aliases", "aliases__size"], [])
    assert empty is not None and empty.columns == ["aliases"] and empty.rows == []


def test_only_falkordb_has_the_joined_reads() -> None:
    assert CypherLibrary("falkordb").has("export/relations_joined")
    assert not CypherLibrary("neo4j").has("export/relations_joined")
    assert CypherLibrary("neo4j").has("export/relations")
    assert not CypherLibrary("falkordb").has("export/no_such_statement")
