"""Export speed and memory on a generated graph, against the networkx floor.

    python bench/export.py [--edges 500000] [--entities 100000] [--data-dir DIR]
                           [--time-only] [--repeat N]

Generates a graph in the shape of docs/graph-shape.md (entities of every type,
relations with sources, dates and one evidence sentence each) into a scratch
embedded FalkorDB with UNWIND batches, then measures, each in a fresh state:

- the floor: a MultiDiGraph built by networkx from the same rows already in memory,
  with the cyclic garbage collector paused as every export runs (goal: ``to_networkx``
  and the file formats within 1.5x of it);
- ``to_networkx`` from the store (paged reads + build);
- each file format (``export_to``), which adds serialisation to the above.

Time is wall clock; memory is the tracemalloc peak during the step. neo4j-import runs
twice: in one process, and with its default worker processes, whose tracemalloc
peaks (``PYTHONTRACEMALLOC`` is set for them) are added to this process's peak, an
upper bound of the memory they hold at once.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.export.read import slim_batches
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.schema import fill_names, load_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store

GENERATE = Path(__file__).with_name("generate")
BATCH = 10_000


TRACE = True
"""False with --time-only: no tracemalloc, whose bookkeeping slows allocation-heavy code."""


REPEAT = 1
"""--repeat: each step runs this many times; the median seconds and the largest peak
are printed (the floor's time moves by a second or more between runs, with when the
collector happens to run over the rows it is built from)."""


def measure(step: Callable[[], Any]) -> tuple[float, float, Any]:
    """Median seconds and largest peak MiB (tracemalloc; NaN with --time-only) of
    :data:`REPEAT` calls, and the last call's value."""
    times, peaks = [], []
    for _ in range(REPEAT):
        value = None  # the last value goes before the next run: one graph alive at a time
        seconds, peak, value = _measure_once(step)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks), value


def _measure_once(step: Callable[[], Any]) -> tuple[float, float, Any]:
    if TRACE:
        tracemalloc.start()
        os.environ["PYTHONTRACEMALLOC"] = "1"  # neo4j-import's worker processes trace too
    try:
        start = time.perf_counter()
        value = step()
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if TRACE else float("nan")
    finally:
        tracemalloc.stop()
        os.environ.pop("PYTHONTRACEMALLOC", None)
    neo4j = getattr(value, "neo4j", None)
    if neo4j is not None:
        peak += neo4j.worker_traced_peak
    return seconds, peak / 2**20, value


def _entities(count: int, rng: random.Random) -> list[dict[str, Any]]:
    types = sorted(load_schema().labels)
    rows = []
    for i in range(count):
        kind = types[i % len(types)]
        name = f"{kind} {i}"
        rows.append({"id": f"{kind.lower()}:{i}", "name": name, "type": kind,
                     "labels": list(load_schema().label(kind).labels),
                     "aliases": [name, f"{kind[0]}{i}"], "count": rng.randint(1, 50)})  # fmt: skip
    return rows


def _write_grouped(store: GraphStore, template: Path, slot: str, groups: dict) -> None:
    statement = parse_cypher_file(template, template.stem)
    for name, rows in groups.items():
        text = fill_names(statement, {slot: list(name) if isinstance(name, tuple) else [name]})
        store.write([(text, {"rows": rows})])


def generate(store: GraphStore, entities: int, edges: int, seed: int = 7) -> None:
    """Write ``entities`` entities and ``edges`` relations (UNWIND batches, CREATE)."""
    rng = random.Random(seed)
    rows = _entities(entities, rng)
    for start in range(0, len(rows), BATCH):
        groups: dict = {}
        for row in rows[start : start + BATCH]:
            groups.setdefault(tuple(row.pop("labels")), []).append(row)
        _write_grouped(store, GENERATE / "entities.cypher", "LABELS", groups)
    relation_types = sorted(load_schema().relations)
    seen: set[tuple[int, int, int]] = set()  # one edge per fact, no self-loops, as ingest
    for start in range(0, edges, BATCH):
        groups = {}
        for _ in range(min(BATCH, edges - start)):
            a = b = kind = 0
            while a == b or (a, b, kind) in seen:
                a, b = rng.randrange(entities), rng.randrange(entities)
                kind = rng.randrange(len(relation_types))
            seen.add((a, b, kind))
            docs = [f"doc-{rng.randrange(20_000)}" for _ in range(rng.randint(1, 3))]
            day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            row = {"a": rows[a]["id"], "b": rows[b]["id"], "sources": docs,
                   "evidence": len(docs), "confidence": round(rng.random(), 3),
                   "date": day, "sentence": f"Sentence {start} about {a} and {b}."}  # fmt: skip
            groups.setdefault(relation_types[kind], []).append(row)
        _write_grouped(store, GENERATE / "relations.cypher", "TYPE", groups)
    store.persist(wait=True)


