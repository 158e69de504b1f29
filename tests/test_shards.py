"""Extracted shards without Ray: the format, ``ingest --extracted`` against ``ingest``,
reruns, changed documents, version refusal, Parquet, and the bulk import files."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_ingest_writer import dump_graph

from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.export.neo4j_import import export_neo4j_import
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, GraphStore, ServerInfo
from newsgraph.ingest.bulk import neo4j_import_from_shards
from newsgraph.ingest.extract import Extractor
from newsgraph.ingest.jobs import IngestOptions, IngestSummary, run_ingest
from newsgraph.ingest.shard_extract import write_local_shards
from newsgraph.ingest.shards import (
    ShardExtractor,
    extractor_version,
    read_shards,
    shard_files,
    write_shard,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
SCHEMA = json.loads((REPO / "docs" / "shard.schema.json").read_text(encoding="utf-8"))
VERSION = extractor_version()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One spaCy pipeline for the module."""
    return Extractor(Settings())


@pytest.fixture
def new_store(falkordb_server: ServerInfo) -> Iterator[Callable[[], GraphStore]]:
    """Opens further empty graphs on the session server; all are dropped afterwards."""
    stores: list[FalkorDBStore] = []

    def make() -> GraphStore:
        graph = f"test_{uuid.uuid4().hex[:12]}"
        store = FalkorDBStore(graph=graph, url=f"test:{graph}",
                              unix_socket=falkordb_server.unix_socket,
                              port=falkordb_server.port or 0)  # fmt: skip
        ensure_schema(store)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.delete_graph()
        store.close()


def options(*paths: Path) -> IngestOptions:
    """Options as the CLI builds them, batches of 5 so that several batches are written."""
    return IngestOptions(paths=tuple(map(str, paths)), batch_size=5, extractor_version=VERSION)


def ingest_articles(store: GraphStore, extractor: Extractor, *paths: Path) -> IngestSummary:
    """``newsgraph ingest PATHS``."""
    return run_ingest(store, extractor, options(*paths))


def ingest_shards(store: GraphStore, *paths: Path) -> IngestSummary:
    """``newsgraph ingest --extracted PATHS``."""
    read = partial(read_shards, version=VERSION)
    return run_ingest(store, ShardExtractor(), options(*paths), read=read)


def shards_of(articles: Path, out: Path, per_shard: int = 6) -> Path:
    """``newsgraph extract ARTICLES --output OUT`` (several shard files)."""
    summary = write_local_shards([articles], out, Settings(), per_shard=per_shard)
    assert summary["problems"] == 0 and summary["shards"] > 1, summary
    return out


def lines(folder: Path) -> list[dict[str, Any]]:
    """Every record of the JSONL shards in ``folder``, in order."""
    return [json.loads(line) for path in shard_files([folder]) if isinstance(path, Path)
            for line in path.read_text(encoding="utf-8").splitlines()]  # fmt: skip


def test_records_follow_the_published_schema(tmp_path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    records = lines(shards_of(EXAMPLES, tmp_path / "shards"))
    assert len(records) == 17
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in records:
        assert not list(validator.iter_errors(record)), record["document"]["id"]
    assert sum(len(r["relations"]) for r in records) > 20
    assert all(r["extractor_version"] == VERSION for r in records)


def test_extracting_into_a_folder_of_old_shards_is_refused(tmp_path: Path) -> None:
    shards = shards_of(EXAMPLES, tmp_path / "shards")
    with pytest.raises(BadParameterError, match=r"already holds shards \(part-000000000"):
        write_local_shards([EXAMPLES], shards, Settings())
    assert len(lines(shards)) == 17


def test_ingesting_shards_equals_ingesting_articles_and_a_rerun_writes_nothing(
    new_store: Callable[[], GraphStore], extractor: Extractor, tmp_path: Path
) -> None:
    plain, sharded = new_store(), new_store()
    shards = shards_of(EXAMPLES, tmp_path / "shards")
    direct = ingest_articles(plain, extractor, EXAMPLES)
    first = ingest_shards(sharded, shards)
    assert (first.documents_new, first.documents_failed) == (17, 0)
    assert (first.entities, first.relations) == (direct.entities, direct.relations)
    assert dump_graph(sharded) == dump_graph(plain)
    before = dump_graph(sharded)
    again = ingest_shards(sharded, shards)
    assert (again.documents_new, again.documents_updated, again.documents_unchanged) == (0, 0, 17)
    assert (again.entities, again.relations) == (0, 0)
    assert dump_graph(sharded) == before
    # the two paths agree on versions: articles after shards are unchanged too
    assert ingest_articles(sharded, extractor, EXAMPLES).documents_unchanged == 17


def test_a_changed_shard_replaces_exactly_its_document(
    new_store: Callable[[], GraphStore], extractor: Extractor, tmp_path: Path
) -> None:
    rows = [json.loads(x) for x in next(EXAMPLES.glob("*.jsonl")).read_text().splitlines()]
    changed = [dict(r) for r in rows]
    target = next(i for i, r in enumerate(changed) if r["id"] == "byd-overtakes-tesla")
    changed[target]["text"] = changed[target]["text"].replace(
        "BYD competes with Tesla on price", "BYD partnered with Tesla on price"
    )
    assert changed[target]["text"] != rows[target]["text"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = tmp_path / "a" / "corpus.jsonl"
    after = tmp_path / "b" / "corpus.jsonl"
    before.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    after.write_text("".join(json.dumps(r) + "\n" for r in changed), encoding="utf-8")
    store, expected = new_store(), new_store()
    ingest_shards(store, shards_of(before, tmp_path / "shards-a"))
    summary = ingest_shards(store, shards_of(after, tmp_path / "shards-b"))
    assert (summary.documents_updated, summary.documents_unchanged) == (1, 16)
    assert ingest_articles(expected, extractor, before).documents_new == 17
    assert ingest_articles(expected, extractor, after).documents_updated == 1
    updated = dump_graph(store)
    assert updated == dump_graph(expected)  # what ingesting the articles again does
    # and the graph of a clean run that writes the changed article last: nothing else moved
    clean = new_store()
    others = [r for r in changed if r["id"] != "byd-overtakes-tesla"]
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in others))
    (tmp_path / "c" / "2.jsonl").write_text(json.dumps(changed[target]) + "\n")
    ingest_articles(clean, extractor, tmp_path / "c" / "1.jsonl")
    ingest_articles(clean, extractor, tmp_path / "c" / "2.jsonl")
    assert updated == dump_graph(clean)


