"""Fourth round of issue 17: staff by rank, roles named on election, organisations' names
that go on over "and" or open with an ordinal, broadcasters on a source line, "a spokesman
for the company". Sentences and names are written for these tests (no evaluation text)."""

from __future__ import annotations

import pytest
from extract_support import aliases, extract, triples
from spacy.language import Language

__all__: list[str] = []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coast Guard spokeswoman Lt. Dana Kirsch said the ferry was towed to port.",
         ("Dana Kirsch", "WORKS_FOR", "Coast Guard")),
        ("Sen. Marta Olvera of the ruling Green Harmony Party voted against the budget.",
         ("Marta Olvera", "WORKS_FOR", "Green Harmony Party")),
        ("Tomas Brandt was elected chairman of the Northfield Rowing Association on Monday.",
         ("Tomas Brandt", "LEADS", "Northfield Rowing Association")),
        ("Mary Collins was installed as new president of the bipartisan Lakeshore Mayors' Council.",
         ("Mary Collins", "LEADS", "Lakeshore Mayors' Council")),
        ("Paul Walker and fellow players at the Harwood Chess Club stayed up all night.",
         ("Paul Walker", "WORKS_FOR", "Harwood Chess Club")),
        ("Five Liberal Party senators, including Ada Brook, signed the letter.",
         ("Ada Brook", "WORKS_FOR", "Liberal Party")),
        ("The audit was ordered by Laura Bennett, an accountant in the records office of the "
         "Labor Department in Boston.", ("Laura Bennett", "WORKS_FOR", "Labor Department")),
    ],
)
def test_round4_staff_found(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


def test_a_spokesman_for_the_company_works_for_the_company_named(nlp: Language) -> None:
    text = ("Brightwell Foods raised the price of its bread again this week, said Omar Haddad, "
            "a spokesman for the bakery company.")
    assert ("Omar Haddad", "WORKS_FOR", "Brightwell Foods") in triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("Sen. Marta Olvera of the rival Green Harmony Party voted against the budget.",
         ("Marta Olvera", "WORKS_FOR", "Green Harmony Party")),
        ("Brightwell Foods customers, including Ada Brook, complained about the bread.",
         ("Ada Brook", "WORKS_FOR", "Brightwell Foods")),
    ],
)
def test_round4_staff_guard(nlp: Language, text: str, unwanted: tuple[str, str, str]) -> None:
    assert unwanted not in triples(nlp, text)


def test_a_name_goes_on_over_and(nlp: Language) -> None:
    text = "Nora Field, a spokeswoman for the Department of Parks and Recreation, said so."
    names = {e.name for e in extract(nlp, text).entities}
    assert "Department of Parks and Recreation" in names
    assert ("Nora Field", "WORKS_FOR", "Department of Parks and Recreation") in triples(nlp, text)


def test_and_does_not_join_another_name(nlp: Language) -> None:
    text = "The Ministry of Finance and Google signed the agreement in Dublin on Friday."
    names = {e.name for e in extract(nlp, text).entities}
    assert "Google" in names and not any("Google" in n and n != "Google" for n in names)


def test_a_numbered_court_is_its_own_body(nlp: Language) -> None:
    text = ("Judge Lena Ortiz of the 4th Circuit Court and Judge Paul Weir of the Circuit Court "
            "both heard the case.")
    found = triples(nlp, text)
    assert ("Lena Ortiz", "WORKS_FOR", "4th Circuit Court") in found
    assert ("Paul Weir", "WORKS_FOR", "Circuit Court") in found
    assert ("Paul Weir", "WORKS_FOR", "4th Circuit Court") not in found


@pytest.mark.parametrize(
    ("text", "station", "city"),
    [
        ("Oslo Radio Nordvest Network", "Radio Nordvest Network", "Oslo"),
        ("Madrid Onda Nueva Television", "Onda Nueva Television", "Madrid"),
        ("Floods Close Roads NC0303030395 Lisbon Radio Portugal in Portuguese 0800 GMT 3 Mar 95",
         "Radio Portugal", "Lisbon"),
        ("Floods Close Roads NC0303030395 Oslo TV-2 Network in Norwegian 0800 GMT 3 Mar 95",
         "TV-2 Network", "Oslo"),
    ],
)
def test_a_source_line_names_a_station_and_its_city(
    nlp: Language, text: str, station: str, city: str
) -> None:
    entities = {e.name: e.type for e in extract(nlp, text).entities}
    assert entities.get(station) == "Company"
    assert (station, "LOCATED_IN", city) in triples(nlp, text)


def test_a_name_with_an_age_is_a_person(nlp: Language) -> None:
    text = "Kessler, 45, said the bridge would reopen in the spring."
    assert "Kessler" in aliases(nlp, text)
    assert {e.name: e.type for e in extract(nlp, text).entities}.get("Kessler") == "Person"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voters in the autonomous Catalonia region of Spain waited for hours.",
         ("Catalonia", "LOCATED_IN", "Spain")),
        ("Floods hit the southern Brazilian state of Bahia last week.",
         ("Bahia", "LOCATED_IN", "Brazil")),
        ("Sardinia, one of Italy's regions, elected a new council.",
         ("Sardinia", "LOCATED_IN", "Italy")),
        ("Texas is the largest of America's 48 contiguous states.",
         ("Texas", "LOCATED_IN", "United States")),
        ("Erbil, the capital of the oil-rich Kurdistan region, was quiet.",
         ("Erbil", "LOCATED_IN", "Kurdistan")),
        ("Cambridge, a Boston suburb, voted early.", ("Cambridge", "LOCATED_IN", "Boston")),
        ("The sawmill near Elba, situated in the province of Livorno, closed.",
         ("Elba", "LOCATED_IN", "Livorno")),
    ],
)
def test_round4_places_found(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


def test_a_demonym_state_is_not_inside_its_own_state(nlp: Language) -> None:
    text = "Floods hit the southern Brazilian state of Bahia last week."
    assert ("Brazil", "LOCATED_IN", "Bahia") not in triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met the African Farmers Union, AFU, chairman Samuel Okafor in Durban.",
         ("Samuel Okafor", "LEADS", "African Farmers Union")),
        ("The head of the press office of the Dutch Interior Ministry Peter Lang spoke to "
         "reporters.", ("Peter Lang", "WORKS_FOR", "Dutch Interior Ministry")),
    ],
)
def test_round4_roles_found(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The governor also had praise for Oregon's Thalberg, who retires next year.", "Thalberg"),
        ("Marlowe, a Chicago native, opened the bakery in 1998.", "Marlowe"),
        ("Ashworth taught at Leeds University for ten years.", "Ashworth"),
    ],
)
def test_round4_people_the_model_missed(nlp: Language, text: str, name: str) -> None:
    assert {e.name: e.type for e in extract(nlp, text).entities}.get(name) == "Person"


def test_a_district_that_opens_another_name_is_not_the_places(nlp: Language) -> None:
    found = aliases(nlp, "Her appeal reached U.S. District Court in Denver last May.")
    assert "U.S. District" not in found.get("United States", set())
    assert "District Court" in found
