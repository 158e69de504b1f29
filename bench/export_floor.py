"""bench.export's floors: what any export of the graph to networkx must do at least.

- *build*: networkx building the MultiDiGraph (``add_nodes_from``/``add_edges_from``)
  from the export's own rows, already in memory. Only half the work: nothing is read.
- *read + build* (the goal's floor): the same rows read from the store as the exports
  read them, then built. The same statements (``bench/cypher/floor_*_joined.cypher``,
  copies of the export's), by the same pages of ids, through the same client (redis-py
  with hiredis, FalkorDB's verbose replies as the exports read them, responses decoded
  as the ``falkordb`` client sets them), pipelined the same way (the next page's read
  sent before this one's reply is read), each page built into the graph as its reply
  arrives, collector paused. Each reply is parsed by the client, which any reader must
  do, and then dropped: splitting its lists, converting its values and making the
  attribute dicts is the export's own work, and is what the ratio to this floor
  measures.
- *compact read + build* (for reference): the same, reading the plain statements'
  compact replies (``bench/cypher/floor_*.cypher``), the floor of the exports before
  they read FalkorDB's verbose replies: what any reader of compact replies must do.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import redis

from bench.statements import statement
from newsgraph.graph.export.read import (
    ID_PAGE,
    SLIM_READS,
    Edge,
    Node,
    id_pages,
)
from newsgraph.graph.export.slim import JOIN_SEPARATOR, SLIM_PAGE_SIZE, slim_batches
from newsgraph.graph.stores import GraphStore
from newsgraph.graph.stores.falkordb_params import params_header

__all__ = ["Floor", "build", "prepare", "read_and_build"]


@dataclass
class Floor:
    """The floor's reads (statement, ids) and, page by page, the rows they bring."""

    reach: dict[str, Any]
    id_reads: list[str]
    reads: list[tuple[str, list[str]]]
    """The exports' reads (the ``_joined`` statements, replies as text)."""
    compact_reads: list[tuple[str, list[str]]]
    """The plain statements' reads (compact replies): the reference floor."""
    pages: list[tuple[list[Node], list[Edge]]]

    def rows(self) -> tuple[list[Node], list[Edge]]:
        """Every node and edge, in page order."""
        return ([n for nodes, _ in self.pages for n in nodes],
                [e for _, edges in self.pages for e in edges])  # fmt: skip


def prepare(store: GraphStore, include_documents: bool) -> Floor:
    """The reads and rows of the floors: the export's pages, read once through it."""
    if store.info.reach is None or store.info.engine != "falkordb":
        raise SystemExit("bench.export measures the embedded FalkorDB store")
    reads = SLIM_READS if include_documents else SLIM_READS[:1]
    ids = {label: id_pages(store, id_name, SLIM_PAGE_SIZE) for label, id_name, _, _ in reads}
    def jobs(suffix: str) -> list[tuple[str, list[str]]]:
        texts = {name: statement(f"floor_{name}{suffix}").text for _, _, nodes, edges in reads
                 for name in (nodes, edges)}  # fmt: skip
        return [*((texts[nodes], page) for label, _, nodes, _ in reads for page in ids[label]),
                *((texts[edges], page) for label, _, _, edges in reads for page in ids[label])]

    pages = list(slim_batches(store, include_documents=include_documents))
    joined, compact = jobs("_joined"), jobs("")
    if len(pages) != len(joined):
        raise SystemExit("the floor must read the export's pages, one for one")
    id_texts = [store.info.library.get(f"export/{id_name}").text for _, id_name, _, _ in reads]
    return Floor(dict(store.info.reach), id_texts, joined, compact, pages)


def build(floor: Floor) -> nx.MultiDiGraph:
    """networkx alone: the MultiDiGraph from the rows in memory."""
    graph = nx.MultiDiGraph()
    nodes, edges = floor.rows()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def read_and_build(floor: Floor, compact: bool = False) -> nx.MultiDiGraph:
    """Every page read (parsed, dropped) and then built from the rows in memory, with
    the ids read first as the export reads them; ``compact``: the plain statements'
    compact replies read instead of the exports' own reads."""
    reach = floor.reach
    client = redis.Redis(unix_socket_path=reach["unix_socket"], host=reach["host"],
                         port=reach["port"], password=reach["password"],
                         decode_responses=True)  # fmt: skip
    try:
        for text in floor.id_reads:
            _ids(client, reach["graph"], text)
        graph = nx.MultiDiGraph()
        reads = floor.compact_reads if compact else floor.reads
        replies = _pipelined(client, reach["graph"], reads, compact)
        for reply, (nodes, edges) in zip(replies, floor.pages, strict=True):
            del reply  # parsed by the client; making values of it is the export's work
            graph.add_nodes_from(nodes)
            graph.add_edges_from(edges)
        return graph
    finally:
        client.close()


def _query(graph: str, text: str, params: dict[str, Any], compact: bool = True) -> tuple[str, ...]:
    query = ("GRAPH.RO_QUERY", graph, params_header(params) + text)
    return (*query, "--compact") if compact else query


def _ids(client: redis.Redis, graph: str, text: str) -> None:
    """Every id of one label, read in keyset pages as the export reads them."""
    after = ""
    while True:
        rows = client.execute_command(*_query(graph, text, {"after": after, "limit": ID_PAGE}))[1]
        if len(rows) < ID_PAGE:
            return
        after = rows[-1][0][1]


def _pipelined(client: redis.Redis, graph: str, reads: Iterable[tuple[str, list[str]]],
               compact: bool) -> Iterator[Any]:  # fmt: skip
    """Each read's reply, parsed by the client, the next read sent before it is read:
    as the store's ``read_pages`` does, on a connection of the pool per read in flight
    (``compact`` replies, or verbose with lists joined as the exports read them)."""
    pool = client.connection_pool
    pending: deque[Any] = deque()

    def finish(conn: Any) -> Any:
        try:
            return conn.read_response()
        finally:
            pool.release(conn)

    for text, ids in reads:
        conn = pool.get_connection()
        params = {"ids": ids} if compact else {"ids": ids, "sep": JOIN_SEPARATOR}
        conn.send_command(*_query(graph, text, params, compact))
        pending.append(conn)
        if len(pending) > 1:
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())
