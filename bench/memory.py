"""Peak memory of ``newsgraph ingest`` against the size of its input: bounded, not the file.

    python -m bench.memory [--gigabytes 1] [--docs 300] [--long-docs 3000] [--keep DIR]

Writes two generated JSONL corpora (``bench/corpus.py``, streamed to disk, never built
in memory) with the same seed, so they begin with the same articles: 10 MB and
``--gigabytes`` GB (default 1). For each, with ``--workers 1`` and ``--workers 2``, runs
the real ``newsgraph ingest FILE --limit N`` as a subprocess on a fresh embedded store
(``--data-dir`` in a temporary folder) and samples ``/proc`` every 0.1 s (psutil is not
used). Extracting 1 GB takes hours here, so the runs stop after ``--docs`` articles:
the same work on both files, and a reader or job that held the file would show over
1 GB more on the big one. Printed, for each size and worker count:

- the ingest process tree, the CLI and its forked extraction workers: peak of the sum
  of RSS (pages the workers share with the parent counted in each) and of the sum of
  PSS (shared pages divided among their users, so the sum is the real footprint);
- the embedded FalkorDB server, peak RSS. It is a daemon (``redis-server
  --daemonize``), not a child of the CLI, so it is found through the data folder; it
  holds the graph, so it grows with what is written, not with the input file;

then the ratio of the big file's peaks to the 10 MB file's (goal: within 1.1x). Then the
whole big file through the ingest job with extraction stubbed out (every article read,
checked and diffed against the store, none extracted), peak RSS against the file's
size. Last, a longer run on the big file (``--long-docs``, ``--workers 2``) prints the peaks per
1,000 documents committed (counted through the store while the CLI runs), to show the
tree does not grow with the documents processed (goal: the last 1,000 within 1.1x of
the second; the first includes the workers' warm-up).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import generate
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store
from newsgraph.ingest.jobs import IngestOptions, run_ingest
from newsgraph.ingest.shards import extractor_version

__all__ = ["main"]

MB = 1 << 20
SMALL = 10 * MB


def write_feed(path: Path, size: int, seed: int = 7) -> Path:
    """A generated JSONL corpus of about ``size`` bytes, streamed to ``path`` (kept when
    one of that size is there already)."""
    if path.is_file() and size <= path.stat().st_size < size + MB:
        return path
    with path.open("w", encoding="utf-8") as out:
        for record in generate(sys.maxsize, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if out.tell() >= size:
                break
    return path


def _status(pid: int, *keys: str) -> dict[str, int]:
    """Fields of ``/proc/PID/status`` (or ``smaps_rollup``) in bytes; {} once it is gone."""
    found: dict[str, int] = {}
    name = "smaps_rollup" if keys == ("Pss:",) else "status"
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(keys):
                    found[line.split(":")[0]] = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return {}
    return found


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (from ``/proc/*/stat``)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, todo = [root], [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree += children
        todo += children
    return tree


@dataclass
class Sample:
    """One look at the processes: documents committed by then, and bytes."""

    docs: int
    rss: int
    pss: int
    server: int
    processes: int


@dataclass
class Run:
    """One ingest run's samples and summary."""

    samples: list[Sample] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0

    def peak(self, what: str, samples: list[Sample] | None = None) -> int:
        """The largest ``what`` (rss, pss, server) among ``samples`` (default: all)."""
        return max((getattr(s, what) for s in (samples or self.samples)), default=0)


def _sample(tree_root: int, server_pid: int | None, docs: int) -> Sample:
    pids = _tree(tree_root)
    rss = sum(_status(pid, "VmRSS").get("VmRSS", 0) for pid in pids)
    pss = sum(_status(pid, "Pss:").get("Pss", 0) for pid in pids)
    server = _status(server_pid, "VmRSS").get("VmRSS", 0) if server_pid else 0
    return Sample(docs, rss, pss, server, len(pids))


