"""The graph fingerprint: equal graphs compare equal, any change in data changes it."""

from __future__ import annotations

from newsgraph.graph.fingerprint import Fingerprint, fingerprint
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.writer import GraphWriter

SENTENCE = "Acme Robotics signed a supply deal with Orbital Parts."


def _doc() -> ExtractedDocument:
    doc = Document(text=SENTENCE, id="fp-1", published="2023-02-01")
    acme, orbital = Entity("Acme Robotics", "Company"), Entity("Orbital Parts", "Company")
    for entity in (acme, orbital):
        entity.aliases.add(entity.name)
        entity.mentions = 1
    ev = Evidence("fp-1", SENTENCE, 0, len(SENTENCE), "test", 0.8)
    return ExtractedDocument(
        doc, [acme, orbital], [Relation(acme.id, "PARTNERS_WITH", orbital.id, [ev], 0.8)]
    )


def test_empty_graph_has_zero_counts(falkordb_store: GraphStore) -> None:
    fp = fingerprint(falkordb_store)
    assert isinstance(fp, Fingerprint)
    assert fp.counts == {"nodes": 0, "relationships": 0}
    assert len(fp.digest) == 64


def test_same_data_same_fingerprint_and_any_change_shows(falkordb_store: GraphStore) -> None:
    GraphWriter(falkordb_store).write([_doc()])
    first = fingerprint(falkordb_store)
    assert first.counts["label:Document"] == 1
    assert first.counts["label:Company"] == 2
    assert first.counts["type:PARTNERS_WITH"] == 1
    falkordb_store.write([(falkordb_store.library.get("admin/delete_all").text, {})])
    GraphWriter(falkordb_store).write([_doc()])  # ingested_at differs: left out
    assert fingerprint(falkordb_store) == first
    falkordb_store.write(
        [("MATCH (e:Entity {id: 'company:acme-robotics'}) SET e.mention_count = 7", {})]
    )
    changed = fingerprint(falkordb_store)
    assert changed.counts == first.counts and changed.digest != first.digest
