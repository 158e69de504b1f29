"""Set-like writes: replays, racing writers, half-applied batches and forget leave exactly the
graph of one clean write (compared by graph fingerprint), on the real embedded FalkorDB."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.export.copy import copy_graph
from newsgraph.graph.export.neo4j_import import export_neo4j_import
from newsgraph.graph.fingerprint import Fingerprint, fingerprint
from newsgraph.graph.migrations import ensure_schema, migrate_store
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.graph.stores import FalkorDBStore, GraphStore, ServerInfo
from newsgraph.ingest.jobs import stored_documents
from newsgraph.ingest.writer import EDGE_SAMPLE, GraphWriter

HUB = ("Kestrel Motors", "Company")
PLACE = ("Varnholm", "Place")
PARTNER = ("Lumen Cells", "Company")


def _article(n: int, *, partner: bool = True, day: int | None = None) -> ExtractedDocument:
    """Document ``n``: the hub is located in the place; every other one also partners."""
    sentences = [f"Kestrel Motors opened plant number {n} in Varnholm."]
    if partner:
        sentences.append(f"Kestrel Motors and Lumen Cells signed deal {n}.")
    text = " ".join(sentences)
    doc = Document(text=text, id=f"doc-{n:03d}", published=f"2025-01-{(day or n % 28) + 1:02d}")
    entities = {name: Entity(name, etype) for name, etype in (HUB, PLACE, PARTNER)}
    for entity in entities.values():
        entity.aliases.add(entity.name)
    entities["Kestrel Motors"].aliases.add("Kestrel")
    relations = []
    for sentence, (obj, rel) in zip(
        sentences, [(PLACE, "LOCATED_IN"), (PARTNER, "PARTNERS_WITH")], strict=False
    ):
        start = text.index(sentence)
        ev = Evidence(doc.id, sentence, start, start + len(sentence), "test", 0.5 + n / 1000)
        subject, other = entities[HUB[0]], entities[obj[0]]
        subject.mentions += 1
        other.mentions += 1
        relations.append(Relation(subject.id, rel, other.id, [ev], 0.7))
    used = [e for e in entities.values() if e.mentions]
    return ExtractedDocument(doc, used, relations)


def _reference(n: int) -> ExtractedDocument:
    """A document whose one fact comes from a reference dataset, not a sentence."""
    doc = Document(text=f"Varnholm news item {n}.", id=f"ref-{n}", published="2025-02-01")
    place, region = Entity("Varnholm", "Place"), Entity("Oster Region", "Place")
    for entity in (place, region):
        entity.aliases.add(entity.name)
        entity.mentions = 1
    rel = Relation(place.id, "LOCATED_IN", region.id, [], 1.0, "reference", "test-gazetteer")
    return ExtractedDocument(doc, [place, region], [rel])


@pytest.fixture
def second_store(falkordb_server: ServerInfo) -> Iterator[FalkorDBStore]:
    """Another empty graph on the session server, for the clean write to compare with."""
    graph = f"test_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(
        graph=graph, url=f"test:{graph}", unix_socket=falkordb_server.unix_socket,
        port=falkordb_server.port or 0,
    )  # fmt: skip
    ensure_schema(store)
    yield store
    store.delete_graph()
    store.close()


def _clean(store: GraphStore, docs: list[ExtractedDocument]) -> Fingerprint:
    GraphWriter(store).write(docs)
    return fingerprint(store)


def _retract(store: GraphStore, ids: list[str]) -> dict[str, list[str]]:
    stored = stored_documents(store, ids)
    return {doc_id: stored[doc_id]["entities"] for doc_id in ids}


def test_replaying_a_batch_changes_nothing(
    falkordb_store: GraphStore, second_store: GraphStore
) -> None:
    docs = [_article(n) for n in range(6)] + [_reference(1)]
    writer = GraphWriter(falkordb_store)
    writer.write(docs)
    once = fingerprint(falkordb_store)
    writer.write(docs)
    writer.write(docs[2:4])
    assert fingerprint(falkordb_store) == once == _clean(second_store, docs)
    assert once.counts["label:Evidence"] == 6 * 2 + 1  # one record per edge and document


def test_a_batch_overlapping_a_stored_one_adds_only_its_new_documents(
    falkordb_store: GraphStore, second_store: GraphStore
) -> None:
    """The hub's mentions and edge records are partly stored: the writer's batch summaries
    (which assume every mention is new) must give way to the ones folded from the new."""
    docs = [_article(n) for n in range(8)] + [_reference(3)]
    writer = GraphWriter(falkordb_store)
    writer.write(docs[:3])
    writer.write(docs[5:7])
    writer.write(docs)
    assert fingerprint(falkordb_store) == _clean(second_store, docs)


def test_two_racing_writers_leave_one_write(
    falkordb_store: FalkorDBStore, second_store: GraphStore
) -> None:
    docs = [_article(n) for n in range(40)]
    batches = [docs[i : i + 5] for i in range(0, len(docs), 5)]
    errors: list[BaseException] = []

    def run(order: list[list[ExtractedDocument]]) -> None:
        store = FalkorDBStore(**falkordb_store.connect_args)
        try:
            for batch in order:
                GraphWriter(store).write(batch)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=(order,)) for order in (batches, batches[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert fingerprint(falkordb_store) == _clean(second_store, docs)


def test_a_rerun_repairs_a_half_applied_batch(
    falkordb_store: GraphStore, second_store: GraphStore
) -> None:
    docs = [_article(n) for n in range(4)] + [_reference(2)]
    clean = _clean(second_store, docs)
    writer = GraphWriter(falkordb_store)
    steps = writer.steps(docs, {})
    assert len(steps) > 4
    for cut in range(1, len(steps)):  # each prefix applied on its own, as if the rest failed
        falkordb_store.write([(falkordb_store.library.get("admin/delete_all").text, {})])
        for step in steps[:cut]:
            falkordb_store.write([step])
        writer.write(docs)
        assert fingerprint(falkordb_store) == clean, f"after the first {cut} steps"


def test_forget_equals_a_clean_ingest_of_the_rest(
    falkordb_store: GraphStore, second_store: GraphStore
) -> None:
    docs = [_article(n, partner=n % 3 == 0) for n in range(EDGE_SAMPLE + 10)] + [_reference(3)]
    writer = GraphWriter(falkordb_store)
    for start in range(0, len(docs), 7):
        writer.write(docs[start : start + 7])
    edge = _located(falkordb_store)
    assert edge["source_count"] == EDGE_SAMPLE + 10 and len(edge["sources"]) == EDGE_SAMPLE
    assert edge["sources"] == sorted(edge["sources"], key=lambda d: (_date(docs, d), d))
    gone = ["doc-005", "doc-029", "doc-027", "doc-012", "ref-3"]  # newest ones included
    writer.forget(_retract(falkordb_store, gone))
    rest = [d for d in docs if d.document.id not in gone]
    assert fingerprint(falkordb_store) == _clean(second_store, rest)
    assert _located(falkordb_store)["source_count"] == EDGE_SAMPLE + 6


def test_reference_facts_name_their_dataset(falkordb_store: GraphStore) -> None:
    GraphWriter(falkordb_store).write([_reference(1), _reference(2)])
    rows = falkordb_store.run(
        "MATCH (:Entity {id: 'place:varnholm'})-[r:LOCATED_IN]->() RETURN properties(r) AS p"
    ).records()
    props = rows[0]["p"]
    assert props["provenance"] == "reference" and props["datasets"] == ["test-gazetteer"]
    assert props["reference_count"] == 2 and props["source_count"] == 0
    assert props["sources"] == [] and props["evidence_count"] == 0


def _located(store: GraphStore) -> dict:
    rows = store.run(
        "MATCH (:Entity {id: 'company:kestrel-motors'})-[r:LOCATED_IN]->() "
        "RETURN properties(r) AS p"
    ).records()
    return rows[0]["p"]


def _date(docs: list[ExtractedDocument], doc_id: str) -> str:
    return next(str(d.document.published) for d in docs if d.document.id == doc_id)


_COPY_SENTENCES_TO_EDGES = """
MATCH (a:Entity)-[r]->(b:Entity) WHERE r.source_count IS NOT NULL
MATCH (v:Evidence {edge: a.id + '|' + type(r) + '|' + b.id})
WITH r, v ORDER BY v.date, v.doc
WITH r, collect(v) AS vs
SET r.source_counts = [v IN vs | v.count],
    r.ev_doc = reduce(acc = [], v IN vs | acc + [s IN v.sentences | v.doc]),
    r.ev_sentence = reduce(acc = [], v IN vs | acc + v.sentences),
    r.ev_start = reduce(acc = [], v IN vs | acc + v.starts),
    r.ev_end = reduce(acc = [], v IN vs | acc + v.ends),
    r.ev_rule = reduce(acc = [], v IN vs | acc + v.rules),
    r.ev_confidence = reduce(acc = [], v IN vs | acc + v.confidences)
