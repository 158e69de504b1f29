"""Judgements as a transform on extracted documents, and their file (no store, no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.judgement_file import read_judgements, write_judgements
from newsgraph.graph.judgements import Judgement, Judgements
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.ingest.writer import check_document

TEXT = ("Ada Varga met with Bo Renn in Pest. A. Varga met with Bo Renn again. "
        "Varga founded Kettle Labs.")  # fmt: skip


def _ev(doc: str, sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(doc, sentence, start, start + len(sentence), "rule", 0.8)


def _doc(doc_id: str = "d1") -> ExtractedDocument:
    first, second = "Ada Varga met with Bo Renn in Pest.", "A. Varga met with Bo Renn again."
    entities = [
        Entity("Ada Varga", "Person", {"Ada Varga", "Varga"}, mentions=2),
        Entity("A. Varga", "Person", {"A. Varga"}, mentions=1),
        Entity("Bo Renn", "Person", {"Bo Renn"}, mentions=2),
    ]
    relations = [
        Relation("person:ada-varga", "MET_WITH", "person:bo-renn", [_ev(doc_id, first)]),
        Relation("person:a-varga", "MET_WITH", "person:bo-renn", [_ev(doc_id, second)]),
        Relation("person:a-varga", "MET_WITH", "person:ada-varga", [_ev(doc_id, second)]),
    ]
    return ExtractedDocument(Document(TEXT, id=doc_id), entities, relations)


def judged(*items: Judgement) -> Judgements:
    """The judgements of ``items``, numbered in order; every one must fit."""
    result, refused = Judgements.build(
        Judgement(**{**j.__dict__, "n": n}) for n, j in enumerate(items, 1)
    )
    assert refused == []
    return result


def test_merge_combines_entities_and_rekeys_relations() -> None:
    rules = judged(Judgement("merge", ("person:a-varga", "person:ada-varga"), name="Ada Varga"))
    out = rules.apply(_doc())
    check_document(out)
    by_id = {e.id: e for e in out.entities}
    assert sorted(by_id) == ["person:ada-varga", "person:bo-renn"]
    varga = by_id["person:ada-varga"]
    assert (varga.name, varga.mentions) == ("Ada Varga", 3)
    assert varga.aliases == {"Ada Varga", "Varga", "A. Varga"}
    ends = sorted((r.subject, r.object) for r in out.relations)
    assert ends == [("person:ada-varga", "person:bo-renn")] * 2  # the self-loop is dropped


def test_symmetric_relations_are_recanonicalised_by_the_writer_key() -> None:
    rules = judged(Judgement("merge", ("person:bo-renn", "person:zed-renn"), name="Zed Renn"))
    out = rules.apply(_doc())
    keys = {r.key() for r in out.relations}
    assert ("person:ada-varga", "MET_WITH", "person:zed-renn") in keys
    renn = next(e for e in out.entities if e.id == "person:zed-renn")
    assert (renn.name, renn.key) == ("Zed Renn", None)


def test_nothing_to_change_returns_the_same_document() -> None:
    doc = _doc()
    rules = judged(Judgement("merge", ("person:x", "person:y")))
    assert rules.apply(doc) is doc


def test_split_applies_in_the_named_documents_only() -> None:
    rules = judged(Judgement("split", ("person:bo-renn", "person:bo-renn-2"), docs=("d2",)))
    assert rules.apply(_doc("d1")).entities[2].id == "person:bo-renn"
    out = rules.apply(_doc("d2"))
    check_document(out)
    renn = next(e for e in out.entities if e.name == "Bo Renn")
    assert (renn.id, renn.key) == ("person:bo-renn-2", "person:bo-renn-2")
    assert {r.object for r in out.relations if r.type == "MET_WITH"} >= {"person:bo-renn-2"}


def test_chains_resolve_and_cycles_are_refused() -> None:
    rules = judged(Judgement("merge", ("person:a", "person:b")),
                   Judgement("merge", ("person:b", "person:c")))  # fmt: skip
    assert rules.resolve("person:a") == "person:c"
    with pytest.raises(BadInputError, match="cycle"):
        rules.add(Judgement("merge", ("person:c", "person:a"), n=3))
    assert rules.resolve("person:c") == "person:c"  # a refused judgement changes nothing


def test_keep_apart_refuses_a_merge_and_a_chain_that_would_join() -> None:
    rules = judged(Judgement("merge", ("person:a-varga", "person:ada-varga")),
                   Judgement("keep-apart", ("person:ada-varga", "person:varga")))  # fmt: skip
    with pytest.raises(BadInputError, match="#2 keeps apart"):
        rules.add(Judgement("merge", ("person:varga", "person:ada-varga"), n=3))
    with pytest.raises(BadInputError, match="#2 keeps apart"):
        rules.add(Judgement("merge", ("person:varga", "person:a-varga"), n=3))
    with pytest.raises(BadInputError, match="in document d9"):
        rules.add(Judgement("split", ("person:varga", "person:ada-varga"), docs=("d9",), n=3))
    with pytest.raises(BadInputError, match="already joined"):
        rules.add(Judgement("keep-apart", ("person:a-varga", "person:ada-varga"), n=3))


def test_keep_apart_fences_a_surname_the_extractor_folded_in() -> None:
    rules = judged(Judgement("keep-apart", ("person:ada-varga", "person:varga")))
    doc = _doc()
    doc.relations.append(Relation("person:ada-varga", "MET_WITH", "person:bo-renn",
                                  [_ev("d1", "Varga founded Kettle Labs.")]))  # fmt: skip
    out = rules.apply(doc)
    check_document(out)
    by_id = {e.id: e for e in out.entities}
    assert by_id["person:varga"].aliases == {"Varga"}
    assert by_id["person:varga"].mentions == 1  # "Varga" alone, not inside "Ada Varga"
    assert (by_id["person:ada-varga"].aliases, by_id["person:ada-varga"].mentions) == (
        {"Ada Varga"}, 1)  # fmt: skip
    moved = [r for r in out.relations if "Varga founded" in r.evidence[0].sentence]
    assert [(r.subject, r.object) for r in moved] == [("person:varga", "person:bo-renn")]
    assert doc.entities[0].aliases == {"Ada Varga", "Varga"}  # the input is left alone


def test_bad_judgements_are_refused_on_construction() -> None:
    with pytest.raises(BadInputError, match="different types"):
        Judgement("merge", ("person:a", "company:a"))
    with pytest.raises(BadInputError, match="not an entity id"):
        Judgement("merge", ("Ada", "person:a"))
    with pytest.raises(BadInputError, match="names the documents"):
        Judgement("split", ("person:a", "person:b"))


def test_file_round_trip_and_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "judgements.jsonl"
    items = [
        Judgement("merge", ("person:a", "person:b"), name="B", n=1),
        Judgement("split", ("person:c", "person:c-2"), docs=("d1", "d2"), n=2),
        Judgement("keep-apart", ("person:b", "person:d"), n=3, note="two people"),
    ]
    write_judgements(path, items)
    assert read_judgements(path).items == items
    lines = path.read_text().splitlines()
    lines[2:2] = ["{not json", json.dumps({"op": "merje", "from": "person:x", "into": "person:y"})]
    lines.append(json.dumps({"op": "merge", "from": "person:d", "into": "person:b"}))
    path.write_text("\n".join(lines) + "\n")
    found = read_judgements(path)
    assert [j.op for j in found.items] == ["merge", "split", "keep-apart", "merge"]
    assert [j.op for j in found.judgements.items] == ["merge", "split", "keep-apart"]
    assert found.problems[0].startswith(f"{path}:3: not JSON")
    assert found.problems[1].startswith(f"{path}:4: unknown judgement 'merje'")
    assert found.problems[2].startswith(f"{path}:7: #4 merge person:d into person:b: this "
                                        "would join person:b and person:d")  # fmt: skip
    assert found.judgements.resolve("person:a") == "person:b"


def test_a_file_of_another_version_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "judgements.jsonl"
    path.write_text('{"newsgraph": "judgements", "version": 7}\n')
    with pytest.raises(BadInputError, match=f"{path}:1: not a newsgraph judgements file"):
        read_judgements(path)
    assert read_judgements(tmp_path / "missing.jsonl").items == []