class _Skip:
    """An extractor that takes every document (counting them) and extracts none."""

    taken = 0

    def extract(self, documents: Iterable[Document], workers: int = 1) -> Iterator[Any]:
        for _ in documents:
            self.taken += 1
        yield from ()


def read_through(feed: Path, data_dir: Path) -> None:
    """Run the ingest job over all of ``feed`` without extraction; print its summary."""
    store = open_store(Settings(data_dir=data_dir))
    try:
        ensure_schema(store)
        options = IngestOptions(paths=(str(feed),), extractor_version=extractor_version())
        skip = _Skip()
        summary = run_ingest(store, skip, options).to_dict()
        print(json.dumps(summary | {"taken": skip.taken}))
    finally:
        store.close()


def _documents(store: GraphStore) -> int:
    return int(store.run(store.library.get("admin/counts").text).records()[0]["documents"])


def _server_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "falkordb.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def ingest(feed: Path, data_dir: Path, docs: int, workers: int) -> Run:
    """``newsgraph ingest FEED --limit DOCS --workers W`` on a fresh store, sampled."""
    command = [sys.executable, "-m", "newsgraph.cli.main", "--data-dir", str(data_dir),
               "ingest", str(feed), "--limit", str(docs), "--workers", str(workers),
               "--json"]  # fmt: skip
    return sampled(command, data_dir)


def sampled(command: list[str], data_dir: Path) -> Run:
    """Run ``command`` (printing a JSON summary) against the store in ``data_dir``,
    sampling its processes, the server and the documents stored."""
    store = open_store(Settings(data_dir=data_dir))  # a lease: the server outlives the CLI
    try:
        ensure_schema(store)
        run, start = Run(), time.perf_counter()
        env = os.environ | {"NEWSGRAPH_GRAPH_URL": ""}
        with subprocess.Popen(command, stdout=subprocess.PIPE, env=env) as proc:
            committed, polled = 0, 0.0
            while proc.poll() is None:
                if time.perf_counter() - polled > 1.0:
                    committed, polled = _documents(store), time.perf_counter()
                run.samples.append(_sample(proc.pid, _server_pid(data_dir), committed))
                time.sleep(0.1)
            output = proc.stdout.read() if proc.stdout else b""
        run.seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"ingest failed ({proc.returncode}): {' '.join(command)}")
        run.summary = json.loads(output)
        return run
    finally:
        store.close()


def _mb(value: float) -> str:
    return f"{value / MB:,.0f}"


def _row(label: str, run: Run) -> None:
    docs = int(str(run.summary.get("documents_new", 0)))
    print(f"{label:<28} {docs:>6} {run.seconds:>7.0f} {_mb(run.peak('rss')):>9} "
          f"{_mb(run.peak('pss')):>9} {_mb(run.peak('server')):>9} "
          f"{max(s.processes for s in run.samples):>6}")  # fmt: skip


def _compare(feeds: list[Path], docs: int, root: Path) -> None:
    print(f"\nfirst {docs} articles of each file (same articles), peaks in MB:")
    print(f"{'input, workers':<28} {'docs':>6} {'seconds':>7} {'tree RSS':>9} "
          f"{'tree PSS':>9} {'server':>9} {'procs':>6}")  # fmt: skip
    for workers in (1, 2):
        runs = []
        for feed in feeds:
            run = ingest(feed, root / f"store-{feed.stem}-{workers}", docs, workers)
            _row(f"{_mb(feed.stat().st_size)} MB, --workers {workers}", run)
            runs.append(run)
        small, big = runs
        ratios = [big.peak(k) / max(small.peak(k), 1) for k in ("rss", "pss")]
        extra = big.peak("pss") - small.peak("pss")
        print(f"  {_mb(feeds[1].stat().st_size)} MB against 10 MB: tree RSS {ratios[0]:.2f}x, "
              f"PSS {ratios[1]:.2f}x ({extra / MB:+,.0f} MB; goal: within 1.1x, where "
              f"holding the file would add {_mb(feeds[1].stat().st_size)} MB)")  # fmt: skip


