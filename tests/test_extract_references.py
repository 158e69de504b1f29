"""References across a document, country offices through demonyms, and the two defects of
issue 17 (an unquoted ``no`` in the negation words; "Chief executive X said"). Sentences are
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.model import Document, ExtractedDocument
from newsgraph.ingest.data import DATA_DIR, load_demonyms, word_list
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def _extract(nlp: Language, text: str) -> ExtractedDocument:
    return doc_to_extracted(nlp(text), Document(text=text, id="t"))


def _triples(extracted: ExtractedDocument) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in extracted.entities}
    return {(names[r.subject], r.type, names[r.object]) for r in extracted.relations}


def _evidence(extracted: ExtractedDocument, triple: tuple[str, str, str]) -> list[str]:
    names = {e.id: e.name for e in extracted.entities}
    text = extracted.document.text
    for rel in extracted.relations:
        if (names[rel.subject], rel.type, names[rel.object]) == triple:
            assert all(text[e.start : e.end] == e.sentence for e in rel.evidence)
            return [e.sentence for e in rel.evidence]
    raise AssertionError(f"{triple} not extracted")


# -- defect: YAML reads an unquoted `no` as false ---------------------------------------


def test_packaged_negation_words_are_all_strings_and_include_no() -> None:
    rules = yaml.safe_load((DATA_DIR / "negation.yaml").read_text(encoding="utf-8"))
    modifiers = word_list(rules, "modifiers", None, "negation.yaml")
    assert "no" in modifiers and False not in rules["modifiers"]


def test_a_word_list_with_a_boolean_is_refused_naming_file_and_entry(tmp_path: Path) -> None:
    path = tmp_path / "negation.yaml"
    path.write_text("modifiers: [not, no]\ngovernors: [deny]\nclimb: [xcomp]\n")
    rules = yaml.safe_load(path.read_text())
    with pytest.raises(BadInputError) as err:
        word_list(rules, "modifiers", str(path), "negation.yaml")
    assert str(path) in err.value.message and "modifiers[1]" in err.value.message
    assert "False" in err.value.message


def test_no_agreement_gives_no_partnership(nlp: Language) -> None:
    text = "No agreement was reached between Borel Motors Inc. and Kestrel Systems Corp."
    assert not {t for t in _triples(_extract(nlp, text)) if t[1] == "PARTNERS_WITH"}
    text = "An agreement was reached between Borel Motors Inc. and Kestrel Systems Corp."
    assert {t for t in _triples(_extract(nlp, text)) if t[1] == "PARTNERS_WITH"}


# -- defect: "Chief executive X said" ---------------------------------------------------


def test_chief_executive_before_a_name_leads_the_company_named_before(nlp: Language) -> None:
    text = ("Borel Motors opened a plant in Ohio on Monday. Chief executive Jane Roe said "
            "the plant would hire 500 people.")
    extracted = _extract(nlp, text)
    assert ("Jane Roe", "LEADS", "Borel Motors") in _triples(extracted)
    assert _evidence(extracted, ("Jane Roe", "LEADS", "Borel Motors")) == [
        "Chief executive Jane Roe said the plant would hire 500 people."]


# -- references: pronouns and descriptions, with type agreement --------------------------


def test_its_and_the_company_resolve_to_the_company_named_before(nlp: Language) -> None:
    text = ("Borel Motors Inc. said on Monday that sales rose. The company also said its "
            "Munich factory employs 900 people.")
    extracted = _extract(nlp, text)
    assert ("Borel Motors", "LOCATED_IN", "Munich") in _triples(extracted)
    # the evidence is the sentence that states the fact, not the one that names the company
    assert _evidence(extracted, ("Borel Motors", "LOCATED_IN", "Munich")) == [
        "The company also said its Munich factory employs 900 people."]


def test_its_never_stands_for_a_person_or_a_place(nlp: Language) -> None:
    doc = nlp("Jane Roe visited Lyon on Monday. Its factory employs 900 people.")
    its = next(t for t in doc if t.lower_ == "its")
    assert its.i not in doc._.references


def test_he_stands_for_the_person_named_before(nlp: Language) -> None:
    doc = nlp("Borel Motors hired Tom Hale in May. He said the deal was good.")
    he = next(t for t in doc if t.lower_ == "he")
    assert doc._.references[he.i].text == "Tom Hale"


def test_a_reporter_is_not_the_company_its_report_speaks_of(nlp: Language) -> None:
    text = ("Borel Motors Inc. wants a data centre in Spain. Kestrel News reported that the "
            "company has had talks with Vantor Systems Corp about chips.")
    found = _triples(_extract(nlp, text))
    talks = {frozenset((s, o)) for s, t, o in found if t == "IN_TALKS_WITH"}
    assert frozenset(("Borel Motors", "Vantor Systems")) in talks
    assert not any("Kestrel News" in pair for pair in talks)


def test_a_bare_title_stands_for_the_person_named_with_it(nlp: Language) -> None:
    doc = nlp("Chairman Tom Hale opened the plant. Later the chairman said sales rose.")
    chairman = [t for t in doc if t.lower_ == "chairman"][-1]
    assert doc._.references[chairman.i].text == "Tom Hale"
    doc = nlp("Tom Hale opened the plant. Later the chairman said sales rose.")
    chairman = [t for t in doc if t.lower_ == "chairman"][-1]
    assert chairman.i not in doc._.references  # nobody was named chairman


# -- demonyms and country titles ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("German Chancellor Anna Vogt met the press.", ("Anna Vogt", "LEADS", "Germany")),
        ("Italy's President Marco Ferri spoke on Monday.", ("Marco Ferri", "LEADS", "Italy")),
        ("U.S. Secretary of State Jim Kay arrived in Oslo.",
         ("Jim Kay", "WORKS_FOR", "United States")),
        ("Anna Vogt, the German chancellor, spoke.", ("Anna Vogt", "LEADS", "Germany")),
        ("Paul Weir, Canada's foreign minister, spoke.", ("Paul Weir", "WORKS_FOR", "Canada")),
        ("Paul Weir, the president of Chile, spoke.", ("Paul Weir", "LEADS", "Chile")),
        ("Kenyan Deputy President Ruth Kamau spoke.", ("Ruth Kamau", "WORKS_FOR", "Kenya")),
        ("The French Foreign Ministry said it disagreed.",
         ("French Foreign Ministry", "LOCATED_IN", "France")),
        ("The company appealed to the US Bureau of Harbour Safety.",
         ("US Bureau of Harbour Safety", "LOCATED_IN", "United States")),
    ],
)
def test_country_offices(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_extract(nlp, text))


def test_an_opposition_leader_does_not_lead_the_country(nlp: Language) -> None:
    found = _triples(_extract(nlp, "German opposition leader Anna Vogt spoke in Bonn."))
    assert not {t for t in found if t[2] == "Germany"}
    text = "Ivo Renn, who heads Chile's largest opposition party, was questioned on Friday."
    assert not {t for t in _triples(_extract(nlp, text)) if t[2] == "Chile"}


def test_the_demonym_table_covers_every_sovereign_state() -> None:
    pycountry = pytest.importorskip("pycountry")
    table = load_demonyms()
    packaged = yaml.safe_load((DATA_DIR / "demonyms.yaml").read_text(encoding="utf-8"))
    countries = set(packaged["countries"])
    assert len(countries) >= 195
    names = {getattr(c, a) for c in pycountry.countries
             for a in ("name", "common_name", "official_name") if hasattr(c, a)}
    # keys are ISO 3166 names except these common English short forms and former states
    common = {"Brunei", "Cape Verde", "Democratic Republic of the Congo", "Ivory Coast",
              "Kosovo", "Micronesia", "Palestine", "Russia", "Turkey", "Vatican City",
              "Soviet Union"}
    assert countries - names <= common, sorted(countries - names - common)
    assert all(isinstance(d, str) and d[0].isupper() for d in table)
    assert table["German"] == "Germany" and table["Burkinabe"] == "Burkina Faso"


# -- type repair from the slot, organisations described by a country ----------------------


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The German tabloid Zeitblatt reported the story on Monday.", "Zeitblatt", "Company"),
        ("Borel Motors Inc. opened a plant in Velmora, officials said.", "Velmora", "Place"),
        ("Borel Motors Inc. said its Zephyr app had ten million users.", "Zephyr", "Product"),
        ('"It is great," said Zeltra CEO Ivo Renn in a statement.', "Zeltra", "Company"),
    ],
)
def test_the_slot_a_rule_expects_types_the_name(
    nlp: Language, text: str, name: str, label: str
) -> None:
    assert _types(nlp, text).get(name) == label


def test_portfolio_words_before_an_office_are_not_an_organisation(nlp: Language) -> None:
    types = _types(nlp, "Finance Minister Jo Pell met Defense Secretary Al Brant on Monday.")
    assert not {n for n, t in types.items() if t in ("Company", "Regulator")}
    types = _types(nlp, "Secretary of State Ivo Renn met Assistant Secretary of State Al Brant.")
    assert not {n for n, t in types.items() if t in ("Company", "Regulator")}


def test_credit_lines_name_no_entities(nlp: Language) -> None:
    text = "Borel Motors Inc. opened a plant in Ohio.\nAuthor: Jane Roe / ab Editor: Tom Hale"
    names = {e.name for e in _extract(nlp, text).entities}
    assert "Borel Motors" in names and not names & {"Jane Roe", "Tom Hale"}


def test_an_organisation_described_by_a_country_is_located_there(nlp: Language) -> None:
    found = _triples(_extract(nlp, "The German tabloid Zeitblatt reported the story."))
    assert ("Zeitblatt", "LOCATED_IN", "Germany") in found
    text = "He left the board of Zeltra, Australia's largest bookmaker, on Monday."
    assert ("Zeltra", "LOCATED_IN", "Australia") in _triples(_extract(nlp, text))
    text = "Zeltra, Germany and France signed the pact on Monday."
    assert not {t for t in _triples(_extract(nlp, text)) if t[1] == "LOCATED_IN"}
    found = _triples(_extract(nlp, "Protesters gathered outside the French Embassy in Rome."))
    assert ("French Embassy", "LOCATED_IN", "France") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We can sell gas," Azerbaijani President Ilkin Sadikov said.',
         ("Ilkin Sadikov", "LEADS", "Azerbaijan")),
        ("India's Prime Minister, Ravi Chandran, sent his condolences.",
         ("Ravi Chandran", "LEADS", "India")),
        ("Prime Minister Ravi Chandran of India and President Ana Lopes met.",
         ("Ravi Chandran", "LEADS", "India")),
    ],
)
def test_country_offices_with_commas_and_of(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    found = _triples(_extract(nlp, text))
    assert expected in found
    assert not {t for t in found if t[0] == expected[0] and t[2] not in (expected[2],)}


def test_a_bare_head_title_leads_the_one_country_the_story_is_about(nlp: Language) -> None:
    text = ("Voters in Chile went to the polls on Sunday. Turnout in Chile was high. "
            "President Ana Lopes said the vote was fair.")
    assert ("Ana Lopes", "LEADS", "Chile") in _triples(_extract(nlp, text))
    text = ("Voters in Chile and Peru went to the polls on Sunday. "
            "President Ana Lopes said the vote was fair.")
    assert not {t for t in _triples(_extract(nlp, text)) if t[0] == "Ana Lopes"}
    text = ("Voters in Chile went to the polls. Turnout in Chile was high. UN Secretary "
            "General Ana Lopes said the vote was fair.")  # her title is the UN's
    assert not {t for t in _triples(_extract(nlp, text)) if t[0] == "Ana Lopes" and t[2] == "Chile"}


def test_a_country_is_not_inside_what_possesses_it(nlp: Language) -> None:
    found = _triples(_extract(nlp, "Officials in Lyon studied Lyon's Chile policy."))
    assert ("Chile", "LOCATED_IN", "Lyon") not in found


def test_a_description_states_where_the_company_it_stands_for_is(nlp: Language) -> None:
    text = ("Borel Motors Inc. sold more cars. The Munich-based carmaker said sales rose. "
            "The German company also hired staff.")
    extracted = _extract(nlp, text)
    found = _triples(extracted)
    assert ("Borel Motors", "LOCATED_IN", "Munich") in found
    assert _evidence(extracted, ("Borel Motors", "LOCATED_IN", "Munich")) == [
        "The Munich-based carmaker said sales rose."]


def test_a_description_with_a_demonym_is_not_resolved(nlp: Language) -> None:
    doc = nlp("Borel Motors Inc. lost the final. The Spanish club said it would appeal.")
    club = next(t for t in doc if t.lower_ == "club")
    assert club.i not in doc._.references


def test_a_product_name_keeps_its_model_number(nlp: Language) -> None:
    types = _types(nlp, "Apple's iPhone 15 Pro sold well in 2023.")
    assert types.get("iPhone 15 Pro") == "Product"
    assert "2023" not in " ".join(types)
