"""Issue 12, case 1: ``forget`` while 8 clients query must not crash FalkorDB.

Upstream FalkorDB issue #502: deleting edges inside ``MULTI``/``EXEC`` while other
clients run queries crashed the server (SIGSEGV; twice the snapshot left behind could
never be loaded again). Deleting writes are now sent outside ``MULTI``/``EXEC``, under a
journal (``graph/stores/falkordb_journal.py``). A blocking ``SAVE`` (after each ``forget``)
raced the readers too (SIGSEGV in a reader about one run in four, and a snapshot that
crashed the server loading it), so snapshots are background saves that the writer waits
for (``save_snapshot``). Here: rounds of ``forget`` under eight
reader threads, each on its own connection; the server must stay up (same pid), no
reader may fail, and the graph must equal a clean ingest of the documents left.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from stress_support import corpus, ingest, ingest_fresh, write_jsonl

from newsgraph.graph.fingerprint import fingerprint
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import EmbeddedServer, FalkorDBStore, open_store
from newsgraph.ingest.forget import forget_documents

pytestmark = pytest.mark.stress

READERS = 8
ROUNDS = 6
PER_ROUND = 4


def _reader(store: FalkorDBStore, ids: list[str], stop: threading.Event,
            counts: list[int], errors: list[str]) -> None:  # fmt: skip
    registry = load_registry("falkordb")
    calls = [("neighbourhood", {"depth": "2"}), ("entity_profile", {}),
             ("documents_mentioning", {}), ("timeline", {})]  # fmt: skip
    n = 0
    while not stop.is_set():
        name, extra = calls[n % len(calls)]
        try:
            params = registry.get(name).parse_text({"id": ids[n % len(ids)], **extra})
            registry.run(store, name, params, row_cap=200, timeout_ms=10_000)
        except Exception as exc:  # every failure is counted and fails the test
            errors.append(f"{name}: {exc!r}")
            return
        n += 1
    counts.append(n)


def test_forget_under_eight_readers(tmp_path: Path) -> None:
    records = corpus(48)
    feed = write_jsonl(tmp_path / "feed.jsonl", records)
    settings = Settings(data_dir=tmp_path / "data")
    server = EmbeddedServer(settings.data_dir)
    info = server.start(pin=True)
    try:
        store = open_store(settings)
        ensure_schema(store)
        assert ingest(store, feed).documents_new == len(records)
        ids = [r["id"] for r in records]
        entity_ids = [row[0] for row in store.run("MATCH (e:Entity) RETURN e.id").rows]
        stop, counts, errors = threading.Event(), [], []  # type: ignore[var-annotated]
        readers = [FalkorDBStore(**store.connect_args) for _ in range(READERS)]  # type: ignore[attr-defined]
        threads = [threading.Thread(target=_reader, args=(r, entity_ids[i::READERS], stop,
                                                          counts, errors))
                   for i, r in enumerate(readers)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        forgotten: list[str] = []
        for round_ in range(ROUNDS):
            batch = ids[round_ * PER_ROUND : (round_ + 1) * PER_ROUND]
            assert forget_documents(store, batch) == sorted(batch)
            forgotten += batch
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert len(counts) == READERS and min(counts) > 0
        assert EmbeddedServer(settings.data_dir).status().pid == info.pid  # never restarted
        assert "crashed" not in server.log_path.read_text(errors="replace")
        kept = [r for r in records if r["id"] not in forgotten]
        left = write_jsonl(tmp_path / "left.jsonl", kept)
        after = fingerprint(store)
        for reader in readers:
            reader.close()
        store.close()
        assert after == ingest_fresh(settings, "clean", left)
    finally:
        server.stop()