def test_a_shard_from_another_extractor_version_is_refused(
    new_store: Callable[[], GraphStore], tmp_path: Path
) -> None:
    shards = shards_of(EXAMPLES, tmp_path / "shards")
    first = sorted(shards.glob("*.jsonl"))[0]
    records = [json.loads(x) for x in first.read_text(encoding="utf-8").splitlines()]
    records[1]["extractor_version"] = "newsgraph-rules/0.1+000000000000"
    first.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = new_store()
    summary = ingest_shards(store, shards)
    assert (summary.documents_new, summary.documents_failed) == (16, 1)
    [failure] = summary.failures
    assert failure.startswith(f"{first}:2: ")
    assert "newsgraph-rules/0.1+000000000000" in failure and VERSION in failure
    stored = store.run("MATCH (d:Document {id: $id}) RETURN count(d) AS n",
                       {"id": records[1]["document"]["id"]}).records()  # fmt: skip
    assert stored[0]["n"] == 0


def test_parquet_shards_read_back_as_the_jsonl_ones(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    shards = shards_of(EXAMPLES, tmp_path / "shards")
    records = lines(shards)
    (tmp_path / "pq").mkdir()
    write_shard(tmp_path / "pq" / "part-0.parquet", records)
    from_jsonl = [d.extracted for d in read_shards([shards], version=VERSION)]
    from_parquet = [d.extracted for d in read_shards([tmp_path / "pq"], version=VERSION)]
    assert len(from_parquet) == 17
    assert from_parquet == from_jsonl


def sorted_rows(folder: Path, name: str) -> tuple[list[str], list[list[str]]]:
    """A CSV's header and its rows sorted, ``ingested_at`` blanked (a store stamps it)."""
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    volatile = [n for n, column in enumerate(header) if column.startswith("ingested_at")]
    for row in rows:
        for n in volatile:
            row[n] = ""
    return header, sorted(rows)


def test_bulk_import_files_equal_the_export_of_an_ingested_store(
    new_store: Callable[[], GraphStore], tmp_path: Path
) -> None:
    shards = shards_of(EXAMPLES, tmp_path / "shards")
    store = new_store()
    ingest_shards(store, shards)
    exported = export_neo4j_import(store, tmp_path / "from-store", workers=1).folder
    bulk = neo4j_import_from_shards([shards], tmp_path / "from-shards", version=VERSION)
    assert bulk.failures == [] and bulk.documents == 17
    names = sorted(p.name for p in exported.iterdir())
    assert sorted(p.name for p in bulk.neo4j.folder.iterdir()) == names
    for name in names:
        store_header, store_rows = sorted_rows(exported, name)
        shard_header, shard_rows = sorted_rows(bulk.neo4j.folder, name)
        assert shard_header == store_header, name
        if name != "ingest_runs.csv":  # runs are the store's own record; shards have none
            assert shard_rows == store_rows, name
            assert shard_rows, name


def test_parquet_articles_parse_as_jsonl_articles_do() -> None:
    pa = pytest.importorskip("pyarrow")
    import io

    import pyarrow.parquet

    from newsgraph.ingest.ray_engine import parse_file

    rows = [{"id": "one", "text": "Tesla met Baidu.", "title": "T"},
            {"id": "two", "text": "   ", "title": None}]  # fmt: skip
    buffer = io.BytesIO()
    pyarrow.parquet.write_table(pa.Table.from_pylist(rows), buffer)
    parsed = parse_file("in.parquet", buffer.getvalue(), 1000)
    assert [line for line, _ in parsed] == [1, 2]
    assert parsed[0][1].id == "one" and parsed[0][1].title == "T"
    assert str(parsed[1][1]) == "in.parquet:2: missing or empty 'text'"
    assert str(parse_file("bad.parquet", b"not parquet", 1000)[0][1]).startswith(
        "bad.parquet: cannot read Parquet"
    )
