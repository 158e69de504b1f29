"""The notebook API (``newsgraph.run_query``, ``newsgraph.to_networkx``) on the embedded store:
real dates, a ``symmetric`` edge flag, an undirected view, rows or a DataFrame in one call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import newsgraph
from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.errors import BadParameterError, UnknownQueryError
from newsgraph.graph.export.notebook import as_date
from newsgraph.graph.stores import GraphStore

SMALL_GRAPH = Path(__file__).parent / "fixtures" / "export" / "small_graph.cypher"


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The session FalkorDB with the small export graph (dates, a symmetric MET_WITH)."""
    falkordb_store.write([(parse_cypher_file(SMALL_GRAPH, "small_graph").text, {})])
    return falkordb_store


def test_dates_and_symmetric_flag(store: GraphStore) -> None:
    graph = newsgraph.to_networkx(store, include_documents=True)
    assert isinstance(graph, nx.MultiDiGraph)
    musk = graph.nodes["person:elon-musk"]
    assert musk["first_seen"] == dt.date(2024, 1, 2) and type(musk["first_seen"]) is dt.date
    assert graph.nodes["doc-2"]["published"] == dt.date(2024, 2, 3)
    met = graph["person:elon-musk"]["person:li-qiang"]["MET_WITH"]
    leads = graph["person:elon-musk"]["company:tesla"]["LEADS"]
    assert met["symmetric"] is True and leads["symmetric"] is False
    assert met["last_seen"] == dt.date(2024, 1, 2)
    assert graph["doc-1"]["person:elon-musk"]["MENTIONS"]["date"] == dt.date(2024, 1, 2)
    assert "MET_WITH" in graph.graph["symmetric_types"]


def test_undirected_view(store: GraphStore) -> None:
    graph = newsgraph.to_networkx(store, undirected=True)
    assert isinstance(graph, nx.MultiGraph) and not graph.is_directed()
    assert graph.has_edge("person:li-qiang", "person:elon-musk", key="MET_WITH")
    assert graph["person:li-qiang"]["person:elon-musk"]["MET_WITH"]["symmetric"] is True
    sub = newsgraph.to_networkx(store, "neighbourhood", {"id": "company:tesla"})
    assert sub.nodes["company:tesla"]["first_seen"] == dt.date(2024, 1, 2)


def test_run_query_in_one_call(store: GraphStore) -> None:
    frame = newsgraph.run_query("top_entities", store=store, limit=3)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 3
    assert list(frame.columns)[:2] == ["id", "name"] and frame.attrs["truncated"] is True
    rows = newsgraph.run_query("entity_search", store=store, q="musk", dataframe=False)
    assert rows[0]["id"] == "person:elon-musk" and isinstance(rows[0], dict)
    with pytest.warns(UserWarning, match="row cap stopped the rows at 2"):
        capped = newsgraph.run_query("top_entities", store=store, row_cap=2, dataframe=False)
    assert len(capped) == 2
    with pytest.raises(UnknownQueryError, match="top_entitys"):
        newsgraph.run_query("top_entitys", store=store)
    with pytest.raises(BadParameterError, match="'limit'"):
        newsgraph.run_query("top_entities", store=store, limit="three")


def test_as_date_leaves_other_text_alone() -> None:
    assert as_date("2024-05-06T07:08:09+00:00") == dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    assert as_date("spring 2024") == "spring 2024" and as_date(None) is None
    assert as_date("2024-13-01") == "2024-13-01"
