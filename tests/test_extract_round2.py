"""Second round of issue 17: employment told in appositives and "of the <kind> of" phrases,
datelines without brackets, and professions that are no office of a town or state.
Sentences and names are written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.graph.model import Document
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp

__all__: list[str] = []


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def _triples(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="t"))
    names = {e.id: e.name for e in extracted.entities}
    for rel in extracted.relations:  # every text edge keeps sentence evidence that slices
        if rel.provenance != "reference":
            assert rel.evidence and all(text[e.start : e.end] == e.sentence for e in rel.evidence)
    return {(names[r.subject], r.type, names[r.object]) for r in extracted.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Martin Kessler, vice president and columnist for The Daily Courier, wrote the piece.",
         ("Martin Kessler", "WORKS_FOR", "Daily Courier")),
        ("Martin Kessler, vice president for development of new services at Northwind Bank, "
         "said the bank grew.", ("Martin Kessler", "WORKS_FOR", "Northwind Bank")),
        ("Martin Kessler of the corporate law firm of Harwell Burke Partners said it was off.",
         ("Martin Kessler", "WORKS_FOR", "Harwell Burke Partners")),
        ("Paris, May 3 AFP -- Prices rose.", ("Agence France-Presse", "LOCATED_IN", "Paris")),
    ],
)
def test_new_patterns_find(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a visitor is no employee
        ("Martin Kessler, a visitor at Northwind Bank, said nothing.",
         ("Martin Kessler", "WORKS_FOR", "Northwind Bank")),
        # a lawyer from a state does not work for the state
        ("Martin Kessler, the Ohio attorney representing Northwind Bank, declined to comment.",
         ("Martin Kessler", "WORKS_FOR", "Ohio")),
    ],
)
def test_new_patterns_guard(nlp: Language, text: str, unwanted: tuple[str, str, str]) -> None:
    assert unwanted not in _triples(nlp, text)


def test_profession_of_a_country_is_an_office(nlp: Language) -> None:
    """"U.S. Attorney X" still works for the country; "attorney general" of a state too."""
    assert ("Jo Roe", "WORKS_FOR", "United States") in _triples(
        nlp, "U.S. Attorney Jo Roe said the case was closed.")
    assert ("Jo Roe", "WORKS_FOR", "Texas") in _triples(
        nlp, "Jo Roe, the Texas attorney general, sued the firm.")
