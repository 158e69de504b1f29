"""Judgements on a real embedded FalkorDB with the real spaCy pipeline: each change leaves
the graph equal (graph/fingerprint.py) to a clean ingest with the same judgements file.

The articles under tests/fixtures/judgements/ are written for these tests: "H. Brenn"
and "Halvard Brenn" are one person the extractor keeps apart, "Brenn" alone is folded
into "Halvard Brenn" by the canonicaliser, and j6's "Tomas Ekdahl" is a footballer, not
the Tomas Ekdahl of j2, j4 and j5.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from newsgraph.cli.judge import judge_copy
from newsgraph.graph.errors import BadInputError
from newsgraph.graph.export.copy import copy_graph
from newsgraph.graph.fingerprint import fingerprint
from newsgraph.graph.judgement_file import read_judgements, write_judgements
from newsgraph.graph.judgements import Judgement
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import FalkorDBStore, GraphStore, ServerInfo
from newsgraph.ingest.extract import Extractor
from newsgraph.ingest.forget import forget_documents
from newsgraph.ingest.jobs import IngestOptions, IngestSummary, run_ingest
from newsgraph.ingest.rejudge import add_judgement, drop_judgement

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "judgements"
FIRST, MORE = FIXTURES / "first.jsonl", FIXTURES / "more.jsonl"
BRENN, H_BRENN, SURNAME = "person:halvard-brenn", "person:h-brenn", "person:brenn"
EKDAHL = "person:tomas-ekdahl"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One spaCy pipeline for the module."""
    return Extractor(Settings())


@pytest.fixture(scope="module")
def options() -> IngestOptions:
    """How ``newsgraph ingest`` writes (its extractor version included)."""
    from newsgraph.ingest.shards import extractor_version

    return IngestOptions(paths=(), batch_size=2, extractor_version=extractor_version())


@pytest.fixture
def stores(falkordb_server: ServerInfo) -> Iterator[Callable[[], GraphStore]]:
    """Fresh graphs of the session server, deleted after the test."""
    made: list[FalkorDBStore] = []

    def make() -> GraphStore:
        graph = f"judge_{uuid.uuid4().hex[:12]}"
        store = FalkorDBStore(graph=graph, url=f"test:{graph}",
                              unix_socket=falkordb_server.unix_socket,
                              port=falkordb_server.port or 0)  # fmt: skip
        ensure_schema(store)
        made.append(store)
        return store

    yield make
    for store in made:
        store.delete_graph()
        store.close()


def ingest(store: GraphStore, extractor: Extractor, options: IngestOptions, path: Path,
           judgements: Path | None = None) -> IngestSummary:  # fmt: skip
    """Ingest as the CLI does, with the judgements of ``judgements`` (a file) applied."""
    found = read_judgements(judgements)
    assert found.problems == []
    run = IngestOptions(**{**options.__dict__, "paths": (str(path),)})
    summary = run_ingest(store, extractor, run, judgements=found.judgements)
    assert summary.documents_failed == 0, summary.failures
    return summary


def articles(tmp_path: Path, *paths: Path, without: tuple[str, ...] = (),
             name: str = "corpus.jsonl") -> Path:  # fmt: skip
    """The articles of ``paths`` but ``without``, as one JSONL file."""
    rows = [json.loads(line) for p in paths for line in p.read_text().splitlines()]
    out = tmp_path / name
    out.write_text("".join(json.dumps(r) + "\n" for r in rows if r["id"] not in without))
    return out


def mentions(store: GraphStore, entity: str) -> list[str]:
    """The ids of the documents that mention ``entity``, sorted."""
    rows = store.run("MATCH (d:Document)-[:MENTIONS]->(:Entity {id: $id}) RETURN d.id",
                     {"id": entity}).rows  # fmt: skip
    return sorted(row[0] for row in rows)


def entity(store: GraphStore, entity_id: str) -> dict[str, Any] | None:
    """The properties of one entity, or None."""
    rows = store.run("MATCH (e:Entity {id: $id}) RETURN properties(e)", {"id": entity_id}).rows
    return rows[0][0] if rows else None


