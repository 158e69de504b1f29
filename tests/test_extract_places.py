"""Unit tests for the place rule families: the world-places gazetteer, names joined by a
hyphen, and context types from "<direction> of <name>" and "<name>'s <place noun>"."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

import newsgraph.ingest.components  # noqa: F401


@pytest.fixture(scope="module")
def gazetteer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_gazetteer")
    return nlp


def _context(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    blank = spacy.blank("en")
    component = blank.add_pipe("newsgraph_context_types")
    doc = blank(text)
    doc.ents = [Span(doc, start, end, label) for start, end, label in spans]
    return [(e.text, e.label_) for e in component(doc).ents]


def test_world_places_are_in_the_gazetteer(gazetteer: Language) -> None:
    doc = gazetteer("Flights from Yerevan to Boise stopped in Montana and Havana.")
    assert {(e.text, e.label_) for e in doc.ents} == {
        ("Yerevan", "Place"), ("Boise", "Place"), ("Montana", "Place"), ("Havana", "Place")}


def test_hyphen_joined_names_are_left_to_the_model(gazetteer: Language) -> None:
    doc = gazetteer("Trade with Bosnia-Herzegovina and Pittsburgh-Dunmore Corp. grew.")
    assert [e.text for e in doc.ents] == []
    doc = gazetteer("Trade with Bosnia - a country at peace - grew.")
    assert [e.text for e in doc.ents] == ["Bosnia"]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("The farm lies 40 miles southwest of Tarnley .", [(7, 8, "Company")],
         ("Tarnley", "Place")),
        ("Rain flooded the village of Upper Ashcombe .", [(5, 7, "Person")],
         ("Upper Ashcombe", "Place")),
        ("Crowds filled Mellbrook 's main street .", [(2, 3, "Company")], ("Mellbrook", "Place")),
        ("Dunhaven 's mayor resigned .", [(0, 1, "Person")], ("Dunhaven", "Place")),
        ("The bus drove on into Pellard , late .", [(5, 6, "Company")], ("Pellard", "Place")),
        ("Aid reached families in Korvany in the northern part of Arnland .",
         [(4, 5, "Company"), (11, 12, "Place")], ("Korvany", "Place")),
    ],
)
def test_place_context_retypes(text: str, spans: list[tuple[int, int, str]],
                               expected: tuple[str, str]) -> None:
    assert expected in _context(text, spans)


def test_place_context_leaves_company_possessions() -> None:
    assert ("Acme", "Company") in _context("Acme 's shares fell .", [(0, 1, "Company")])
    assert ("Acme", "Company") in _context("She bought a stake in Acme .", [(5, 6, "Company")])


def test_broadcaster_in_source_line() -> None:
    text = "QX1203040595 Tarnby Radio Blue Heron Network in Danish 1300 GMT"
    found = _context(text, [(1, 2, "Place"), (3, 5, "Person")])
    assert ("Radio Blue Heron Network", "Company") in found
    assert ("Blue Heron", "Person") not in found


def test_time_stamps_and_reference_codes_are_not_entities() -> None:
    blank = spacy.blank("en")
    component = blank.add_pipe("newsgraph_type_rules")
    doc = blank("QX1203040595 Tarnby in Danish 1300 GMT 4 May")
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 1, 2, "GPE"), Span(doc, 5, 7, "LAW")]
    assert [(e.text, e.label_) for e in component(doc).ents] == [("Tarnby", "Place")]
