"""Write, read and forget costs as the graph grows: they must stay flat.

    python -m bench.scale_writes [--max-docs 65536] [--batch-size 200]
                                 [--checkpoints 4096,16384,65536]

Writes generated extracted documents (``bench/synthetic.py``: hubs China, Tesla and Nvidia
in about 45%, 30% and 20% of the documents) into a fresh embedded FalkorDB, batch after
batch, each batch as the writer's one MULTI/EXEC transaction. At 1k, 2k, 4k, 8k, 16k, 32k
and 64k documents (up to ``--max-docs``) it prints:

- the batch's server time (the sum of FalkorDB's own execution times of its statements)
  and wall time, the median of the last 5 batches, and the server time of the step that
  keeps the entity summaries (``write/merge_mentions``: the hub ``place:china`` is in
  almost every batch; it replaces the old ``refresh_entities``);
- the hub's mention count, the longest edge sample and the most sources on one edge;
- ``entity_profile`` of the hub and ``evidence_for`` of the hub edge (Tesla LOCATED_IN
  China): p50 of 21 runs, server and wall;
- at the checkpoints (default 4k, 16k, 64k): ``forget`` of 10 documents spread over the
  graph, wall time of the writer's one transaction (the CLI adds a snapshot).

Background snapshots are switched off for the run (their fork competes for the cores).
Targets (the goal, printed at the end): at 64k, batch writes within 1.5x of 4k, hub
queries p50 under 10 ms, forget under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.statements import statement
from bench.synthetic import HUB_EDGE, documents
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import embedded_server, falkordb_internals, open_store
from newsgraph.graph.stores.base import Step
from newsgraph.ingest.jobs import stored_documents
from newsgraph.ingest.writer import GraphWriter

__all__ = ["main", "run"]

HUB = "place:china"
SIZES = (1024, 2048, 4096, 8192, 16384, 32768, 65536)
_TIME = b"Query internal execution time"


def _server_ms(reply: Any) -> float:
    """FalkorDB's own execution time from a ``--compact`` reply's statistics."""
    for line in reply[-1] if isinstance(reply, list) and reply else []:
        text = line if isinstance(line, bytes) else str(line).encode()
        if text.startswith(_TIME):
            return float(text.split(b":")[1].split()[0])
    return 0.0


def _write(store: Any, steps: Sequence[Step]) -> tuple[float, float, list[float]]:
    """Run ``steps`` as one MULTI/EXEC transaction (as ``store.write`` does); return server
    ms, wall ms and each statement's server ms."""
    pipe = store._db.connection.pipeline(transaction=True)
    for text, params in steps:
        pipe.execute_command(*store._query_args("GRAPH.QUERY", text, params))
    start = time.perf_counter()
    replies = pipe.execute(raise_on_error=True)
    wall = (time.perf_counter() - start) * 1000
    each = [_server_ms(r) for r in replies]
    return sum(each), wall, each


def _read_ms(
    store: Any, name: str, params: dict[str, Any], runs: int = 21
) -> tuple[float, float, int]:
    """p50 server and wall ms of a saved query, and its row count."""
    text = store.info.library.get(f"queries/{name}").text
    bound = load_registry(store.info.engine).get(name).bind(params)  # defaults filled in, checked
    args = store._query_args("GRAPH.RO_QUERY", text, bound)
    server, wall, rows = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        reply = store._db.connection.execute_command(*args)
        wall.append((time.perf_counter() - start) * 1000)
        server.append(_server_ms(reply))
        rows = len(reply[1]) if len(reply) > 2 else 0
    return statistics.median(server), statistics.median(wall), rows


def _shape(store: Any) -> tuple[int, int, int]:
    hub = store.run(statement("hub_mentions").text, {"id": HUB}).scalar()
    row = store.run(statement("edge_sample_size").text).rows[0]
    return int(hub or 0), int(row[0] or 0), int(row[1] or 0)


