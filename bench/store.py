"""Embedded FalkorDB: store writes vs the raw client, and snapshot restart time.

    python -m bench.store [--nodes 100000] [--edges 300000] [--batch 5000]

Prints, side by side in one run: nodes/s and edges/s written through
``GraphStore.write`` and through the bare ``falkordb`` client with the same
statements, then the time to stop the server (snapshot) and start it again
with the data loaded and the indexes rebuilt.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.statements import statement
from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import (
    GraphStore,
    embedded_server,
    explain,
    falkordb_internals,
    open_store,
)

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cypher"
NODES = parse_cypher_file(FIXTURES / "bench_nodes.cypher", "bench_nodes").text
EDGES = parse_cypher_file(FIXTURES / "bench_edges.cypher", "bench_edges").text


def _rows(nodes: int, edges: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    node_rows = [{"id": f"company:n{i}", "name": f"Company {i}"} for i in range(nodes)]
    edge_rows = [
        {"a": f"company:n{rng.randrange(nodes)}", "b": f"company:n{rng.randrange(nodes)}"}
        for _ in range(edges)
    ]
    return node_rows, edge_rows


def _timed(label: str, rows: list[dict], batch: int, write: Callable[[list[dict]], Any]) -> float:
    start = time.perf_counter()
    for i in range(0, len(rows), batch):
        write(rows[i : i + batch])
    elapsed = time.perf_counter() - start
    print(f"  {label:<34} {len(rows) / elapsed:>10,.0f} rows/s  ({elapsed:.2f} s)")
    return elapsed


def _load(store: GraphStore, raw: Any, nodes: list[dict], edges: list[dict], batch: int) -> None:
    """Each side twice, alternating, best run kept: the first pass warms the server."""
    print(f"writing {len(nodes):,} nodes and {len(edges):,} edges in batches of {batch:,}")
    best: dict[str, float] = {}
    for round_ in (1, 2):
        for side, write in (("ours", store.write), ("raw", None)):
            store.write([("MATCH (n) DETACH DELETE n", {})])
            if write is None:
                n = _timed(
                    f"nodes via falkordb client #{round_}",
                    nodes,
                    batch,
                    lambda r: raw.query(NODES, {"rows": r}),
                )
                e = _timed(
                    f"edges via falkordb client #{round_}",
                    edges,
                    batch,
                    lambda r: raw.query(EDGES, {"rows": r}),
                )
            else:
                n = _timed(
                    f"nodes via GraphStore.write #{round_}",
                    nodes,
                    batch,
                    lambda r: store.write([(NODES, {"rows": r})]),
                )
                e = _timed(
                    f"edges via GraphStore.write #{round_}",
                    edges,
                    batch,
                    lambda r: store.write([(EDGES, {"rows": r})]),
                )
            best[f"{side}_n"] = min(best.get(f"{side}_n", n), n)
            best[f"{side}_e"] = min(best.get(f"{side}_e", e), e)
    print(f"  best ours/raw throughput: nodes {best['raw_n'] / best['ours_n']:.2f}x, "
          f"edges {best['raw_e'] / best['ours_e']:.2f}x")  # fmt: skip


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        server = embedded_server(settings)
        info = server.start(pin=True)
        store = open_store(settings)
        ensure_schema(store)
        # the bare client, for the baseline
        raw = falkordb_internals(store)._db.select_graph(settings.graph_name)
        nodes, edges = _rows(args.nodes, args.edges)
        _load(store, raw, nodes, edges, args.batch)
        store.close()
        start = time.perf_counter()
        server.stop()
        stopped = time.perf_counter() - start
        size = (settings.data_dir / "graph.rdb").stat().st_size
        start = time.perf_counter()
        info = server.start(pin=True)
        store = open_store(settings)
        count = store.run(statement("count_entities").text).scalar()
        restarted = time.perf_counter() - start
        plan = " ".join(explain(store, statement("entity_by_id").text, {"id": "x"}))
        print(f"snapshot + stop: {stopped:.2f} s, snapshot {size / 1e6:.1f} MB")
        print(f"restart to first answer: {restarted:.2f} s ({count:,} nodes, pid {info.pid}); "
              f"id index used after restart: {'Index Scan' in plan}")  # fmt: skip
        store.close()
        server.stop()


if __name__ == "__main__":
    main()