def rows_in_memory(store: GraphStore) -> tuple[list, list]:
    """Every node and edge row, read once, for the floor."""
    nodes: list = []
    edges: list = []
    for page_nodes, page_edges in slim_batches(store, page_size=20_000):
        nodes += page_nodes
        edges += page_edges
    return nodes, edges


def floor(nodes: list, edges: list) -> nx.MultiDiGraph:
    """networkx alone: the same MultiDiGraph from rows already in memory."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def measure_floor(store: GraphStore) -> tuple[float, float, tuple[int, int], float]:
    """Seconds and peak MiB of :func:`floor` with the cyclic garbage collector paused, as
    every export runs (the fair floor), its size, and its seconds with the collector on
    (for reference); the rows are read first, outside the measure."""
    rows = rows_in_memory(store)
    running, _, graph = measure(lambda: floor(*rows))
    del graph
    seconds, peak, graph = measure(gc_paused()(lambda: floor(*rows)))
    return seconds, peak, (graph.number_of_nodes(), graph.number_of_edges()), running


def main() -> None:
    """Generate (or reuse) the graph, run every measurement, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=500_000)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse a generated graph")
    parser.add_argument("--time-only", action="store_true", help="no tracemalloc")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step (median printed)")
    args = parser.parse_args()
    global TRACE, REPEAT
    TRACE, REPEAT = not args.time_only, max(1, args.repeat)
    scratch = args.data_dir or Path(tempfile.mkdtemp(prefix="ngbench-"))
    store = open_store(Settings(data_dir=scratch, graph_name=f"bench_{args.edges}"))
    out = Path(tempfile.mkdtemp(prefix="ngbench-out-"))
    try:
        ensure_schema(store)
        counts = store.run(store.info.library.get("admin/counts").text).records()[0]
        if counts["relationships"] < args.edges:
            start = time.perf_counter()
            generate(store, args.entities, args.edges)
            seconds = time.perf_counter() - start
            print(f"generated {args.entities} entities, {args.edges} edges in {seconds:.1f} s "
                  f"({(args.entities + args.edges) / seconds:,.0f} rows/s)")  # fmt: skip
        base_s, base_mb, size, running_s = measure_floor(store)
        print(f"graph: {size[0]} nodes, {size[1]} edges; the floor is measured as the exports "
              f"run, with the garbage collector paused ({running_s:.2f} s with it on); goal: "
              f"to_networkx and the file formats <= 1.5x the floor\n")  # fmt: skip
        print(f"{'step':<28}{'seconds':>9}{'x floor':>9}{'peak MiB':>10}{'x floor':>9}")
        print(f"{'floor (networkx from rows)':<28}{base_s:>9.2f}{1:>9.2f}{base_mb:>10.0f}{1:>9.2f}")
        steps: list[tuple[str, Callable[[], Any]]] = [("to_networkx", lambda: to_networkx(store))]
        for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"),
                          ("csv", "csv")):  # fmt: skip
            steps.append((f"export {fmt}", lambda f=fmt, n=name: export_to(store, f, out / n)))
        steps.append(("export neo4j-import, 1 proc",
                      lambda: export_to(store, "neo4j-import", out / "neo4j1", workers=1)))
        steps.append(("export neo4j-import",
                      lambda: export_to(store, "neo4j-import", out / "neo4j")))  # fmt: skip
        for label, step in steps:
            seconds, peak, value = measure(step)
            neo4j = getattr(value, "neo4j", None)
            if neo4j is not None and label == "export neo4j-import":
                label += f", {neo4j.workers} proc"
            print(f"{label:<28}{seconds:>9.2f}{seconds / base_s:>9.2f}{peak:>10.0f}"
                  f"{peak / base_mb:>9.2f}", flush=True)  # fmt: skip
    finally:
        store.close()
        shutil.rmtree(out, ignore_errors=True)
        if args.data_dir is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