"""
"""The sentence lists edges kept in earlier shapes, rebuilt from the records."""


_OLDER_SHAPES = {
    "sample with sentences": [(_COPY_SENTENCES_TO_EDGES, {})],
    "lists on edges only": [  # all sources fit the sample
        (_COPY_SENTENCES_TO_EDGES, {}),
        ("MATCH (v:Evidence) DETACH DELETE v", {}),
        ("MATCH ()-[r]->() WHERE r.source_count IS NOT NULL "
         "REMOVE r.source_count, r.reference_count, r.datasets, r.provenance", {}),
        ("MATCH (e:Entity) REMOVE e.alias_counts", {}),
    ],
}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(_OLDER_SHAPES))
def test_migration_of_an_older_shape_equals_a_fresh_write(
    falkordb_store: GraphStore, second_store: GraphStore, shape: str
) -> None:
    docs = [_article(n, partner=n % 2 == 0) for n in range(8)]
    GraphWriter(falkordb_store).write(docs)
    fresh = fingerprint(falkordb_store)
    GraphWriter(second_store).write(docs)
    second_store.write(_OLDER_SHAPES[shape])
    assert fingerprint(second_store) != fresh
    assert migrate_store(second_store) is True
    assert fingerprint(second_store) == fresh
    assert migrate_store(second_store) is False


def test_copy_carries_evidence_records_exactly(
    falkordb_store: GraphStore, second_store: GraphStore, tmp_path: Path
) -> None:
    docs = [_article(n) for n in range(EDGE_SAMPLE + 3)] + [_reference(4)]
    GraphWriter(falkordb_store).write(docs)
    copy_graph(falkordb_store, second_store, page_size=7)
    assert fingerprint(second_store) == fingerprint(falkordb_store)
    gone = _retract(second_store, ["doc-004"])
    GraphWriter(second_store).forget(gone)
    GraphWriter(falkordb_store).forget(gone)
    assert fingerprint(second_store) == fingerprint(falkordb_store)
    report = export_neo4j_import(falkordb_store, tmp_path / "import", workers=1)
    records = fingerprint(falkordb_store).counts["label:Evidence"]
    assert report.rows["evidence.csv"] == report.rows["states.csv"] == records


def test_status_counts_reference_relations_apart(falkordb_store: GraphStore) -> None:
    GraphWriter(falkordb_store).write([_article(1), _reference(1)])
    counts = falkordb_store.run(falkordb_store.library.get("admin/counts").text).records()[0]
    assert counts["relations"] == 3 and counts["reference_relations"] == 1
    assert counts["evidence_records"] == 3


def test_a_document_twice_in_one_batch_is_refused(falkordb_store: GraphStore) -> None:
    with pytest.raises(SchemaError, match="'doc-001' appears twice"):
        GraphWriter(falkordb_store).write([_article(1), _article(2), _article(1)])
    assert fingerprint(falkordb_store).counts == {"nodes": 0, "relationships": 0}
