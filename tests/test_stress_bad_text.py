"""Issue 12, cases 2, 5 and 6: bad text mixed into a good corpus is refused per document,
named by file and line, before anything is written; every good document is stored and the
graph equals a clean run of the good documents alone.

Before: a NUL half-applied a batch (entities and edges without their documents), a lone
surrogate or a 1.5 MB article killed the run with a traceback, one raw NUL line rejected
a whole JSONL file as "binary", UTF-16 was called binary, and an id with a trailing space
added a new Document on every run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from stress_support import corpus, ingest, ingest_fresh, write_jsonl

from newsgraph.graph.fingerprint import fingerprint
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import EmbeddedServer, open_store

pytestmark = pytest.mark.stress


def _good(folder: Path, records: list[dict]) -> list[Path]:
    """The good inputs: a JSONL feed, a UTF-16 file with a BOM, a file with a stray control
    character (replaced by a space) and a document whose id others pad."""
    feed = write_jsonl(folder / "feed.jsonl", [*records[:-3], {**records[-3], "id": "coll"}])
    (folder / "utf16.txt").write_bytes(b"\xff\xfe" + records[-2]["text"].encode("utf-16-le"))
    (folder / "bell.txt").write_text(records[-1]["text"].replace(" ", "\x07", 1))
    return [feed, folder / "utf16.txt", folder / "bell.txt"]


def _bad(folder: Path, records: list[dict]) -> dict[str, str]:
    """The bad inputs; each name maps to the words its failure must contain."""
    text = records[0]["text"]
    (folder / "nul_late.txt").write_bytes(b"x" * 8200 + b" " + text.encode() + b"\x00end")
    (folder / "huge.txt").write_text("Ministers met. " * 80_000)  # 1.2M chars, under 2 MB
    lines = [
        json.dumps({"id": "esc-nul", "text": text + "\u0000"}).encode(),
        b'{"id": "raw-nul", "text": "x\x00y"}',
        json.dumps({"id": "lone", "text": text + "\ud800"}).encode(),
        json.dumps({"id": "coll ", "text": records[1]["text"]}).encode(),
        json.dumps({"id": "good-in-bad-file", "text": records[2]["text"]}).encode(),
    ]
    (folder / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return {"nul_late.txt: ": "NUL character", "huge.txt: ": "max_length",
            "mixed.jsonl:1: ": "NUL character", "mixed.jsonl:2: ": "line refused",
            "mixed.jsonl:3: ": "lone surrogate", "mixed.jsonl:4: ": "'coll '"}  # fmt: skip


def test_bad_documents_are_named_and_the_good_ones_all_stored(tmp_path: Path) -> None:
    records = corpus(24, seed=5)
    good_dir, bad_dir = tmp_path / "good", tmp_path / "bad"
    bad_dir.mkdir(parents=True)
    good = _good(good_dir, records[:-3] + records[-3:])
    expected = _bad(bad_dir, records)
    settings = Settings(data_dir=tmp_path / "data")
    server = EmbeddedServer(settings.data_dir)
    server.start(pin=True)
    try:
        store = open_store(settings)
        ensure_schema(store)
        summary = ingest(store, bad_dir, *good, batch_size=5)
        assert summary.documents_failed == len(expected), summary.failures
        for where, words in expected.items():
            (failure,) = [f for f in summary.failures if where in f]
            assert words in failure, failure
        ids = {row[0] for row in store.run("MATCH (d:Document) RETURN d.id").rows}
        assert len(ids) == len(records) + 1 and "coll" in ids and "coll " not in ids
        mixed = fingerprint(store)
        rerun = ingest(store, bad_dir, *good)  # nothing to repair, nothing doubled
        assert rerun.documents_new == 0 and fingerprint(store) == mixed
        store.close()
        for name in ("nul_late.txt", "huge.txt"):  # the clean run: the good documents only,
            (bad_dir / name).unlink()  # from the same files in the same order
        lines = (bad_dir / "mixed.jsonl").read_bytes().splitlines()
        (bad_dir / "mixed.jsonl").write_bytes(lines[-1] + b"\n")
        assert mixed == ingest_fresh(settings, "clean", bad_dir, *good)
    finally:
        server.stop()
