"""Patterns beyond verb frames (issue 17): appositions, nominalisations, "including" lists,
relative clauses, implicit competition, supply deals, and the guards against list and
coordination over-firing. Sentences and names are written for these tests."""

from __future__ import annotations

import pytest
from extract_support import triples
from spacy.language import Language

SYMMETRIC = {"MET_WITH", "PARTNERS_WITH", "IN_TALKS_WITH", "COMPETES_WITH"}


def _triples(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    # what the text states: reference facts (a city inside its country, from GeoNames)
    # are the places component's, tested in test_extract_places_ref.py
    found = triples(nlp, text)
    return found | {(o, t, s) for s, t, o in found if t in SYMMETRIC}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Velmora, the capital of Drestia, hosted the fair.",
         {("Velmora", "LOCATED_IN", "Drestia")}),
        ("Borel Motors and Kestrel Systems, rivals of Vantor Industries, cut prices.",
         {("Borel Motors", "COMPETES_WITH", "Vantor Industries"),
          ("Kestrel Systems", "COMPETES_WITH", "Vantor Industries")}),
        ("Jane Roe, who heads Borel Motors, spoke on Monday.",
         {("Jane Roe", "LEADS", "Borel Motors")}),
        ("Borel Motors is losing ground to Vantor Industries in Europe.",
         {("Borel Motors", "COMPETES_WITH", "Vantor Industries")}),
        ("Vantor Industries overtook Borel Motors last year.",
         {("Vantor Industries", "COMPETES_WITH", "Borel Motors")}),
        ("Borel Motors signed a supply deal with Kestrel Systems.",
         {("Borel Motors", "PARTNERS_WITH", "Kestrel Systems")}),
        ("Borel Motors's joint venture with Kestrel Systems opened a plant.",
         {("Borel Motors", "PARTNERS_WITH", "Kestrel Systems")}),
        ("Talks between Jane Roe and Tom Hale took place in Oslo.",
         {("Jane Roe", "MET_WITH", "Tom Hale")}),
        ("Borel Motors faces rivals including Vantor Industries and Kestrel Systems.",
         {("Borel Motors", "COMPETES_WITH", "Vantor Industries"),
          ("Borel Motors", "COMPETES_WITH", "Kestrel Systems")}),
        ("Ann Kestrell, 47, a former Brown University history professor, spoke.",
         {("Ann Kestrell", "WORKS_FOR", "Brown University")}),
        ("Rain fell at Ashby, Ore., and Dodge City, Kan., on Monday.",
         {("Ashby", "LOCATED_IN", "Ore."), ("Dodge City", "LOCATED_IN", "Kan.")}),
    ],
)
def test_patterns(nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    found = _triples(nlp, text)
    names = {n for s, _, o in found for n in (s, o)}
    # names are compared as the scorer would: without a trailing full stop
    assert {(s.rstrip("."), t, o.rstrip(".")) for s, t, o in expected} <= {
        (s.rstrip("."), t, o.rstrip(".")) for s, t, o in found}, (found, names)


def test_a_list_of_places_is_not_a_place_inside_another(nlp: Language) -> None:
    found = _triples(nlp, "The deal was signed in Paris, France, and Berlin on Monday.")
    assert not {t for t in found if t[1] == "LOCATED_IN"}
    found = _triples(nlp, "Teams from Colombia, Bolivia, Peru and Chile met in Lima.")
    assert not {t for t in found if t[1] == "LOCATED_IN" and t[0] != "Lima"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brill owes money to its fuel supplier, Vantor. Chief executive Ada Kosk said so.",
         ("Ada Kosk", "LEADS", "Vantor")),
        ("The head of the Velmora Water Board, Ivo Renn, was not present.",
         ("Ivo Renn", "LEADS", "Velmora Water Board")),
        ("Green Party co-leader Ola Brandt spoke.", ("Ola Brandt", "LEADS", "Green Party")),
        ("Ivo Renn, 58, served as interim treasurer at the Velmora Institute of Technology.",
         ("Ivo Renn", "WORKS_FOR", "Velmora Institute of Technology")),
        ('"It works," said Ian Corr, a journalist at the local English-language daily '
         "Velmora Gazette.", ("Ian Corr", "WORKS_FOR", "Velmora Gazette")),
    ],
)
def test_titles_around_names(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(nlp, text)
