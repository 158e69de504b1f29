"""The place hierarchy from reference data: the table builder's ambiguity rules, the
component on a blank pipeline with a fixture table, and the full pipeline's output."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.model import Document, Relation
from newsgraph.ingest.components.places import PlaceLink, fold, load_places
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[1]
TABLE = """\
# fixture table
name\tkind\tcountry\tregion\tpopulation\tcapital
Arnland\tcountry\tArnland\t\t5000000\t0
Vestria\tcountry\tVestria\t\t9000000\t0
Norrow\tregion\tVestria\t\t0\t0
Korvany\tcity\tArnland\t\t2500000\t1
Tarnley\tcity\tArnland\t\t40000\t0
Pellard\tcity\tVestria\tNorrow\t300000\t0
"""


def _builder() -> ModuleType:
    path = ROOT / "tools" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_places"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Language:
    data = tmp_path_factory.mktemp("places")
    (data / "places.tsv").write_text(TABLE, encoding="utf-8")
    gazetteer = data / "gazetteer.jsonl"
    entries = [{"name": "Arnland", "type": "Place", "aliases": ["Republic of Arnland"]},
               {"name": "Tarnley Motors", "type": "Company", "aliases": ["Tarnley"]}]
    gazetteer.write_text("\n".join(json.dumps(e) for e in entries), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_places", config={"places_path": str(data / "places.tsv"),
                                             "gazetteer_path": str(gazetteer)})
    return nlp


def _run(nlp: Language, text: str, ents: list[tuple[str, str, str]]) -> Doc:
    """Label the first occurrence of each (text, label, canonical) and run the component."""
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        token.is_sent_start = doc[token.i - 1].text == "."
    words = [t.text for t in doc]
    spans: list[Span] = []
    for surface, label, kb in ents:
        parts = surface.split()
        start = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts
                     and not any(s.start <= i < s.end or i <= s.start < i + len(parts)
                                 for s in spans))
        spans.append(Span(doc, start, start + len(parts), label=label, kb_id=kb))
    spans.sort(key=lambda s: s.start)
    doc.ents = spans
    return nlp.get_pipe("newsgraph_places")(doc)


def test_city_and_region_link_to_what_the_document_names(blank: Language) -> None:
    doc = _run(blank, "Pellard in Norrow , Vestria and Korvany in the Republic of Arnland . "
                      "Arnland grew .",
               [("Pellard", "Place", "Pellard"), ("Norrow", "Place", "Norrow"),
                ("Vestria", "Place", "Vestria"), ("Korvany", "Place", "Korvany"),
                ("Republic of Arnland", "Place", "Arnland"), ("Arnland", "Place", "Arnland")])
    assert set(doc._.place_links) == {
        PlaceLink("Pellard", "Norrow"), PlaceLink("Pellard", "Vestria"),
        PlaceLink("Norrow", "Vestria"), PlaceLink("Korvany", "Arnland")}


def test_no_link_to_a_country_the_document_does_not_name(blank: Language) -> None:
    doc = _run(blank, "Traffic slowed in Korvany and Pellard .",
               [("Korvany", "Place", "Korvany"), ("Pellard", "Place", "Pellard")])
    assert doc._.place_links == []


def test_unnamed_countries_only_behind_the_flag(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_text(TABLE, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_places", config={"places_path": str(tmp_path / "places.tsv"),
                                             "link_unnamed": True})
    doc = _run(nlp, "Traffic slowed in Korvany .", [("Korvany", "Place", "Korvany")])
    assert doc._.place_links == [PlaceLink("Korvany", "Arnland", named=False)]


def test_a_place_name_inside_a_persons_name_is_never_linked(blank: Language) -> None:
    doc = _run(blank, "Pellard , Vestria welcomed Anna Pellard .",
               [("Anna Pellard", "Person", "Anna Pellard"), ("Pellard", "Place", "Pellard"),
                ("Vestria", "Place", "Vestria")])
    assert doc._.place_links == []


def test_well_known_places_typed_company_become_places(blank: Language) -> None:
    doc = _run(blank, "Korvany and Tarnley and Pellard rose . Arnland said so . Arnland grew .",
               [("Korvany", "Company", "Korvany"), ("Tarnley", "Company", "Tarnley Motors"),
                ("Pellard", "Company", "Pellard"), ("Arnland", "Place", "Arnland"),
                ("Arnland", "Place", "Arnland")])
    # a capital is retyped; a gazetteer company and a small city are left alone
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Korvany", "Place"), ("Tarnley", "Company"), ("Pellard", "Company"),
        ("Arnland", "Place"), ("Arnland", "Place")]
    assert doc._.place_links == [PlaceLink("Korvany", "Arnland")]


def test_a_malformed_table_row_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(TABLE + "Lost\tcity\tArnland\t\tmany\t0\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.tsv: data row 8"):
        load_places(str(bad))
    bad.write_text(TABLE + "Lost\tplanet\tArnland\t\t1\t0\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="bad kind"):
        load_places(str(bad))


def test_builder_keeps_only_names_that_resolve_to_one_country() -> None:
    builder = _builder()
    place = builder.Place
    rows = builder.build([
        place("Arnland", "country", "Arnland", "", 5000000, False),
        place("Norrow", "region", "Vestria", "", 0, False),
        place("Norrow", "country", "Norrow", "", 100000, False),  # a state and a country
        place("Dunhaven", "city", "Arnland", "", 900000, False),
        place("Dunhaven", "city", "Vestria", "", 50000, False),  # 18x smaller: dominated
        place("Mellbrook", "city", "Arnland", "", 300000, False),
        place("Mellbrook", "city", "Vestria", "", 100000, False),  # 3x: ambiguous
        place("Korvany", "city", "Arnland", "", 600000, True),
        place("Korvany", "city", "Vestria", "", 200000, False),  # 3x, but a capital leads
        place("Pellard", "city", "Vestria", "Norrow", 300000, False),
        place("Pellard", "city", "Vestria", "Eastmark", 100000, False),  # region unknown
    ], 10.0, 2.0)
    assert [(p.name, p.country, p.region) for p in rows] == [
        ("Arnland", "Arnland", ""), ("Dunhaven", "Arnland", ""), ("Korvany", "Arnland", ""),
        ("Pellard", "Vestria", "")]


def test_shipped_table_is_whole_and_conservative() -> None:
    table = load_places()
    assert len(table) > 20000
    assert table[fold("Paris")].country == "France" and table[fold("Paris")].capital
    assert table[fold("São Paulo")].country == "Brazil" == table[fold("Sao Paulo")].country
    assert table[fold("California")].kind == "region"
    assert fold("Birmingham") not in table  # England's and Alabama's: neither dominates
    assert fold("Georgia") not in table  # a country and a US state
    assert table[fold("Kiev")].name == "Kiev" and table[fold("Kiev")].country == "Ukraine"
    assert fold("White House") not in table  # a translation of Casablanca, not a spelling
    assert table[fold("Islamabad")].country == "Pakistan"  # another city's alternate loses


def _references(nlp: Language, text: str) -> dict[tuple[str, str], Relation]:
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="doc:places"))
    return {(r.subject, r.object): r for r in extracted.relations if r.provenance == "reference"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def test_a_country_named_only_as_a_government_gets_no_places(nlp: Language) -> None:
    assert _references(nlp, "Workers in Lyon went on strike, France's transport ministry "
                             "said on Monday.") == {}
    assert set(_references(nlp, "Workers in Lyon went on strike, a union in the south of "
                                "France said on Monday.")) == {("place:lyon", "place:france")}
    assert set(_references(nlp, "Dockers in Osaka went on strike, a union on Japan's west "
                                "coast said.")) == {("place:osaka", "place:japan")}


def test_extracted_document_carries_reference_edges(nlp: Language) -> None:
    text = ("Workers in Lyon and Marseille went on strike on Monday, a union in the south of "
            "France said. Separately, fog closed the airport in Denver.")
    refs = _references(nlp, text)
    assert set(refs) == {("place:lyon", "place:france"), ("place:marseille", "place:france")}
    assert all(r.dataset == "geonames" and not r.evidence for r in refs.values())
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="doc:places"))
    out = extracted.to_prediction()["relations"]
    assert {"subject": "Lyon", "type": "LOCATED_IN", "object": "France", "confidence": 1.0,
            "evidence": [], "provenance": "reference", "dataset": "geonames"} in out


def test_graph_variant_links_to_a_country_the_text_never_names() -> None:
    nlp = build_nlp(config={"newsgraph_places": {"link_unnamed": True}})
    text = "Workers in Lyon went on strike on Monday."
    extracted = doc_to_extracted(nlp(text), Document(text=text, id="doc:unnamed"))
    france = next(e for e in extracted.entities if e.id == "place:france")
    assert france.mentions == 0 and not france.aliases
    assert [(r.subject, r.object, r.provenance) for r in extracted.relations] == [
        ("place:lyon", "place:france", "reference")]