def _forget_ms(store: Any, written: int) -> float:
    step = max(written // 10, 1)
    ids = [f"synth-{n:07d}" for n in range(step // 2, written, step)][:10]
    stored = stored_documents(store, ids)
    start = time.perf_counter()
    GraphWriter(store).forget({i: stored[i]["entities"] for i in ids if i in stored})
    return (time.perf_counter() - start) * 1000


def run(
    max_docs: int, batch_size: int, checkpoints: Sequence[int], store: Any,
    show_steps: bool = False,
) -> dict[int, dict[str, float]]:
    """Write up to ``max_docs`` documents and return the figures at each size reached."""
    writer = GraphWriter(store, extractor_version="bench")
    fold_title = store.info.library.get("write/merge_mentions").text.splitlines()[0]
    sizes = sorted({s for s in (*SIZES, *checkpoints) if s <= max_docs} | {max_docs})
    figures: dict[int, dict[str, float]] = {}
    recent: list[tuple[float, float, float]] = []
    per_step: dict[str, float] = {}
    written = 0
    print(f"{'docs':>7} {'batch srv':>10} {'wall':>8} {'mentions':>9} {'hub mentions':>13} "
          f"{'sample':>7} {'sources':>8} {'profile p50':>18} {'evidence p50':>18} "
          f"{'forget 10':>10}")  # fmt: skip
    for size in sizes:
        while written < size:
            n = min(batch_size, size - written)
            steps = writer.steps(documents(n, start=written), {})
            folds = [i for i, (text, _) in enumerate(steps) if text.startswith(fold_title)]
            server, wall, each = _write(store, steps)
            recent = [*recent[-4:], (server, wall, sum(each[i] for i in folds))]
            per_step: dict[str, float] = {}
            for (text, _), ms in zip(steps, each, strict=True):
                title = text.splitlines()[0].removeprefix("// title: ")
                per_step[title] = per_step.get(title, 0.0) + ms
            written += n
        profile = _read_ms(store, "entity_profile", {"id": HUB, "limit": 50, "offset": 0})
        src, rel, dst = HUB_EDGE
        edge = {"from": src, "type": rel, "to": dst, "limit": 100, "offset": 0}
        evidence = _read_ms(store, "evidence_for", edge)
        hub, sample, sources = _shape(store)
        forget = _forget_ms(store, written) if size in checkpoints else float("nan")
        row = {
            "batch_server_ms": statistics.median(r[0] for r in recent),
            "batch_wall_ms": statistics.median(r[1] for r in recent),
            "fold_ms": statistics.median(r[2] for r in recent),
            "profile_ms": profile[0], "profile_wall_ms": profile[1],
            "evidence_ms": evidence[0], "evidence_wall_ms": evidence[1],
            "forget_ms": forget, "hub_mentions": hub, "sample": sample, "sources": sources,
        }  # fmt: skip
        figures[size] = row
        print(f"{size:>7} {row['batch_server_ms']:>8.1f}ms {row['batch_wall_ms']:>6.1f}ms "
              f"{row['fold_ms']:>7.1f}ms {hub:>13,} {sample:>7} {sources:>8,} "
              f"{profile[0]:>6.2f}/{profile[1]:>6.2f}ms {evidence[0]:>6.2f}/{evidence[1]:>6.2f}ms "
              f"{'' if forget != forget else f'{forget:.0f}ms':>10}", flush=True)  # fmt: skip
        if show_steps:
            print("         last batch by statement: " + ", ".join(
                f"{title} {ms:.0f}" for title, ms in sorted(per_step.items(), key=lambda i: -i[1])
            ))  # fmt: skip
    return figures


def _verdict(figures: dict[int, dict[str, float]], checkpoints: Sequence[int]) -> None:
    low, high = min(checkpoints), max(figures)
    if low not in figures or high == low:
        return
    ratio = figures[high]["batch_server_ms"] / figures[low]["batch_server_ms"]
    worst_query = max(figures[high]["profile_ms"], figures[high]["evidence_ms"])
    forgets = [f["forget_ms"] for f in figures.values() if f["forget_ms"] == f["forget_ms"]]
    print(f"\nbatch server time at {high:,} / at {low:,}: {ratio:.2f}x (goal <= 1.5x)")
    print(f"hub queries p50 at {high:,}: {worst_query:.2f} ms server (goal < 10 ms)")
    print(f"forget of 10 documents, slowest: {max(forgets):.0f} ms (goal < 1000 ms)")


def main() -> None:
    """Run the benchmark on a fresh embedded store and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-docs", type=int, default=65536)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--checkpoints", default="4096,16384,65536",
                        help="sizes at which to time forget (comma-separated)")
    parser.add_argument("--steps", action="store_true",
                        help="also print the last batch's server ms by statement")
    args = parser.parse_args()
    checkpoints = [int(s) for s in args.checkpoints.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="ng-scale-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        server = embedded_server(settings)
        server.start(pin=True)
        store = falkordb_internals(open_store(settings))
        try:
            ensure_schema(store)
            # no background snapshots while measuring: their fork of a large graph competes
            # for the cores and is not what this measures (the server's own config is kept
            # for real stores)
            store._db.connection.execute_command("CONFIG", "SET", "save", "")
            figures = run(args.max_docs, args.batch_size, checkpoints, store, args.steps)
            _verdict(figures, [c for c in checkpoints if c in figures] or [min(figures)])
        finally:
            store.close()
            server.stop()


if __name__ == "__main__":
    main()
