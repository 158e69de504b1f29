"""Unit tests for the context rule families: context types, press source lines, names inside
longer names, and the relation patterns added for appositives, titles and place pairs."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import newsgraph.ingest.components  # noqa: F401
from newsgraph.graph.model import Document
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def _apply(pipe: str, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """Run one component over a blank doc with the given entity spans."""
    blank = spacy.blank("en")
    component = blank.add_pipe(pipe)
    doc = blank(text)
    doc.ents = [Span(doc, start, end, label) for start, end, label in spans]
    return [(e.text, e.label_) for e in component(doc).ents]


def _context(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """Run the context-types component over a blank doc with the given entity spans."""
    return _apply("newsgraph_context_types", text, spans)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Rain fell on Ashford , Kent .", [(3, 4, "Company"), (5, 6, "Place")],
         ("Ashford", "Place")),
        ("She moved to Ashford , Conn. last year", [(3, 4, "Company")], ("Ashford", "Place")),
        ("Pellow , 47 , said the harvest was late .", [(0, 1, "Company")], ("Pellow", "Person")),
        ("Trask , who farms barley , spoke .", [(0, 1, "Place")], ("Trask", "Person")),
        ("Mrs. Halloran opened the shop .", [(1, 2, "Place")], ("Halloran", "Person")),
        ("Gov. Ambrose signed it .", [(1, 2, "Company")], ("Ambrose", "Official")),
        ("Orr , the spokeswoman , declined .", [(0, 1, "Company")], ("Orr", "Person")),
        ("The storm hit villages near Brathwick .", [(5, 6, "Person")], ("Brathwick", "Place")),
        ("Brandvik , a crane operator who lives here , spoke .", [(0, 1, "Company")],
         ("Brandvik", "Person")),
        ("Aaltonen , former deputy director of the mill , spoke .", [(0, 1, "Place")],
         ("Aaltonen", "Person")),
        ("Kessler said he would stay .", [(0, 1, "Company")], ("Kessler", "Person")),
        ("Ostrowski was shot outside his home .", [(0, 1, "Company")], ("Ostrowski", "Person")),
        ("Lindqvist died on Sunday .", [(0, 1, "Product")], ("Lindqvist", "Person")),
        ("the widow of Ostrowski spoke", [(3, 4, "Company")], ("Ostrowski", "Person")),
        ("Ostrowski 's lawyers appealed", [(0, 1, "Company")], ("Ostrowski", "Person")),
        ("flights from the Ravensworth airport", [(3, 4, "Company")], ("Ravensworth", "Place")),
        ("Tarnow , the administrative centre of the region", [(0, 1, "Person")],
         ("Tarnow", "Place")),
        ("a plant in nearby Kellerby , officials said", [(4, 5, "Person")], ("Kellerby", "Place")),
        ("the towns of Ashby and Coldwell", [(3, 4, "Person")], ("Ashby", "Place")),
        ("the residents of Marsh Creek fled", [(3, 5, "Company")], ("Marsh Creek", "Place")),
        ("Farms lie south of Kelmarsh .", [], ("Kelmarsh", "Place")),
        ("the Drava 's waters rose", [(1, 2, "Person")], ("Drava", "Place")),
        ("the Hartwell company said", [(1, 2, "Person")], ("Hartwell", "Company")),
        ("the copper company Vardex said", [(3, 4, "Place")], ("Vardex", "Company")),
        ("a man called Duval phoned", [(3, 4, "Company")], ("Duval", "Person")),
        ("Harlan said the cones were old", [(0, 1, "Place")], ("Harlan", "Person")),
        # a title inside a longer name changes nothing; a region abbreviation stays a place
        ("Free Justice Front rallied", [(0, 3, "Company")], ("Free Justice Front", "Company")),
        ("born in Bly , Ore. , who", [(2, 3, "Place"), (4, 5, "Place")], ("Ore.", "Place")),
    ],
)
def test_context_retypes(text: str, spans: list[tuple[int, int, str]],
                         expected: tuple[str, str]) -> None:
    assert expected in _context(text, spans)


def test_context_creates_dateline_city_and_publication() -> None:
    found = _context("KELSO , Scotland ( AP )", [(2, 3, "Place"), (4, 5, "Company")])
    assert ("KELSO", "Place") in found
    found = _context("Oslo AFTENPOSTEN in Norwegian", [(0, 1, "Place")])
    assert ("AFTENPOSTEN", "Company") in found


def test_every_member_of_a_list_of_towns_is_a_place() -> None:
    spans = [(3, 4, "Person"), (7, 9, "Person")]
    found = _context("the towns of Ashby , Bly and Coldwell Green , officials said", spans)
    assert found == [("Ashby", "Place"), ("Bly", "Place"), ("Coldwell Green", "Place")]
    assert _context("the towns of Ashby , Ruth said", [(3, 4, "Person")]) == [("Ashby", "Place")]


def test_context_creates_no_time_zone() -> None:
    assert _context("Oslo GMT in Norwegian", [(0, 1, "Place")]) == [("Oslo", "Place")]


def test_context_never_changes_gazetteer_entities() -> None:
    blank = spacy.blank("en")
    component = blank.add_pipe("newsgraph_context_types")
    doc = blank("Nvidia , 30 , rose")
    doc.ents = [Span(doc, 0, 1, "Company", kb_id="Nvidia")]
    assert [(e.text, e.label_) for e in component(doc).ents] == [("Nvidia", "Company")]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # a name never holds an unbalanced bracket; the word in brackets is its own span
        ("Staff of the Office for Marine Surveys (Omsur) met.", [(3, 9, "ORG")],
         [("Office for Marine Surveys", "ORG"), ("Omsur", "ORG")]),
        ("(Halvorsen) Marta Lind, are you there?", [(1, 5, "ORG")],
         [("Halvorsen", "ORG"), ("Marta Lind", "ORG")]),
        # a heading before "with", and two names either side of "said"
        ("Talk with Green Future leader Ola Berg", [(0, 4, "ORG")], [("Green Future", "ORG")]),
        ("Lindgren, Bosch said Kettle Foods would bid.", [(0, 6, "ORG")],
         [("Lindgren, Bosch", "ORG"), ("Kettle Foods", "ORG")]),
        # a possessive inside a name, and the article of a name in capitals
        ("the Supreme People's Assembly met", [(1, 4, "ORG")],
         [("Supreme People's Assembly", "ORG")]),
        ("Lisbon O DIARIO reported", [(2, 3, "ORG")], [("O DIARIO", "ORG")]),
        ("Rome IL TEMPO reported", [(1, 2, "GPE")], [("IL TEMPO", "ORG")]),
        # "<head> of <name>" split by the model is one name; a company and its town are not
        ("snow in the Valley of Kashmir fell", [(3, 4, "LOC"), (5, 6, "GPE")],
         [("Valley of Kashmir", "LOC")]),
        ("the Labour Party of Norway met", [(1, 3, "ORG"), (4, 5, "GPE")],
         [("Labour Party of Norway", "ORG")]),
        ("Acme Inc. of Boise paid", [(0, 2, "ORG"), (3, 4, "GPE")],
         [("Acme Inc.", "ORG"), ("Boise", "GPE")]),
        # an inner apostrophe, a bare head word, the start of a name in capitals
        ("talks with Hamid 'Abbas ended", [(2, 3, "PERSON"), (4, 5, "PERSON")],
         [("Hamid 'Abbas", "PERSON")]),
        ("guests at the Marlowe Hotel left", [(4, 5, "PERSON")], [("Marlowe Hotel", "PERSON")]),
        ("Oslo DAGENS NAERINGSLIV", [(0, 1, "GPE"), (2, 3, "ORG")],
         [("Oslo", "GPE"), ("DAGENS NAERINGSLIV", "ORG")]),
        # a body's name run into a person's name is split; a company's name is not
        ("the Interior Ministry Anna Holm spoke", [(1, 5, "ORG")],
         [("Interior Ministry", "ORG"), ("Anna Holm", "PERSON")]),
        ("the Department Store Co rose", [(1, 4, "ORG")], [("Department Store Co", "ORG")]),
        ("the eBay app and the bZ4X", [(1, 2, "ORG"), (5, 6, "PRODUCT")],
         [("eBay", "ORG"), ("bZ4X", "PRODUCT")]),
    ],
)
def test_span_repair(text: str, spans: list[tuple[int, int, str]],
                     expected: list[tuple[str, str]]) -> None:
    assert _apply("newsgraph_span_repair", text, spans) == expected


def _types(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    rules = blank.add_pipe("newsgraph_type_rules")
    doc: Doc = blank(text)
    doc.ents = [Span(doc, start, end, label) for start, end, label in spans]
    return [(e.text, e.label_) for e in rules(doc).ents]


def test_type_rules_heads_split_and_trim() -> None:
    text = "Perth WESTERN GAZETTE , Mill Street , University of Leeds , the state Water Board ."
    spans = [(0, 3, "ORG"), (4, 6, "ORG"), (7, 10, "ORG"), (11, 15, "ORG")]
    assert _types(text, spans) == [
        ("Perth", "Place"), ("WESTERN GAZETTE", "Company"), ("Mill Street", "Place"),
        ("University of Leeds", "Company"), ("Water Board", "Company")]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # honorifics, ranks and occupations are not part of a person's name
        ("Photographer Lena Falk met Sheik Omar Haddad and Datuk Sri Ismail",
         [(0, 3, "PERSON"), (4, 7, "PERSON"), (8, 11, "PERSON")],
         [("Lena Falk", "Person"), ("Omar Haddad", "Person"), ("Ismail", "Person")]),
        ("Datuk Seri spoke", [(0, 2, "PERSON")], []),
        # an administrative division, and a noble title with "of"
        ("Orleans Parish and the Duchess of Kent", [(0, 2, "PERSON"), (4, 7, "GPE")],
         [("Orleans Parish", "Place"), ("Duchess of Kent", "Person")]),
        # organisation heads beat the model's person label; trailing common nouns go, but
        # not the end of a hyphenated name
        ("Free Justice Organization and Kelmar assembly area and Kim Dae-jung",
         [(0, 3, "PERSON"), (4, 7, "LOC"), (8, 12, "PERSON")],
         [("Free Justice Organization", "Company"), ("Kelmar", "Place"),
          ("Kim Dae-jung", "Person")]),
        # month abbreviations, clock times and transcript markers are not names
        ("Oslo , 23 Jun ( NTB ) -- Radio Mayak in Russian 0900 ( Excerpt )",
         [(3, 4, "PERSON"), (12, 14, "LOC"), (15, 16, "ORG")], []),
    ],
)
def test_type_rules_drop_titles_and_non_names(text: str, spans: list[tuple[int, int, str]],
                                              expected: list[tuple[str, str]]) -> None:
    assert _types(text, spans) == expected


def test_headline_rule_spares_sentences_and_people() -> None:
    text = "Harbour Board Approves New Dock Plan For Tollesby"
    assert _types(text, [(0, 2, "ORG")]) == []
    assert _types(text, [(7, 8, "GPE")]) == [("Tollesby", "Place")]
    sentence = "Officials Said Harbour Board Members Approved Plans."
    assert _types(sentence, [(2, 4, "ORG")]) == [("Harbour Board", "Company")]


@pytest.fixture(scope="module")
def gazetteer_nlp(tmp_path_factory: pytest.TempPathFactory) -> Language:
    path = tmp_path_factory.mktemp("data") / "gazetteer.jsonl"
    entries = [{"name": "Texas", "type": "Place"}, {"name": "Idaho", "type": "Place"}]
    path.write_text("\n".join(json.dumps(e) for e in entries))
    blank = spacy.blank("en")
    blank.add_pipe("newsgraph_gazetteer", config={"gazetteer_path": str(path)})
    blank.add_pipe("newsgraph_canonical", config={"gazetteer_path": str(path)})
    return blank


def test_gazetteer_leaves_longer_names_to_the_model(gazetteer_nlp: Language) -> None:
    doc = gazetteer_nlp("He studied at Texas Tech in South Texas, not in Texas itself.")
    assert [e.start for e in doc.ents] == [11]


def test_an_initial_before_a_gazetteer_name_makes_it_part_of_a_person() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("newsgraph_gazetteer")
    doc = blank("Denzel H. Washington starred in Washington.")
    assert [e.start for e in doc.ents] == [5]


def test_a_states_long_form_keeps_the_gazetteer_name(gazetteer_nlp: Language) -> None:
    doc = gazetteer_nlp("Envoys of the Republic of Texas came.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Republic of Texas", "Texas")]


def test_places_are_not_merged_into_longer_names(gazetteer_nlp: Language) -> None:
    doc = gazetteer_nlp("Idaho Falls lies in Idaho.")
    doc.ents = [Span(doc, 0, 2, "Place"), *doc.ents]
    doc = gazetteer_nlp.get_pipe("newsgraph_canonical")(doc)
    assert [e.kb_id_ for e in doc.ents] == ["Idaho Falls", "Idaho"]


def _relations(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="t"))
    names = {e.id: e.name for e in extracted.entities}
    return {(names[r.subject], r.type, names[r.object]) for r in extracted.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Whitfield, Microsoft president, spoke to investors on Tuesday.",
         ("Dana Whitfield", "LEADS", "Microsoft")),
        ("Microsoft's Dana Whitfield said the deal was closed.",
         ("Dana Whitfield", "WORKS_FOR", "Microsoft")),
        ("Greta Lindqvist will remain a professor at Uppsala University.",
         ("Greta Lindqvist", "WORKS_FOR", "Uppsala University")),
        ("Aldo Ferri, a researcher at Turin Polytechnic, built the rig.",
         ("Aldo Ferri", "WORKS_FOR", "Turin Polytechnic")),
        ("Smoke from a fire near Hollins in eastern Virginia drifted north.",
         ("Hollins", "LOCATED_IN", "Virginia")),
        ("Oslo AFTENPOSTEN in Norwegian", ("AFTENPOSTEN", "LOCATED_IN", "Oslo")),
        ("KELSO, Scotland (AP)", ("KELSO", "LOCATED_IN", "Scotland")),
    ],
)
def test_context_relation_rules(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _relations(nlp, text)


def test_a_list_of_places_is_not_a_chain(nlp: Language) -> None:
    found = _relations(nlp, "Delegates came from Peru, Bolivia, Chile and Ecuador.")
    assert not {r for r in found if r[1] == "LOCATED_IN"}



def test_a_list_member_takes_the_type_of_the_others() -> None:
    spans = [(2, 3, "Place"), (4, 5, "Place"), (6, 7, "Company"), (8, 9, "Place")]
    found = _context("Rain hit Idaho , Oregon , Yakima and Utah today", spans)
    assert ("Yakima", "Place") in found
