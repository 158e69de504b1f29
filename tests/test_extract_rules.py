"""Unit tests for each rule family: gazetteer and type rules on a blank pipeline,
canonicalisation, relation frames, possessives, patterns and negation on the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

import newsgraph.ingest.components  # noqa: F401
from newsgraph.graph.model import Document
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Language:
    gazetteer = tmp_path_factory.mktemp("data") / "gazetteer.jsonl"
    entries = [
        {"name": "Nvidia", "type": "Company", "aliases": ["NVIDIA"]},
        {"name": "United States", "type": "Place", "aliases": ["U.S."], "demonyms": ["American"]},
        {"name": "Cyberspace Administration of China", "type": "Regulator", "aliases": ["CAC"]},
    ]
    gazetteer.write_text("\n".join(json.dumps(e) for e in entries))
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_gazetteer", config={"gazetteer_path": str(gazetteer)})
    nlp.add_pipe("newsgraph_canonical", config={"gazetteer_path": str(gazetteer)})
    return nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def _ents(doc: spacy.tokens.Doc) -> set[tuple[str, str, str]]:
    return {(e.text, e.label_, e.kb_id_) for e in doc.ents}


def test_gazetteer_types_and_canonical_names(blank: Language) -> None:
    doc = blank("NVIDIA chips face U.S. rules; the CAC agreed.")
    assert _ents(doc) == {
        ("NVIDIA", "Company", "Nvidia"),
        ("U.S.", "Place", "United States"),
        ("CAC", "Regulator", "Cyberspace Administration of China"),
    }


def test_demonym_as_government(blank: Language) -> None:
    doc = blank("American sanctions hit the American government hard, said an American writer.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("American", "United States"), ("American government", "United States")]


def test_type_rules_fix_labels() -> None:
    nlp = spacy.blank("en")
    rules = nlp.add_pipe("newsgraph_type_rules")
    text = ("the Data Security Law and the Ministry of Commerce met Premier Li Qiang , AI and "
            "Acme Corp")
    doc = nlp(text)
    doc.ents = [Span(doc, 1, 4, "ORG"), Span(doc, 5, 9, "ORG"), Span(doc, 11, 13, "PERSON"),
                Span(doc, 14, 15, "GPE"), Span(doc, 16, 18, "GPE")]
    doc = rules(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Data Security Law", "Law"), ("Ministry of Commerce", "Regulator"),
        ("Li Qiang", "Official"), ("Acme Corp", "Company")]


def test_canonical_surname_and_possessive(nlp: Language) -> None:
    doc = nlp("Sarah Keller runs Acme Corp. Keller said Tesla's sales rose and Tesla Inc. agreed.")
    names = {e.text: e.kb_id_ for e in doc.ents}
    assert names["Keller"] == "Sarah Keller"
    assert {e.kb_id_ for e in doc.ents if e.text.startswith("Tesla")} == {"Tesla"}


def _relations(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    extracted = doc_to_extracted(doc, Document(text=text, id="t"))
    names = {e.id: e.name for e in extracted.entities}
    for rel in extracted.relations:
        for ev in rel.evidence:
            assert text[ev.start : ev.end] == ev.sentence and ev.rule
    return {(names[r.subject], r.type, names[r.object]) for r in extracted.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chief executive Elon Musk met with Xi Jinping in Beijing.",
         ("Elon Musk", "MET_WITH", "Xi Jinping")),
        ("Joe Biden travelled to Tokyo on Monday.", ("Joe Biden", "VISITED", "Tokyo")),
        ("Toyota signed a partnership agreement with Panasonic.",
         ("Panasonic", "PARTNERS_WITH", "Toyota")),
        ("Volvo is in talks with CATL about batteries.", ("CATL", "IN_TALKS_WITH", "Volvo")),
        ("The US Department of Commerce imposed export controls on Huawei.",
         ("US Department of Commerce", "RESTRICTS", "Huawei")),
        ("Huawei was barred by the Federal Communications Commission.",
         ("Federal Communications Commission", "RESTRICTS", "Huawei")),
        ("Rivian, which is headquartered in Irvine, builds trucks.",
         ("Rivian", "LOCATED_IN", "Irvine")),
        ("Tesla faces competition from BYD.", ("BYD", "COMPETES_WITH", "Tesla")),
        ("SpaceX's Starlink now serves ships.", ("SpaceX", "MAKES", "Starlink")),
        ("Jane Roe, the managing director of Acme Capital, spoke.",
         ("Jane Roe", "LEADS", "Acme Capital")),
        ("Bloomberg reporter Tom Fields wrote the story.",
         ("Tom Fields", "WORKS_FOR", "Bloomberg")),
        ("Munich, Germany, is hosting the summit.", ("Munich", "LOCATED_IN", "Germany")),
        ("China's Data Security Law took effect.", ("Data Security Law", "APPLIES_IN", "China")),
    ],
)
def test_relation_rules(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    found = _relations(nlp, text)
    symmetric = {"MET_WITH", "PARTNERS_WITH", "IN_TALKS_WITH", "COMPETES_WITH"}
    if expected[1] in symmetric:
        found |= {(o, t, s) for s, t, o in found}
    assert expected in found


def test_lists_give_one_relation_per_member(nlp: Language) -> None:
    found = _relations(nlp, "Gina Raimondo met Li Qiang, He Lifeng and Wang Yi in Beijing.")
    met = {frozenset((s, o)) for s, t, o in found if t == "MET_WITH"}
    assert met == {frozenset(("Gina Raimondo", n)) for n in ("Li Qiang", "He Lifeng", "Wang Yi")}


@pytest.mark.parametrize(
    "text",
    [
        "Joe Biden did not meet Xi Jinping.",
        "Tim Cook denied meeting Jensen Huang.",
        "Tesla may partner with Baidu.",
        "Toyota is considering a partnership with Panasonic.",
        "No agreement with Panasonic was reached by Toyota.",
    ],
)
def test_negation_and_hedging_give_nothing(nlp: Language, text: str) -> None:
    found = _relations(nlp, text)
    assert not {r for r in found if r[1] in {"MET_WITH", "PARTNERS_WITH"}}


def test_symmetric_relations_are_emitted_once(nlp: Language) -> None:
    text = "Volvo is in talks with CATL. CATL is in talks with Volvo."
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="t"))
    talks = [r for r in extracted.relations if r.type == "IN_TALKS_WITH"]
    assert len(talks) == 1 and len(talks[0].evidence) == 2


def test_model_is_not_loaded_at_import() -> None:
    import newsgraph.ingest.extract as module

    assert module.Extractor()._nlp is None
    assert Path(module.__file__).read_text().count("spacy.load") == 0


def test_bracketed_abbreviation_is_an_alias_of_the_name_before_it(blank: Language) -> None:
    doc = blank.make_doc("The Office for Marine Surveys (Omsur) met. Omsur left.")
    doc.ents = [Span(doc, 1, 5, "Company"), Span(doc, 6, 7, "Company"),
                Span(doc, 10, 11, "Company")]
    doc = blank.get_pipe("newsgraph_canonical")(doc)
    assert [e.kb_id_ for e in doc.ents] == ["Office for Marine Surveys"] * 3


def test_one_word_organisation_that_is_a_persons_surname_is_that_person(blank: Language) -> None:
    doc = blank.make_doc("Tove Brandt spoke. Brandt left.")
    doc.ents = [Span(doc, 0, 2, "Person"), Span(doc, 4, 5, "Company")]
    doc = blank.get_pipe("newsgraph_canonical")(doc)
    assert [(e.kb_id_, e.label_) for e in doc.ents] == [("Tove Brandt", "Person")] * 2



def test_titled_and_region_qualified_forms_are_aliases(nlp: Language) -> None:
    text = "Mrs. Halloran opened a bakery in Fremont, California, last year."
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="t"))
    aliases = {e.name: e.aliases for e in extracted.entities}
    assert "Mrs. Halloran" in aliases["Halloran"]
    assert "Fremont, California" in aliases["Fremont"]
    assert aliases["California"] == {"California"}
