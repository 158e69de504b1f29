"""The column-at-a-time paths of the exports give what the row-by-row forms give."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.graph.export import files, xml
from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.export.read import EdgeBatch, NodeBatch, edge_attrs, full_batches, node_attrs
from newsgraph.graph.schema import DOCUMENT_LABEL, ENTITY_LABEL
from newsgraph.graph.stores import GraphStore
from tests.test_export_formats import ODD, run_fixture


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The small export graph, with an entity whose text needs escaping in XML."""
    run_fixture(falkordb_store, "small_graph")
    falkordb_store.write([(
        "CREATE (:Entity:Person {id: $id, name: $name, type: 'Person', aliases: [$name, 'x']})",
        {"id": 'person:<odd>&"', "name": ODD},
    )])  # fmt: skip
    return falkordb_store


def test_to_networkx_has_the_attributes_of_the_row_by_row_form(store: GraphStore) -> None:
    graph = to_networkx(store, include_documents=True, page_size=2)
    nodes, edges = {}, []
    for batch in full_batches(store):
        if isinstance(batch, NodeBatch) and batch.key_label in (ENTITY_LABEL, DOCUMENT_LABEL):
            nodes.update((r["id"], node_attrs(r["labels"], r["properties"])) for r in batch.rows)
        elif isinstance(batch, EdgeBatch) and batch.start_label in (ENTITY_LABEL, DOCUMENT_LABEL):
            edges += [(r["source"], r["target"], r["type"], edge_attrs(r["type"], r["properties"]))
                      for r in batch.rows if r["target"] in nodes]  # fmt: skip
    assert dict(graph.nodes(data=True)) == nodes
    assert sorted(graph.edges(keys=True, data=True), key=repr) == sorted(edges, key=repr)
    assert len(edges) > 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("documents", [False, True])
def test_xml_by_columns_is_the_row_by_row_text(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, documents: bool
) -> None:
    export_to(store, fmt, tmp_path / "columns", include_documents=documents)
    monkeypatch.setattr(xml, "as_columns", lambda page, keys: None)  # every page row by row
    export_to(store, fmt, tmp_path / "rows", include_documents=documents)
    text = (tmp_path / "columns").read_text("utf-8")
    assert text == (tmp_path / "rows").read_text("utf-8")
    assert "&lt;odd&gt;&amp;&quot;" in text and "&#9;tab&#10;line&#13;cr\ufffdctl" in text


@pytest.mark.parametrize("documents", [False, True])
def test_csv_by_columns_is_what_the_csv_module_writes(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: bool
) -> None:
    store.write([(
        "CREATE (:Entity:Person {id: 'person:q', name: $name, type: 'Person', aliases: [$name]})",
        {"name": 'say "hi", then\r\nleave'},
    )])  # fmt: skip
    export_to(store, "csv", tmp_path / "columns", include_documents=documents)
    monkeypatch.setattr(files, "_csv_text", lambda columns: None)  # csv.writer, row by row
    export_to(store, "csv", tmp_path / "rows", include_documents=documents)
    for name in ("nodes.csv", "edges.csv"):
        text = (tmp_path / "columns" / name).read_bytes()
        assert text == (tmp_path / "rows" / name).read_bytes()
    assert b'"say ""hi"", then\r\nleave"' in (tmp_path / "columns" / "nodes.csv").read_bytes()