def test_merge_then_more_articles_then_forget_equals_a_clean_ingest(
    stores: Callable[[], GraphStore], extractor: Extractor, options: IngestOptions,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "judgements.jsonl"
    store = stores()
    ingest(store, extractor, options, FIRST)
    assert (mentions(store, H_BRENN), mentions(store, BRENN)) == (["j2"], ["j1", "j3"])
    report = add_judgement(store, extractor, path, Judgement("merge", (H_BRENN, BRENN)), options)
    assert sorted(report.documents) == ["j1", "j2", "j3"] and report.failures == []
    assert read_judgements(path).items[0].name == "Halvard Brenn"  # the target as stored
    assert entity(store, H_BRENN) is None
    merged = entity(store, BRENN)
    assert merged is not None and "H. Brenn" in merged["aliases"]
    assert (merged["document_count"], merged["mention_count"]) == (3, 4)
    clean = stores()
    ingest(clean, extractor, options, FIRST, judgements=path)
    assert fingerprint(store) == fingerprint(clean)

    ingest(store, extractor, options, MORE, judgements=path)  # j4 names both, j5 H. Brenn
    assert mentions(store, BRENN) == ["j1", "j2", "j3", "j4", "j5"]
    assert entity(store, H_BRENN) is None
    edge = store.run("MATCH (:Entity {id: $a})-[r:MET_WITH]-(:Entity {id: $b}) "
                     "RETURN r.source_count", {"a": BRENN, "b": EKDAHL}).rows  # fmt: skip
    assert edge == [[3]]  # j2, j4 and j5 state it; one edge
    assert forget_documents(store, ["j2"]) == ["j2"]
    rest = stores()
    ingest(rest, extractor, options, articles(tmp_path, FIRST, MORE, without=("j2",)),
           judgements=path)  # fmt: skip
    assert fingerprint(store) == fingerprint(rest)


def test_keep_apart_fences_the_extractor_and_survives_reingest(
    stores: Callable[[], GraphStore], extractor: Extractor, options: IngestOptions,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "judgements.jsonl"
    store = stores()
    ingest(store, extractor, options, FIRST)
    assert entity(store, SURNAME) is None  # "Brenn" in j3 is Halvard Brenn to the extractor
    report = add_judgement(store, extractor, path, Judgement("keep-apart", (SURNAME, BRENN)),
                           options)  # fmt: skip
    assert sorted(report.documents) == ["j1", "j3"]
    surname = entity(store, SURNAME)
    assert surname is not None and surname["aliases"] == ["Brenn"]
    assert "Brenn" not in (entity(store, BRENN) or {})["aliases"]
    clean = stores()
    ingest(clean, extractor, options, FIRST, judgements=path)
    assert fingerprint(store) == fingerprint(clean)

    changed = articles(tmp_path, FIRST, name="changed.jsonl")
    changed.write_text(changed.read_text().replace("200 engineers", "300 engineers"))
    assert ingest(store, extractor, options, changed, judgements=path).documents_updated == 1
    assert mentions(store, SURNAME) == ["j3"]  # re-extracted, fenced again

    before = path.read_text()
    with pytest.raises(BadInputError, match="#1 keeps apart"):
        add_judgement(store, extractor, path, Judgement("merge", (SURNAME, BRENN)), options)
    add_judgement(store, extractor, path, Judgement("merge", (H_BRENN, BRENN)), options)
    with pytest.raises(BadInputError, match="#1 keeps apart"):  # a chain would join them
        add_judgement(store, extractor, path, Judgement("merge", (SURNAME, H_BRENN)), options)
    assert len(read_judgements(path).items) == 2 and path.read_text() != before


def test_split_moves_only_the_named_documents_and_drop_undoes_it(
    stores: Callable[[], GraphStore], extractor: Extractor, options: IngestOptions,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "judgements.jsonl"
    corpus = articles(tmp_path, FIRST, MORE)
    store, plain = stores(), stores()
    ingest(store, extractor, options, corpus)
    ingest(plain, extractor, options, corpus)
    assert mentions(store, EKDAHL) == ["j2", "j4", "j5", "j6"]
    item = Judgement("split", (EKDAHL, "person:tomas-ekdahl-fc"), docs=("j6",),
                     name="Tomas Ekdahl")  # fmt: skip
    report = add_judgement(store, extractor, path, item, options)
    assert report.documents == ["j6"]
    assert mentions(store, EKDAHL) == ["j2", "j4", "j5"]
    assert mentions(store, "person:tomas-ekdahl-fc") == ["j6"]
    footballer = entity(store, "person:tomas-ekdahl-fc")
    assert footballer is not None and footballer["name"] == "Tomas Ekdahl"
    met = store.run("MATCH (a:Entity)-[:MET_WITH]-(:Entity {id: 'person:ingrid-solheim'}) "
                    "RETURN a.id").rows  # fmt: skip
    assert met == [["person:tomas-ekdahl-fc"]]
    clean = stores()
    ingest(clean, extractor, options, corpus, judgements=path)
    assert fingerprint(store) == fingerprint(clean)

    assert drop_judgement(store, extractor, path, 1, options).documents == ["j6"]
    assert read_judgements(path).items == []
    assert fingerprint(store) == fingerprint(plain)
    with pytest.raises(BadInputError, match="no judgement #1"):
        drop_judgement(store, extractor, path, 1, options)


def test_copy_applies_and_carries_the_judgements(
    stores: Callable[[], GraphStore], extractor: Extractor, options: IngestOptions,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "judgements.jsonl"
    source = stores()
    ingest(source, extractor, options, FIRST)
    scratch = stores()  # the judgements are made on another store; the source never saw them
    ingest(scratch, extractor, options, FIRST)
    add_judgement(scratch, extractor, path, Judgement("merge", (H_BRENN, BRENN)), options)
    target, target_dir = stores(), tmp_path / "target-data"
    copy_graph(source, target)
    found, rewritten = judge_copy(target, Settings(data_dir=tmp_path / "source-data"), path,
                                  target_dir)  # fmt: skip
    assert sorted(rewritten) == ["j1", "j2", "j3"]
    assert read_judgements(target_dir / "judgements.jsonl").items == found.items
    clean = stores()
    ingest(clean, extractor, options, FIRST, judgements=path)
    assert fingerprint(target) == fingerprint(clean)
    assert entity(source, H_BRENN) is not None  # the source is left as it was


def test_shards_and_bulk_files_are_judged_as_ingest_judges(
    stores: Callable[[], GraphStore], extractor: Extractor, options: IngestOptions,
    tmp_path: Path,
) -> None:  # fmt: skip
    from test_shards import sorted_rows

    from newsgraph.graph.export.neo4j_import import export_neo4j_import
    from newsgraph.ingest.bulk import neo4j_import_from_shards
    from newsgraph.ingest.shard_extract import write_local_shards
    from newsgraph.ingest.shards import ShardExtractor, read_shards

    path = tmp_path / "judgements.jsonl"
    write_judgements(path, [Judgement("merge", (H_BRENN, BRENN), name="Halvard Brenn", n=1),
                            Judgement("keep-apart", (SURNAME, BRENN), n=2)])  # fmt: skip
    corpus = articles(tmp_path, FIRST, MORE)
    shards = tmp_path / "shards"
    write_local_shards([corpus], shards, Settings(), per_shard=2)  # raw extraction
    rules = read_judgements(path).judgements
    sharded = stores()
    run = IngestOptions(**{**options.__dict__, "paths": (str(shards),)})
    read = partial(read_shards, version=options.extractor_version)
    summary = run_ingest(sharded, ShardExtractor(), run, read=read, judgements=rules)
    assert (summary.documents_new, summary.documents_failed) == (6, 0)
    plain = stores()
    ingest(plain, extractor, options, corpus, judgements=path)
    assert fingerprint(sharded) == fingerprint(plain)
    assert mentions(sharded, H_BRENN) == [] and mentions(sharded, SURNAME) == ["j3"]

    bulk = neo4j_import_from_shards([shards], tmp_path / "bulk", version=options.extractor_version,
                                    batch_size=options.batch_size, judgements=rules)  # fmt: skip
    exported = export_neo4j_import(sharded, tmp_path / "exported", workers=1).folder
    for name in ("entities.csv", "documents.csv", "evidence.csv"):
        assert sorted_rows(bulk.neo4j.folder, name) == sorted_rows(exported, name), name