def _per_thousand(run: Run) -> Iterator[tuple[int, list[Sample]]]:
    buckets: dict[int, list[Sample]] = {}
    for sample in run.samples:
        buckets.setdefault(sample.docs // 1000, []).append(sample)
    yield from sorted(buckets.items())


def _whole(feed: Path, root: Path) -> None:
    data_dir = root / "store-read"
    command = [sys.executable, "-m", "bench.memory", "--read-through", str(feed),
               "--keep", str(data_dir)]  # fmt: skip
    run = sampled(command, data_dir)
    read = int(str(run.summary.get("taken", 0)))
    size = feed.stat().st_size
    print(f"\nall of the {_mb(size)} MB file through the ingest job, extraction stubbed out: "
          f"{read:,} articles read and diffed in {run.seconds:.0f} s, peak RSS "
          f"{_mb(run.peak('rss'))} MB ({run.peak('rss') / size:.2f}x the file; goal: "
          "flat, far under 1x)")  # fmt: skip
    quarters = [run.samples[len(run.samples) * q // 4 - 1].rss for q in (1, 2, 3, 4)]
    print(f"  RSS at a quarter, half, three quarters and the end of the run: "
          f"{' / '.join(_mb(r) for r in quarters)} MB")  # fmt: skip


def _long(feed: Path, docs: int, root: Path) -> None:
    run = ingest(feed, root / "store-long", docs, 2)
    rate = int(str(run.summary.get("documents_new", 0))) / run.seconds
    print(f"\nlonger run: first {docs} articles of the {_mb(feed.stat().st_size)} MB file, "
          f"--workers 2, {run.seconds:.0f} s ({rate:.1f} docs/s); peaks in MB per 1,000 "
          "documents committed:")  # fmt: skip
    print(f"{'documents committed':<22} {'tree RSS':>9} {'tree PSS':>9} {'server':>9}")
    rows = list(_per_thousand(run))
    for thousand, samples in rows:
        label = f"{thousand * 1000:,}-{thousand * 1000 + 999:,}"
        label = label if thousand * 1000 < docs else "all, then shutting down"
        print(f"{label:<22} {_mb(run.peak('rss', samples)):>9} "
              f"{_mb(run.peak('pss', samples)):>9} {_mb(run.peak('server', samples)):>9}")
    full = [samples for thousand, samples in rows if thousand * 1000 + 999 < docs]
    if len(full) >= 3:
        second, last = (run.peak("pss", s) for s in (full[1], full[-1]))
        print(f"  tree PSS, last full 1,000 against the second: {last / second:.2f}x "
              "(goal: within 1.1x)")


def main() -> None:
    """Write the corpora, run the ingests, print the peaks beside the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=1.0, help="size of the big file")
    parser.add_argument("--docs", type=int, default=300, help="articles ingested per run")
    parser.add_argument("--long-docs", type=int, default=3000,
                        help="articles in the longer run (0: skip it)")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="keep the corpora here for the next run")
    parser.add_argument("--read-through", type=Path, help=argparse.SUPPRESS)  # one step
    args = parser.parse_args()
    if args.read_through:
        read_through(args.read_through, args.keep)
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-memory-") as tmp:
        root, corpora = Path(tmp), args.keep or Path(tmp)
        corpora.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        feeds = [write_feed(corpora / "feed-10mb.jsonl", SMALL),
                 write_feed(corpora / "feed-big.jsonl", int(args.gigabytes * 1024 * MB))]
        load = os.getloadavg()
        print(f"corpora: {', '.join(f'{_mb(f.stat().st_size)} MB' for f in feeds)} "
              f"({time.perf_counter() - start:.0f} s to write or find); {os.cpu_count()} CPUs, "
              f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; /proc sampled "
              "every 0.1 s (no psutil)")  # fmt: skip
        _compare(feeds, args.docs, root)
        _whole(feeds[1], root)
        if args.long_docs:
            _long(feeds[1], args.long_docs, root)


if __name__ == "__main__":
    main()
