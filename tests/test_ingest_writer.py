"""The batch writer on real stores, with hand-built extraction results (no spaCy)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.graph.schema import fill_names
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.jobs import stored_documents
from newsgraph.ingest.writer import GraphWriter, check_document

VOLATILE = {"ingested_at"}


def dump_graph(store: GraphStore) -> dict[str, Any]:
    """Every node (but IngestRun) and edge with its properties, timestamps left out, sorted."""
    lib = store.library

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in VOLATILE}

    nodes = sorted(
        json.dumps([sorted(r["labels"]), clean(r["properties"])], sort_keys=True)
        for r in store.run(lib.get("ingest/dump_nodes").text).records()
    )
    edges = sorted(
        json.dumps([r["source"], r["type"], r["target"], clean(r["properties"])], sort_keys=True)
        for r in store.run(lib.get("ingest/dump_edges").text).records()
    )
    return {"nodes": nodes, "edges": edges}


def article(doc_id: str, sentences: list[str], published: str = "2024-04-29") -> Document:
    """A document made of the sentences, one per line."""
    return Document(text="\n".join(sentences), id=doc_id, published=published)


def extracted(doc: Document, facts: list[tuple[str, str, str, str, str, str]]) -> ExtractedDocument:
    """``facts`` are (subject, subject type, relation, object, object type, sentence)."""
    entities: dict[str, Entity] = {}
    relations = []
    for subj, stype, rel, obj, otype, sentence in facts:
        start = doc.text.index(sentence)
        ids = []
        for name, etype in ((subj, stype), (obj, otype)):
            entity = entities.setdefault(name, Entity(name, etype))
            entity.aliases.add(name)
            entity.mentions += 1
            ids.append(entity.id)
        ev = Evidence(doc.id, sentence, start, start + len(sentence), "test", 0.9)
        relations.append(Relation(ids[0], rel, ids[1], [ev], 0.9))
    return ExtractedDocument(doc, list(entities.values()), relations)


MET = "Elon Musk met Li Qiang in Beijing."
MET2 = "Li Qiang held talks with Elon Musk."
PARTNER = "Tesla partnered with Baidu on mapping."
RIVAL = "BYD competes with Tesla."


def doc_a() -> ExtractedDocument:
    doc = article("a", [MET, PARTNER])
    return extracted(
        doc,
        [
            ("Elon Musk", "Person", "MET_WITH", "Li Qiang", "Official", MET),
            ("Tesla", "Company", "PARTNERS_WITH", "Baidu", "Company", PARTNER),
        ],
    )


def doc_b(sentences: tuple[str, ...] = (MET2, RIVAL)) -> ExtractedDocument:
    doc = article("b", list(sentences), published="2024-05-01")
    facts = {
        MET2: ("Li Qiang", "Official", "MET_WITH", "Elon Musk", "Person", MET2),
        RIVAL: ("BYD", "Company", "COMPETES_WITH", "Tesla", "Company", RIVAL),
        PARTNER: ("Baidu", "Company", "PARTNERS_WITH", "Tesla", "Company", PARTNER),
    }
    return extracted(doc, [facts[s] for s in sentences])


def doc_c() -> ExtractedDocument:
    doc = article("c", [RIVAL], published="2024-05-02")
    return extracted(doc, [("BYD", "Company", "COMPETES_WITH", "Tesla", "Company", RIVAL)])


def edge(store: GraphStore, src: str, rel: str, dst: str) -> dict[str, Any] | None:
    """The properties of the one edge src-[rel]->dst, or None."""
    for line in dump_graph(store)["edges"]:
        s, t, d, props = json.loads(line)
        if (s, t, d) == (src, rel, dst):
            return props
    return None


def records_of(store: GraphStore, src: str, rel: str, dst: str) -> list[dict[str, Any]]:
    """The evidence records of one edge, by document."""
    nodes = [json.loads(n) for n in dump_graph(store)["nodes"]]
    key = f"{src}|{rel}|{dst}"
    return sorted((p for labels, p in nodes if "Evidence" in labels and p["edge"] == key),
                  key=lambda p: p["doc"])  # fmt: skip


def entities_of(store: GraphStore, doc_id: str) -> dict[str, list[str]]:
    """What the job passes as ``retract`` for one stored document."""
    return {doc_id: stored_documents(store, [doc_id])[doc_id]["entities"]}


def test_write_batch_builds_the_documented_shape(any_store: GraphStore) -> None:
    GraphWriter(any_store, extractor_version="t/1").write([doc_a(), doc_b()])
    met = edge(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert met is not None
    assert met["sources"] == ["a", "b"]
    assert met["source_dates"] == ["2024-04-29", "2024-05-01"]
    assert met["evidence_count"] == 2 and met["source_count"] == 2
    assert not {"source_counts", "ev_doc", "ev_sentence"} & set(met)  # sentences: records
    records = records_of(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert [(r["doc"], r["count"], r["sentences"]) for r in records] == [
        ("a", 1, [MET]), ("b", 1, [MET2])]
    assert (met["first_seen"], met["last_seen"]) == ("2024-04-29", "2024-05-01")
    assert met["confidence"] == pytest.approx(0.9)
    nodes = [json.loads(n) for n in dump_graph(any_store)["nodes"]]
    li = next(p for labels, p in nodes if p.get("id") == "person:li-qiang")
    labels = next(labels for labels, p in nodes if p.get("id") == "person:li-qiang")
    assert labels == ["Entity", "Official", "Person"]
    assert li["document_count"] == 2 and li["mention_count"] == 2
    assert li["aliases"] == ["Li Qiang"] and li["alias_text"] == "Li Qiang"
    tesla = next(p for _, p in nodes if p.get("id") == "company:tesla")
    assert (tesla["first_seen"], tesla["last_seen"]) == ("2024-04-29", "2024-05-01")
    doc = next(p for labels, p in nodes if "Document" in labels and p["id"] == "a")
    assert doc["content_hash"] and doc["word_count"] == 13 and doc["extractor_version"] == "t/1"


def test_evidence_offsets_slice_the_stored_text(any_store: GraphStore) -> None:
    GraphWriter(any_store).write([doc_a(), doc_b()])
    texts = {
        p["id"]: p["text"]
        for labels, p in map(json.loads, dump_graph(any_store)["nodes"])
        if "Document" in labels
    }
    edges = 0
    for line in dump_graph(any_store)["edges"]:
        src, rel, dst, props = json.loads(line)
        if rel in ("MENTIONS", "STATES"):
            continue
        edges += 1
        records = records_of(any_store, src, rel, dst)
        assert records and [r["doc"] for r in records] == sorted(props["sources"])
        for record in records:
            for sentence, start, end in zip(
                record["sentences"], record["starts"], record["ends"], strict=True
            ):
                assert texts[record["doc"]][start:end] == sentence
    assert edges


def test_retracting_a_changed_document_equals_writing_it_fresh(any_store: GraphStore) -> None:
    writer = GraphWriter(any_store)
    writer.write([doc_a()])
    writer.write([doc_b()])
    changed = doc_b((MET2, PARTNER))
    writer.write([changed], entities_of(any_store, "b"))
    after = dump_graph(any_store)
    any_store.write([(any_store.library.get("admin/delete_all").text, {})])
    writer.write([doc_a()])
    writer.write([changed])
    assert after == dump_graph(any_store)
    assert edge(any_store, "company:byd", "COMPETES_WITH", "company:tesla") is None
    partner = edge(any_store, "company:baidu", "PARTNERS_WITH", "company:tesla")
    assert partner is not None and partner["sources"] == ["a", "b"]


def test_pipelined_batches_equal_batches_written_one_by_one(any_store: GraphStore) -> None:
    writer = GraphWriter(any_store)
    committed: list[str] = []
    writer.write_batches([([doc_a()], None, lambda: committed.append("a")),
                          ([doc_b()], None, lambda: committed.append("b"))])  # fmt: skip
    changed = doc_b((MET2, PARTNER))
    # the job reads what is stored only after it was committed
    writer.write_batches([([changed], entities_of(any_store, "b"), lambda: committed.append("b2"))])
    assert committed == ["a", "b", "b2"]
    piped = dump_graph(any_store)
    any_store.write([(any_store.library.get("admin/delete_all").text, {})])
    writer.write([doc_a()])
    writer.write([changed])
    assert piped == dump_graph(any_store)


def test_a_failed_pipelined_batch_stops_the_ones_after_it(any_store: GraphStore) -> None:
    writer = GraphWriter(any_store)
    bad = doc_b()
    bad_steps = writer.steps
    committed: list[str] = []

    def broken_steps(batch: Any, retract: Any) -> Any:
        steps = bad_steps(batch, retract)
        if any(d.document.id == "b" for d in batch):
            steps.append(("MATCH (n:Entity) SET n.x = undefined_variable", {}))
        return steps

    writer.steps = broken_steps  # type: ignore[method-assign]
    with pytest.raises(SchemaError, match="undefined_variable"):
        writer.write_batches([([doc_a()], None, lambda: committed.append("a")),
                              ([bad], None, lambda: committed.append("b")),
                              ([doc_c()], None, lambda: committed.append("c"))])  # fmt: skip
    assert committed == ["a"]
    ids = {p.get("id") for _, p in map(json.loads, dump_graph(any_store)["nodes"])}
    assert "a" in ids and "c" not in ids


def test_forget_keeps_facts_shared_with_other_sources(any_store: GraphStore) -> None:
    writer = GraphWriter(any_store)
    writer.write([doc_a(), doc_b()])
    writer.forget(entities_of(any_store, "b"))
    met = edge(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert met is not None
    assert (met["sources"], met["evidence_count"]) == (["a"], 1)
    records = records_of(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert [r["doc"] for r in records] == ["a"]
    assert met["last_seen"] == "2024-04-29"
    assert edge(any_store, "company:byd", "COMPETES_WITH", "company:tesla") is None
    ids = {p.get("id") for _, p in map(json.loads, dump_graph(any_store)["nodes"])}
    assert "company:byd" not in ids and "b" not in ids
    assert {"company:tesla", "person:li-qiang", "a"} <= ids
    forgotten = dump_graph(any_store)
    any_store.write([(any_store.library.get("admin/delete_all").text, {})])
    writer.write([doc_a()])
    assert forgotten == dump_graph(any_store)


def test_labels_are_schema_checked_before_they_reach_cypher(any_store: GraphStore) -> None:
    template = any_store.library.get("write/merge_entities")
    assert "`Entity`:`Person`:`Official`" in fill_names(
        template, {"LABELS": ("Entity", "Person", "Official")}
    )
    for bad in ("Company`) DETACH DELETE n //", "Company:Person", "company", ""):
        with pytest.raises(SchemaError):
            fill_names(template, {"LABELS": ("Entity", bad)})
    with pytest.raises(SchemaError):
        fill_names(any_store.library.get("write/merge_relations"), {"TYPE": ("MET_WITH]->() //",)})
    with pytest.raises(SchemaError):
        fill_names(template, {})


def test_bad_entity_type_is_refused_before_any_write(any_store: GraphStore) -> None:
    bad = doc_a()
    bad.entities[0].type = "Company`) DETACH DELETE n //"
    with pytest.raises(SchemaError):
        GraphWriter(any_store).write([bad])
    assert dump_graph(any_store) == {"nodes": [], "edges": []}


def test_evidence_that_does_not_match_the_text_is_refused() -> None:
    bad = doc_a()
    ev = bad.relations[0].evidence[0]
    bad.relations[0].evidence[0] = Evidence(ev.doc_id, ev.sentence, ev.start + 1, ev.end + 1)
    with pytest.raises(SchemaError, match="does not match"):
        check_document(bad)
