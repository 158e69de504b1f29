"""``newsgraph ingest`` and ``forget`` as subprocesses on embedded stores, including SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_ingest_writer import dump_graph

from bench.corpus import write_corpus
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def newsgraph(data_dir: Path, *args: str) -> list[str]:
    """The command line for ``newsgraph --data-dir DATA ARGS``."""
    return [sys.executable, "-m", "newsgraph.cli.main", "--data-dir", str(data_dir), *args]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run newsgraph to completion."""
    return subprocess.run(newsgraph(data_dir, *args), cwd=REPO, capture_output=True, text=True,
                          timeout=300, env=os.environ | {"NEWSGRAPH_GRAPH_URL": ""})  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """200 generated articles."""
    return write_corpus(tmp_path / "corpus.jsonl", 200, seed=11)


def open_embedded(data_dir: Path) -> Iterator[GraphStore]:
    """A store on the embedded server of ``data_dir`` (holding a lease keeps it running)."""
    store = open_store(Settings(data_dir=data_dir))
    ensure_schema(store)  # as the CLI does; it also creates the graph key polled below
    try:
        yield store
    finally:
        store.close()


def documents(store: GraphStore) -> int:
    """How many Document nodes are stored."""
    return int(store.run(store.library.get("admin/counts").text).records()[0]["documents"])


def test_killed_ingest_then_rerun_equals_a_clean_run(tmp_path: Path, corpus: Path) -> None:
    clean_dir, killed_dir = tmp_path / "clean", tmp_path / "killed"
    assert run(clean_dir, "ingest", str(corpus), "--batch-size", "10").returncode == 0
    watcher = open_embedded(killed_dir)
    store = next(watcher)
    command = newsgraph(killed_dir, "ingest", str(corpus), "--batch-size", "10")
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while documents(store) < 10 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        written = documents(store)
        assert 10 <= written < 200, f"kill came at {written} documents"
        rerun = run(killed_dir, "ingest", str(corpus), "--batch-size", "10", "--json")
        assert rerun.returncode == 0, rerun.stderr
        summary = json.loads(rerun.stdout)
        assert summary["documents_unchanged"] == written
        assert summary["documents_new"] == 200 - written
        killed = dump_graph(store)
    finally:
        next(watcher, None)
    clean_watch = open_embedded(clean_dir)
    clean = dump_graph(next(clean_watch))
    next(clean_watch, None)
    assert killed == clean


def test_cli_reports_bad_input_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "ok.txt").write_text("Elon Musk met Li Qiang in Beijing on Sunday.")
    (tmp_path / "in" / "feed.jsonl").write_text('{"id": "x", "text": "Tesla."}\n{"id": \n')
    result = run(tmp_path / "data", "ingest", str(tmp_path / "in"), str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for expected in ("empty.txt", "feed.jsonl:2", "nope.txt"):
        assert expected in result.stderr
    assert "2 new" in result.stdout and "3 failed" in result.stdout


def test_cli_forget_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Elon Musk met Li Qiang in Beijing on Sunday.")
    assert run(tmp_path / "data", "ingest", str(tmp_path / "ok.txt")).returncode == 0
    result = run(tmp_path / "data", "forget", "nope")
    assert result.returncode == 2 and "no stored document with id 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
    result = run(tmp_path / "data", "forget", "ok", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == {"forgotten": ["ok"]}


def test_demo_without_serving_ingests_the_examples(tmp_path: Path) -> None:
    result = run(tmp_path / "data", "demo", "--no-serve")
    assert result.returncode == 0, result.stderr
    assert "17 new" in result.stdout and "/docs" in result.stdout


def _stored_ids(data_dir: Path) -> set[str]:
    watcher = open_embedded(data_dir)
    store = next(watcher)
    try:
        records = store.run(store.library.get("ingest/dump_nodes").text).records()
        return {r["properties"]["id"] for r in records if "Document" in r["labels"]}
    finally:
        next(watcher, None)


def test_limit_reads_only_the_first_n_articles_and_a_larger_limit_goes_on(
    tmp_path: Path,
) -> None:
    """``--limit N`` reads the first N lines' articles (a bad line counts as one) and
    stops; the store holds exactly those. A rerun with a larger limit finds them
    unchanged and adds the next ones."""
    lines = (tmp_path / "corpus.jsonl")
    write_corpus(lines, 12, seed=5)
    records = [json.loads(line) for line in lines.read_text().splitlines()]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([*map(json.dumps, records[:2]), '{"id": ',
                               *map(json.dumps, records[2:])]) + "\n")  # fmt: skip
    data = tmp_path / "data"
    first = run(data, "ingest", str(feed), "--limit", "6", "--workers", "2", "--json")
    assert first.returncode == 2, first.stderr  # the bad line is a failure
    summary = json.loads(first.stdout)
    assert (summary["documents_new"], summary["documents_failed"]) == (5, 1)
    assert f"{feed}:3" in summary["failures"][0]
    assert _stored_ids(data) == {r["id"] for r in records[:5]}
    second = run(data, "ingest", str(feed), "--limit", "9", "--json")
    summary = json.loads(second.stdout)
    assert (summary["documents_unchanged"], summary["documents_new"]) == (5, 3)
    assert _stored_ids(data) == {r["id"] for r in records[:8]}
    assert run(data, "ingest", str(feed), "--limit", "0").returncode != 0  # at least 1
