"""Extraction on Ray (local mode, 2 CPUs) against plain ``ingest`` of the same inputs:
the demo articles, 200 generated ones and some broken inputs; then the commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_ingest_writer import dump_graph
from test_shards import ingest_articles, ingest_shards, sorted_rows

from bench.corpus import write_corpus
from newsgraph.graph.errors import NewsgraphError
from newsgraph.graph.export.neo4j_import import export_neo4j_import
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, ServerInfo
from newsgraph.ingest.bulk import neo4j_import_from_shards
from newsgraph.ingest.extract import Extractor
from newsgraph.ingest.ray_engine import RayExtractSummary, extract_with_ray
from newsgraph.ingest.shards import extractor_version

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles, 200 generated ones, a file with a broken line and an empty file."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(EXAMPLES / "techpolicy.jsonl", folder / "a-demo.jsonl")
    write_corpus(folder / "b-generated.jsonl", 200, seed=5)
    good = {"id": "late-note", "text": "Lei Jun leads Xiaomi.\nXiaomi is based in Beijing."}
    (folder / "c-mixed.jsonl").write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    (folder / "d-empty.txt").write_text("  \n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ray_shards(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, RayExtractSummary]]:
    """The corpus extracted by Ray in local mode with 2 CPUs."""
    out = tmp_path_factory.mktemp("shards")
    try:
        summary = extract_with_ray([corpus], out, num_cpus=2, settings=Settings())
        yield out, summary
    finally:
        ray.shutdown()


def store_on(server: ServerInfo) -> FalkorDBStore:
    """A fresh graph on the session server."""
    graph = f"test_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(graph=graph, url=f"test:{graph}", unix_socket=server.unix_socket,
                          port=server.port or 0)  # fmt: skip
    ensure_schema(store)
    return store


def test_ray_shards_give_the_graph_of_a_plain_ingest(
    falkordb_server: ServerInfo, corpus: Path, ray_shards: tuple[Path, RayExtractSummary],
    tmp_path: Path,
) -> None:  # fmt: skip
    shards, summary = ray_shards
    assert (summary.files, summary.documents, summary.problems) == (4, 218, 2)
    assert summary.actors == 2 and summary.shards >= 2
    plain, sharded = store_on(falkordb_server), store_on(falkordb_server)
    try:
        direct = ingest_articles(plain, Extractor(Settings()), corpus)
        first = ingest_shards(sharded, shards)
        assert (first.documents_new, first.documents_failed) == (218, 2)
        assert (direct.documents_new, direct.documents_failed) == (218, 2)
        assert sorted(first.failures) == sorted(direct.failures)
        assert any(":2: not valid JSON" in f for f in first.failures), first.failures
        graph = dump_graph(sharded)
        assert graph == dump_graph(plain)
        assert len(graph["edges"]) > 500
        again = ingest_shards(sharded, shards)
        assert (again.documents_new, again.documents_updated, again.entities) == (0, 0, 0)
        assert again.documents_unchanged == 218
        assert dump_graph(sharded) == graph
        # the bulk path: the import files equal the export of the ingested store
        exported = export_neo4j_import(sharded, tmp_path / "store", workers=1).folder
        bulk = neo4j_import_from_shards([shards], tmp_path / "bulk", version=extractor_version())
        assert bulk.documents == 218 and len(bulk.failures) == 2
        for name in sorted(p.name for p in exported.iterdir()):
            store_header, store_rows = sorted_rows(exported, name)
            assert sorted_rows(bulk.neo4j.folder, name)[0] == store_header
            if name != "ingest_runs.csv":
                assert sorted_rows(bulk.neo4j.folder, name)[1] == store_rows, name
    finally:
        for store in (plain, sharded):
            store.delete_graph()
            store.close()


def test_without_ray_the_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(NewsgraphError, match=r"pip install 'newsgraph\[ray\]'"):
        extract_with_ray([EXAMPLES], tmp_path / "out", num_cpus=1)


def newsgraph(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``newsgraph --data-dir DATA ARGS`` to completion."""
    command = [sys.executable, "-m", "newsgraph.cli.main", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=os.environ | {"NEWSGRAPH_GRAPH_URL": ""})  # fmt: skip


def test_the_commands_extract_on_ray_ingest_and_build_import_files(tmp_path: Path) -> None:
    data, shards = tmp_path / "data", tmp_path / "shards"
    done = newsgraph(data, "extract", str(EXAMPLES), "--engine", "ray", "--workers", "2",
                     "--output", str(shards))  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert (summary["documents"], summary["problems"], summary["actors"]) == (17, 0, 2)
    assert summary["startup_seconds"] > 0
    outcomes = []
    for _ in range(2):
        done = newsgraph(data, "ingest", "--extracted", str(shards), "--json")
        assert done.returncode == 0, done.stderr
        outcomes.append(json.loads(done.stdout))
    assert (outcomes[0]["documents_new"], outcomes[1]["documents_unchanged"]) == (17, 17)
    assert outcomes[1]["entities"] == outcomes[1]["documents_new"] == 0
    done = newsgraph(data, "export", "--format", "neo4j-import", "--from-extracted",
                     str(shards), "--output", str(tmp_path / "import"), "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["documents"] == 17 and report["files"]["relations.csv"] > 20
    assert "neo4j-admin database import full" in report["command"]
    # a shard of another version: refused with file, line and both versions, exit 2
    shard = sorted(shards.glob("*.jsonl"))[0]
    record = json.loads(shard.read_text(encoding="utf-8").splitlines()[0])
    record["extractor_version"] = "other/1"
    record["document"]["id"] = "renamed"
    (shards / "zz.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    done = newsgraph(data, "ingest", "--extracted", str(shards / "zz.jsonl"))
    assert done.returncode == 2
    assert f"{shards / 'zz.jsonl'}:1: made by extractor version 'other/1'" in done.stderr
    assert extractor_version() in done.stderr


def test_bench_scale_runs_every_path() -> None:
    done = subprocess.run([sys.executable, "-m", "bench.scale", "--docs", "30"], cwd=REPO,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    number = r"\s+[\d.]+"
    for path in (r"ingest --workers 2", r"extract --engine ray \(2 CPUs, \d+ shards\)",
                 r"ingest --extracted \(writes only\)",
                 r"extract --engine ray \+ ingest --extracted"):  # fmt: skip
        assert re.search(rf"^{path}\s+30{number}{number}", done.stdout, re.M), (path, done.stdout)
    assert re.search(rf"^ray start-up \(ray.init, local\){number}$", done.stdout, re.M)
