"""Export speed and memory on a written news graph, against a floor of reading and building.

    python -m bench.export [--docs 40000] [--data-dir DIR] [--repeat 5]
                           [--include-documents] [--memory]

Writes ``--docs`` generated news documents (``bench/synthetic.py``: hubs, multi-source
edges, one evidence record per fact and document, as an ingest leaves them) through the
real writer into a scratch embedded FalkorDB (or reuses the graph in ``--data-dir``),
prints the graph's counts, then runs ``--repeat`` rounds. Each round measures, one after
the other so that the machine's load falls on all of them alike:

- the floor (``bench/export_floor.py``): the same rows read from the store as the
  exports read them (same statements, pages, client, reply format and pipelining;
  each reply parsed by the client and dropped) while networkx builds the MultiDiGraph
  from the rows already in memory, with the cyclic garbage collector paused as every
  export runs (and what it made kept as the exports keep theirs:
  ``gc_paused(keep=True)``); and, for reference, the same floor reading FalkorDB's
  compact replies (as the exports did before they read verbose ones), and networkx's
  build alone (collector paused, and running), the floor of earlier rounds, which
  reads nothing;
- ``to_networkx`` from the store (paged reads + build);
- each file format (``export_to``), which adds serialisation to the above;
- neo4j-import (every property, evidence records included) in one process and with its
  default worker processes (not in the goal: reported).

Each step prints its median seconds over the rounds, its ratio to the same round's
read + build floor (median, and the range over the rounds) beside the goal (<= 1.5x
for ``to_networkx`` and the file formats), its ratio to the build-only floor (median),
then this process's CPU seconds and their ratio to the read + build floor's (steadier
when other work shares the machine; the server's CPU, in its own process, is not in
it). ``--memory`` adds one round under tracemalloc
(which slows allocation-heavy code several-fold, so it is kept apart from the times):
each step's peak MiB against the floor's; neo4j-import's worker processes trace too
(``PYTHONTRACEMALLOC``) and their peaks are added to this process's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.export_floor import Floor, build, prepare, read_and_build
from bench.synthetic import documents
from newsgraph.graph.export.networkx import export_to, to_networkx
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store
from newsgraph.ingest.writer import GraphWriter

__all__ = ["generate", "main"]

BATCH = 500
GOAL = 1.5
IN_GOAL = ("to_networkx", "export graphml", "export gexf", "export json", "export csv")
Step = Callable[[], Any]


def _counts(store: GraphStore) -> dict[str, int]:
    return store.run(store.info.library.get("admin/counts").text).records()[0]


def generate(store: GraphStore, docs: int) -> None:
    """Write documents ``0 .. docs - 1`` of the synthetic sequence through the writer
    (batches of :data:`BATCH`), after those already stored."""
    have = _counts(store)["documents"]
    writer = GraphWriter(store, extractor_version="bench")
    writer.write_batches(
        (list(documents(min(BATCH, docs - first), start=first)), None, None)
        for first in range(have, docs, BATCH)
    )
    store.persist(wait=True)


def _once(step: Step, trace: bool) -> tuple[tuple[float, float], float, Any]:
    """Wall and CPU seconds (this process's), tracemalloc peak MiB (NaN untraced) and
    value of one call."""
    if trace:
        tracemalloc.start()
        os.environ["PYTHONTRACEMALLOC"] = "1"  # neo4j-import's worker processes trace too
    try:
        start, cpu = time.perf_counter(), time.process_time()
        value = step()
        seconds = (time.perf_counter() - start, time.process_time() - cpu)
        peak = tracemalloc.get_traced_memory()[1] if trace else float("nan")
    finally:
        tracemalloc.stop()
        os.environ.pop("PYTHONTRACEMALLOC", None)
    neo4j = getattr(value, "neo4j", None)
    if neo4j is not None and trace:
        peak += neo4j.worker_traced_peak
    return seconds, peak / 2**20, value


FLOOR, BUILD = "floor: read + build", "floor: build alone"
COMPACT = "floor: compact read + build"


def _steps(store: GraphStore, out: Path, floor: Floor, docs: bool) -> dict[str, Step]:
    steps: dict[str, Step] = {
        FLOOR: gc_paused(keep=True)(lambda: read_and_build(floor)),
        COMPACT: gc_paused(keep=True)(lambda: read_and_build(floor, compact=True)),
        BUILD: gc_paused(keep=True)(lambda: build(floor)),
        "build alone, collector running": lambda: build(floor),
        "to_networkx": lambda: to_networkx(store, include_documents=docs),
    }
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"),
                      ("csv", "csv")):  # fmt: skip
        steps[f"export {fmt}"] = lambda f=fmt, n=name: export_to(
            store, f, out / n, include_documents=docs
        )
    steps["export neo4j-import, 1 proc"] = lambda: export_to(
        store, "neo4j-import", out / "neo4j1", workers=1
    )
    steps["export neo4j-import, N proc"] = lambda: export_to(store, "neo4j-import", out / "neo4j")
    return steps


Times = dict[str, list[tuple[float, float]]]


def _rounds(steps: dict[str, Step], repeat: int) -> tuple[Times, int]:
    """Wall and CPU seconds of every step in each of ``repeat`` rounds; neo4j-import's
    worker count."""
    times: Times = {name: [] for name in steps}
    workers = 1
    for _ in range(repeat):
        for name, step in steps.items():
            value = None  # the last value goes before the next run: one graph alive at a time
            seconds, _, value = _once(step, trace=False)
            times[name].append(seconds)
            neo4j = getattr(value, "neo4j", None)
            if neo4j is not None:
                workers = max(workers, neo4j.workers)
            del value
    return times, workers


def _print_times(times: Times, workers: int) -> None:
    """Wall seconds and ratios to the read + build floor (median, range) with the goal,
    the median ratio to the build-alone floor, then this process's CPU seconds and their
    ratio to the read + build floor's: steadier on a loaded machine, but without the
    server's."""
    base, alone = times[FLOOR], times[BUILD]
    print(f"{'step':<31}{'median s':>9}{'range s':>14}{'x floor':>9}{'range':>13}  "
          f"{'goal':<16}{'x build':>8}{'cpu s':>7}{'x floor':>9}")  # fmt: skip
    for name, pairs in times.items():
        seconds, cpu = [p[0] for p in pairs], [p[1] for p in pairs]
        ratios = [s / b[0] for s, b in zip(seconds, base, strict=True)]
        to_build = statistics.median([s / b[0] for s, b in zip(seconds, alone, strict=True)])
        cpu_ratio = statistics.median(cpu) / statistics.median([b[1] for b in base])
        label = name.replace("N proc", f"{workers} proc")
        goal = f"<= {GOAL}x {'met' if statistics.median(ratios) <= GOAL else 'NOT met'}"
        print(f"{label:<31}{statistics.median(seconds):>9.2f}"
              f"{min(seconds):>7.2f}-{max(seconds):<6.2f}{statistics.median(ratios):>9.2f}"
              f"{min(ratios):>7.2f}-{max(ratios):<5.2f}  {goal if name in IN_GOAL else '-':<16}"
              f"{to_build:>8.2f}{statistics.median(cpu):>7.2f}{cpu_ratio:>9.2f}",
              flush=True)  # fmt: skip


def _print_memory(steps: dict[str, Step], workers: int) -> None:
    base = None
    print(f"\n{'step (one traced run)':<31}{'peak MiB':>9}{'x floor':>9}")
    for name, step in steps.items():
        _, peak, value = _once(step, trace=True)
        del value
        base = base or peak
        label = name.replace("N proc", f"{workers} proc")
        print(f"{label:<31}{peak:>9.0f}{peak / base:>9.2f}", flush=True)


def main() -> None:
    """Write (or reuse) the graph, run every measurement, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40_000, help="generated documents")
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse a written graph")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (medians printed)")
    parser.add_argument("--include-documents", action="store_true",
                        help="to_networkx and files with documents and MENTIONS")  # fmt: skip
    parser.add_argument("--memory", action="store_true", help="add a tracemalloc round")
    args = parser.parse_args()
    scratch = args.data_dir or Path(tempfile.mkdtemp(prefix="ngbench-"))
    store = open_store(Settings(data_dir=scratch, graph_name=f"bench_docs_{args.docs}"))
    out = Path(tempfile.mkdtemp(prefix="ngbench-out-"))
    try:
        ensure_schema(store)
        if _counts(store)["documents"] < args.docs:
            start = time.perf_counter()
            generate(store, args.docs)
            print(f"wrote {args.docs:,} generated documents through the writer in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        counts = _counts(store)
        print(f"store: {counts['nodes']:,} nodes ({counts['entities']:,} entities, "
              f"{counts['documents']:,} documents, {counts['evidence_records']:,} evidence "
              f"records), {counts['relationships']:,} relationships ({counts['relations']:,} "
              f"relations)")  # fmt: skip
        floor = prepare(store, args.include_documents)
        with gc_paused():
            size = build(floor)
        print(f"graph: {size.number_of_nodes()} nodes, {size.number_of_edges()} edges"
              f"{' (documents and MENTIONS included)' if args.include_documents else ''}; "
              f"{args.repeat} rounds; each ratio is to the same round's floor, collector "
              "paused as every export runs: the rows read as the exports read them and "
              "built by networkx (x build: to networkx's build alone)\n")  # fmt: skip
        del size
        steps = _steps(store, out, floor, args.include_documents)
        times, workers = _rounds(steps, max(1, args.repeat))
        _print_times(times, workers)
        if args.memory:
            _print_memory(steps, workers)
    finally:
        store.close()
        shutil.rmtree(out, ignore_errors=True)
        if args.data_dir is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
