"""Issue 12, case 3 and the killed-run half of case 9: one writer per store.

Before: two ``ingest`` processes on one store duplicated the sources of every edge and
doubled the evidence, and a killed run's IngestRun stayed "running" forever. Now the
first write takes the store's writer lock (``flock`` in the data folder) until the run
ends: a second ingest waits for it, then finds every document unchanged; with a short
``NEWSGRAPH_WRITE_LOCK_TIMEOUT_S`` it is refused with a message naming the holder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stress_support import corpus, ingest_fresh, write_jsonl

from newsgraph.graph.fingerprint import fingerprint
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import EmbeddedServer, open_store

pytestmark = pytest.mark.stress

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))


def _ingest(data: Path, feed: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NEWSGRAPH, "--data-dir", str(data), "ingest", str(feed), "--batch-size", "5", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ | env,
    )  # fmt: skip


def _runs(settings: Settings) -> list[str]:
    store = open_store(settings)
    try:
        return sorted(str(r[0]) for r in store.run("MATCH (r:IngestRun) RETURN r.status").rows)
    finally:
        store.close()


def test_two_concurrent_ingests_equal_one_run(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", corpus(40, seed=3))
    settings = Settings(data_dir=tmp_path / "data")
    server = EmbeddedServer(settings.data_dir)
    server.start(pin=True)
    try:
        first, second = _ingest(settings.data_dir, feed), _ingest(settings.data_dir, feed)
        outputs = [p.communicate(timeout=120) for p in (first, second)]
        assert [first.returncode, second.returncode] == [0, 0], outputs
        store = open_store(settings)
        both = fingerprint(store)
        store.close()
        assert both == ingest_fresh(settings, "clean", feed)
        assert _runs(settings) == ["completed", "completed"]
        holder = open_store(settings)
        holder.write([("RETURN 1", {})])  # another writer holds the store (from its first write)
        try:
            refused = _ingest(settings.data_dir, feed, NEWSGRAPH_WRITE_LOCK_TIMEOUT_S="0.5")
            out, err = refused.communicate(timeout=120)
        finally:
            holder.close()
        assert refused.returncode == 5
        err = " ".join((out + err).split())  # under --json the error is a JSON object on stdout
        assert "is being written by pid" in err and "NEWSGRAPH_WRITE_LOCK_TIMEOUT_S" in err
        assert "Traceback" not in err
    finally:
        server.stop()


def test_a_killed_ingest_is_marked_and_the_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", corpus(60, seed=4))
    settings = Settings(data_dir=tmp_path / "data")
    server = EmbeddedServer(settings.data_dir)
    server.start(pin=True)
    try:
        reader = open_store(settings)
        ensure_schema(reader)
        run = _ingest(settings.data_dir, feed)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if reader.run("MATCH (d:Document) RETURN count(d)").scalar() >= 10:
                break
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        stored = reader.run("MATCH (d:Document) RETURN count(d)").scalar()
        reader.close()
        assert 10 <= stored < 60
        rerun = _ingest(settings.data_dir, feed)
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        store = open_store(settings)
        after = fingerprint(store)
        store.close()
        assert after == ingest_fresh(settings, "clean", feed)
        assert _runs(settings) == ["completed", "killed"]
    finally:
        server.stop()
