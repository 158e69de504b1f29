"""The bulk path on the corners the example articles do not reach: an edge with more
sources than its sample holds (ties on date broken by document id, undated documents),
more evidence sentences than a record keeps, reference facts (alone and beside text),
an entity whose labels grow in a later batch, and a Wikidata id first seen late. The
shards are written fresh here; the files must equal the export of a store that
ingested them with the same batch size, and a few values are checked by hand."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from test_shards import new_store, sorted_rows  # noqa: F401  (new_store is a fixture)

from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.export.neo4j_import import export_neo4j_import
from newsgraph.graph.migrations import EDGE_SAMPLE
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.bulk import neo4j_import_from_shards
from newsgraph.ingest.jobs import IngestOptions, run_ingest
from newsgraph.ingest.shards import ShardExtractor, read_shards, shard_record, write_shard

VERSION = "bulk-test-1"
BATCH = 4
DOCS = EDGE_SAMPLE + 6
PAIR = "company:harbour-works|PARTNERS_WITH|company:kestrel-labs"


def _document(n: int) -> ExtractedDocument:
    """Document ``n``: Kestrel Labs and Harbour Works partner (three sentences, more than
    a record keeps in some documents); Ana Pirel is a person, later an official with a
    Wikidata id; Kestrel Labs is in Vellmar (a reference fact; stated in text by some
    documents too); Vellmar is in Ostria (reference only)."""
    sentences = [f"Kestrel Labs and Harbour Works agreed deal number {n}.",
                 "Ana Pirel praised Kestrel Labs.",
                 "Kestrel Labs will work with Harbour Works again.",
                 "Harbour Works partners with Kestrel Labs."]  # fmt: skip
    if n % 3 == 0:
        sentences.append("Kestrel Labs is based in Vellmar.")
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    published = None if n % 5 == 4 else f"2025-0{1 + n % 4}-1{n % 2}"  # ties on date

    def ev(i: int, confidence: float) -> Evidence:
        s = sentences[i]
        return Evidence(f"doc-{n:02d}", s, starts[i], starts[i] + len(s), "rule-a", confidence)

    official = n >= 2 * BATCH
    entities = [Entity("Kestrel Labs", "Company", {"Kestrel Labs", "Kestrel"}, None, 4),
                Entity("Harbour Works", "Company", {"Harbour Works"}, None, 3),
                Entity("Ana Pirel", "Official" if official else "Person", {"Ana Pirel"},
                       "Q4242" if n >= 3 * BATCH else None, 1),
                Entity("Vellmar", "Place", {"Vellmar"}), Entity("Ostria", "Place")]  # fmt: skip
    kestrel, harbour, _, vellmar, ostria = (e.id for e in entities)
    texts = [0, 2, 3] if n % 2 else [2]
    relations = [
        Relation(harbour, "PARTNERS_WITH", kestrel, [ev(i, 0.5 + i / 10) for i in texts], 0.8),
        Relation(kestrel, "LOCATED_IN", vellmar, [], 0.9, "reference", f"atlas-{n % 2}"),
        Relation(vellmar, "LOCATED_IN", ostria, [], 0.95, "reference", "atlas-0"),
    ]
    if n % 3 == 0:
        relations.append(Relation(kestrel, "LOCATED_IN", vellmar, [ev(4, 0.7)], 0.7))
    document = Document(text, f"doc-{n:02d}", f"Deal {n}", None, "wire", published)
    return ExtractedDocument(document, entities, relations)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bulk_files_equal_the_store_on_samples_references_and_labels(
    new_store: Callable[[], GraphStore],  # noqa: F811
    tmp_path: Path,
) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    docs = [_document(n) for n in range(DOCS)]
    for first in range(0, DOCS, 10):  # several shards
        write_shard(shards / f"part-{first:03d}.jsonl",
                    [shard_record(d, VERSION) for d in docs[first : first + 10]])  # fmt: skip
    store = new_store()
    options = IngestOptions(paths=(str(shards),), batch_size=BATCH, extractor_version=VERSION,
                            evidence_per_document=2)  # fmt: skip
    read = partial(read_shards, version=VERSION)
    summary = run_ingest(store, ShardExtractor(), options, read=read)
    assert (summary.documents_new, summary.documents_failed) == (DOCS, 0), summary.failures
    report = export_neo4j_import(store, tmp_path / "store", workers=1)
    exported = report.folder
    bulk = neo4j_import_from_shards([shards], tmp_path / "bulk", version=VERSION,
                                    evidence_per_document=2, batch_size=BATCH)  # fmt: skip
    assert bulk.failures == [] and bulk.documents == DOCS
    assert bulk.neo4j.array_delimiter == report.array_delimiter == ";"
    assert bulk.neo4j.rows == report.rows | {"ingest_runs.csv": 0}
    for name in sorted(p.name for p in exported.iterdir()):
        store_header, store_rows = sorted_rows(exported, name)
        shard_header, shard_rows = sorted_rows(bulk.neo4j.folder, name)
        assert shard_header == store_header, name
        if name != "ingest_runs.csv":
            assert shard_rows == store_rows, name

    # by hand: the sample is the EDGE_SAMPLE newest sources, oldest first
    edges = {(r[":START_ID(Entity)"], r[":TYPE"], r[":END_ID(Entity)"]): r
             for r in _read(bulk.neo4j.folder, "relations.csv")}  # fmt: skip
    pair = edges[tuple(PAIR.split("|"))]  # type: ignore[index]
    records = {r["id:ID(Evidence)"]: r for r in _read(bulk.neo4j.folder, "evidence.csv")}
    dated = sorted((records[f"{PAIR}|doc-{n:02d}"]["date:date"], f"doc-{n:02d}")
                   for n in range(DOCS))  # fmt: skip
    assert pair["sources:string[]"].split(";") == [doc for _, doc in dated[-EDGE_SAMPLE:]]
    assert int(pair["source_count:int"]) == DOCS
    assert int(pair["evidence_count:int"]) == sum(3 if n % 2 else 1 for n in range(DOCS))
    assert pair["source_dates:date[]"].split(";") == [date for date, _ in dated[-EDGE_SAMPLE:]]
    assert not any(column.startswith("ev_") for column in pair)  # sentences: evidence.csv
    assert pair["provenance:string"] == "text" and pair["datasets:string[]"] == ""
    ref = edges[("place:vellmar", "LOCATED_IN", "place:ostria")]
    assert (ref["provenance:string"], ref["source_count:int"], ref["sources:string[]"]) == (
        "reference", "0", "")
    assert ref["reference_count:int"] == str(DOCS) and ref["datasets:string[]"] == "atlas-0"
    mixed = edges[("company:kestrel-labs", "LOCATED_IN", "place:vellmar")]
    assert mixed["provenance:string"] == "text" and mixed["datasets:string[]"] == "atlas-0;atlas-1"
    assert mixed["source_count:int"] == str(len(range(0, DOCS, 3)))
    entities = {r["id:ID(Entity)"]: r for r in _read(bulk.neo4j.folder, "entities.csv")}
    ana = entities["person:ana-pirel"]
    assert "Official" in ana[":LABEL"].split(";") and ana["type:string"] == "Person"
    assert ana["wikidata:string"] == "Q4242"
    kestrel = entities["company:kestrel-labs"]
    assert kestrel["aliases:string[]"] == "Kestrel;Kestrel Labs"
    assert kestrel["alias_counts:int[]"] == f"{DOCS};{DOCS}"
    assert kestrel["mention_count:int"] == str(4 * DOCS)


def test_bulk_batch_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(BadParameterError, match="batch_size"):
        neo4j_import_from_shards([tmp_path], tmp_path / "out", version=VERSION, batch_size=0)
