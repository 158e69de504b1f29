"""Offices held for a country, and organisations named after one.

"German Chancellor Angela Roe", "Italy's President Tom Sel", "U.S. Secretary of State Jim
Kay", "Tom Sel, the French foreign minister": a head of state or government LEADS the
country; a minister, secretary or ambassador WORKS_FOR it (a country stands for its
government). "The French Foreign Ministry", "the German Society for Optics" are LOCATED_IN
the country their demonym names. The country is read from a demonym (``data/demonyms.yaml``
plus the gazetteer's) or a place entity; a country named only by its demonym becomes a span
that is not one of ``doc.ents``, which extraction adds as an entity of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from newsgraph.ingest.data import load_gazetteer
from newsgraph.ingest.roles import DocContext
from newsgraph.ingest.rules import Candidate

__all__ = ["Offices"]

_PERSON = ("Person", "Official")
_ORGS = ("Company", "Regulator")
_POSSESSIVE = ("'s", "’s")
_DETS = ("the", "a", "an", "former", "then")


@dataclass(frozen=True)
class Offices:
    """The office-title rules: demonyms, title words and the relation each title gives."""

    demonyms: dict[str, str]
    countries: frozenset[str]
    heads: frozenset[str]
    staff: frozenset[str]
    lower: frozenset[str]
    not_heads: frozenset[str]
    org_demonym_exceptions: frozenset[str]
    abroad: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.8
    professions: frozenset[str] = frozenset()

    @classmethod
    def load(cls, spec: dict[str, Any], demonyms: dict[str, str]) -> Offices:
        """The rules from the ``offices`` block of the relation rules file."""
        words = {k: frozenset(w.lower() for w in spec[k])
                 for k in ("heads", "staff", "portfolios", "not_heads")}
        return cls(
            demonyms={k.lower(): v for k, v in demonyms.items()},
            countries=frozenset(demonyms.values()),
            heads=words["heads"], staff=words["staff"] | words["not_heads"],
            lower=words["heads"] | words["staff"] | words["portfolios"] | words["not_heads"],
            not_heads=words["not_heads"],
            org_demonym_exceptions=frozenset(spec.get("org_demonym_exceptions", ())),
            abroad=frozenset(w.lower() for w in spec.get("abroad", ())),
            country_names=_country_names(frozenset(demonyms.values())),
            professions=frozenset(w.lower() for w in spec.get("professions", ())),
            confidence=float(spec.get("confidence", 0.8)),
        )

    def run(self, ctx: DocContext) -> Iterator[Candidate]:
        """Candidates from every person entity with a country title, and every government
        body whose name opens with a demonym. A guess from the story's country is dropped
        where the same person is named with a country anywhere in the document."""
        found = list(self.each(ctx))
        named = {c.subject.kb_id_ for c in found if c.rule.startswith("country_title_")
                 and c.rule != "country_title_salient"}
        for cand in found:
            if cand.rule != "country_title_salient" or cand.subject.kb_id_ not in named:
                yield cand

    def each(self, ctx: DocContext) -> Iterator[Candidate]:
        """Every candidate, before the salient-country guesses are checked."""
        for i, ref in (ctx.refs or {}).items():
            if ref.label_ in _ORGS:
                yield from self.described_reference(ctx, ctx.doc[i], ref)
        for ent in ctx.ents:
            if ent.label_ in _PERSON:
                yield from self.before(ctx, ent)
                yield from self.after(ctx, ent)
            elif ent.label_ in _ORGS:
                if ent.label_ == "Regulator":  # a government body: "the French Foreign Ministry"
                    yield from self.org_country(ent)
                yield from self.org_described(ctx, ent)

    def relation(self, titles: list[Token]) -> str | None:
        """LEADS for a head of state or government, WORKS_FOR for other offices, else None."""
        words = {t.lower_ for t in titles}
        if words & self.not_heads:
            return "WORKS_FOR"
        if words & self.heads:
            return "LEADS"
        return "WORKS_FOR" if words & self.staff else None

    def office_of(self, titles: list[Token], country: Span) -> bool:
        """Whether the titles name an office of the place: a profession alone ("the New York
        attorney") is one only for a country ("U.S. Attorney"), not for a town or state."""
        words = {t.lower_ for t in titles}
        staff = words & (self.staff | self.heads)
        return country.kb_id_ in self.countries or not staff or not staff <= self.professions

    def title_word(self, ctx: DocContext, token: Token) -> bool:
        """A word of an office title ("Foreign", "minister", "of", "State", "-")."""
        ent = ctx.ent_at.get(token.i)
        if ent is not None and ent.label_ in (*_PERSON, "Place", *_ORGS):
            return ent.label_ in _ORGS and len(ent) == 1 and token.lower_ in self.lower
        return token.lower_ in self.lower or token.text in ("of", "-")

    def country(self, ctx: DocContext, end: int) -> Span | None:
        """The country named by the words ending just before token ``end``: a demonym
        ("German", "South Korean") or a place entity, possibly possessive ("Italy's")."""
        doc = ctx.doc
        if end > 0 and doc[end - 1].text in _POSSESSIVE:
            end -= 1
        ent = ctx.ent_at.get(end - 1) if end > 0 else None
        if ent is not None and ent.label_ == "Place" and ent.end == end:
            return ent
        for width in (2, 1):
            start = end - width
            inside = ctx.ent_at.get(start)
            if start >= 0 and (inside is None or inside.label_ != "Place"):
                words = " ".join(t.lower_ for t in doc[start:end])
                if words in self.demonyms:
                    return Span(doc, start, end, label="Place", kb_id=self.demonyms[words])
        return None

    def before(self, ctx: DocContext, person: Span) -> Iterator[Candidate]:
        """"German Chancellor X", "Italy's Foreign Minister X", "U.S. Secretary of State X"."""
        doc = ctx.doc
        end = person.start - 1 if person.start > 1 and doc[person.start - 1].text == "," \
            else person.start  # "India's Prime Minister, Jo Roe"
        i = end
        while i > max(0, end - 6) and self.title_word(ctx, doc[i - 1]):
            i -= 1
        titles = [t for t in doc[i:end] if t.text != "of"] if i < end else []
        relation = self.relation(titles)
        country = self.country(ctx, i) if relation else None
        if relation and country is None and end == person.start:
            country = self.country_of(ctx, person.end)  # "Prime Minister Jo Roe of India"
        if end != person.start and (country is None or i == end):
            return
        if relation and country is not None and doc[i].text != "of":
            if not self.office_of(titles, country):
                return
            yield Candidate(person, relation, country, f"country_title_{relation.lower()}",
                            self.confidence)
        elif (relation == "LEADS" and titles and titles[0].is_title and doc[i].text != "of"
              and titles[0].text != "State" and (i == 0 or not doc[i - 1].ent_type_)):
            # "President Jo Roe" in a story about one country; not "UN Secretary General"
            for home in self.home_country(ctx):
                yield Candidate(person, relation, home, "country_title_salient",
                                self.confidence * 0.75)

    def after(self, ctx: DocContext, person: Span) -> Iterator[Candidate]:
        """"X, the German chancellor," "X, Germany's foreign minister," "X, president of Y"."""
        doc = ctx.doc
        i = person.end
        if i + 2 >= len(doc) or doc[i].text != ",":
            return
        i += 1
        if doc[i].lower_ in _DETS:
            i += 1
        country, start = self.country_after(ctx, i)
        j = start
        while j < min(len(doc), start + 6) and self.title_word(ctx, doc[j]):
            j += 1
        titles = list(doc[start:j])
        if country is None and len(titles) > 1 and titles[-1].text == "of":
            ent = ctx.ent_at.get(j)
            country = ent if ent is not None and ent.label_ == "Place" else None
            if ent is not None and ent.end < len(doc) and doc[ent.end].text in _POSSESSIVE:
                return  # "X, head of Drestia's opposition party" heads the party
            titles = titles[:-1]
        elif j < len(doc) and (doc[j].text in ("of", "at") or doc[j].ent_type_):
            return  # "X, the German head of Acme" is about Acme, not Germany
        relation = self.relation(titles) if titles else None
        if relation and country is not None and self.office_of(titles, country):
            yield Candidate(person, relation, country, f"country_title_{relation.lower()}",
                            self.confidence)

    def country_of(self, ctx: DocContext, i: int) -> Span | None:
        """A country named by "of <country>" at token ``i``."""
        doc = ctx.doc
        if i + 1 < len(doc) and doc[i].text == "of":
            ent = ctx.ent_at.get(i + 1)
            if ent is not None and ent.label_ == "Place" and ent.kb_id_ in self.countries:
                return ent
        return None

    def home_country(self, ctx: DocContext) -> list[Span]:
        """The one country the document is about: named at least twice, and more than every
        other country together."""
        countries = self.countries
        counts: dict[str, list[Span]] = {}
        for ent in ctx.ents:
            if ent.label_ == "Place" and ent.kb_id_ in countries:
                counts.setdefault(ent.kb_id_, []).append(ent)
        ranked = sorted(counts.values(), key=len, reverse=True)
        if not ranked or len(ranked[0]) < 2:
            return []
        others = sum(len(r) for r in ranked[1:])
        return ranked[0][:1] if len(ranked[0]) > others else []

    def country_after(self, ctx: DocContext, i: int) -> tuple[Span | None, int]:
        """A country opening the appositive at token ``i``, and where its title begins."""
        doc = ctx.doc
        ent = ctx.ent_at.get(i)
        if ent is not None and ent.label_ == "Place" and ent.start == i:
            if ent.end < len(doc) and doc[ent.end].text in _POSSESSIVE:
                return ent, ent.end + 1
            return ent, ent.end
        for width in (2, 1):
            words = " ".join(t.lower_ for t in doc[i : i + width])
            if words in self.demonyms and ctx.ent_at.get(i) is None:
                return Span(doc, i, i + width, label="Place", kb_id=self.demonyms[words]), i + width
        return None, i

    def org_described(self, ctx: DocContext, org: Span) -> Iterator[Candidate]:
        """"the German tabloid Bild", "Berlin daily Der Tag", "Bild, a German tabloid,",
        "Acme, Italy's biggest bank": the organisation is LOCATED_IN the place described."""
        doc = ctx.doc
        k = org.start
        while k > max(0, org.start - 3) and _describing(ctx, doc[k - 1]):
            k -= 1
        country = self.country(ctx, k) if k < org.start or org.start == k else None
        if country is not None and country.kb_id_ not in self.org_demonym_exceptions:
            yield Candidate(org, "LOCATED_IN", country, "org_place_described", self.confidence)
            return
        i = org.end
        if i + 2 < len(doc) and doc[i].text == ",":  # "Acme, a German firm", "Acme, Italy's bank"
            country, j = self.country_after(ctx, i + 2 if doc[i + 1].lower_ in _DETS else i + 1)
            if doc[i + 1].lower_ not in _DETS and (country is None or j == country.end):
                return  # without an article only a possessive place: "Acme, Italy's ..."
            nouns = [t for t in doc[j : j + 3] if _describing(ctx, t)]
            if (country is not None and nouns and nouns[-1].pos_ == "NOUN"
                    and country.kb_id_ not in self.org_demonym_exceptions):
                yield Candidate(org, "LOCATED_IN", country, "org_place_described",
                                self.confidence)

    def described_reference(self, ctx: DocContext, noun: Token, ref: Span) -> Iterator[Candidate]:
        """"the Munich-based carmaker" standing for a named organisation: it is LOCATED_IN that
        place; the evidence is the description's sentence. (A demonym alone, "the Spanish
        club", more often sets a second organisation against the first: it gives nothing.)"""
        for token in noun.doc[noun.left_edge.i : noun.i]:
            if token.lower_ in ("based", "headquartered") and token.i > noun.left_edge.i:
                before = token.i - 1 if noun.doc[token.i - 1].text != "-" else token.i - 2
                place = ctx.ent_at.get(before)
                if place is not None and place.label_ == "Place":
                    yield Candidate(ref, "LOCATED_IN", place, "described_reference",
                                    self.confidence, anchor=noun.i)
                    return

    def org_country(self, org: Span) -> Iterator[Candidate]:
        """"the French Foreign Ministry", "the US Court of Appeals": LOCATED_IN the country."""
        first = org.start + (org[0].lower_ == "the")
        for width in (2, 1):
            if org.end - first > width:
                words = " ".join(t.lower_ for t in org.doc[first : first + width])
                country = self.demonyms.get(words) or self.country_names.get(words)
                abroad = any(t.lower_ in self.abroad for t in org)  # "the French Embassy"
                if country is not None and country not in self.org_demonym_exceptions \
                        and not abroad:
                    span = Span(org.doc, first, first + width, label="Place",
                                kb_id=country)
                    yield Candidate(org, "LOCATED_IN", span, "org_demonym", self.confidence)
                    return



def _describing(ctx: DocContext, token: Token) -> bool:
    """A lower-case noun or adjective describing a name ("daily", "biggest", "tabloid")."""
    return (token.is_lower and token.is_alpha and token.pos_ in ("NOUN", "ADJ")
            and token.i not in ctx.ent_at)


def _country_names(countries: frozenset[str]) -> dict[str, str]:
    """Lower-case names and aliases of the gazetteer's countries ("us", "u.s.") -> country."""
    return {n.lower(): e.name for e in load_gazetteer() if e.name in countries
            for n in (e.name, *e.aliases) if " " not in n or len(n.split()) <= 2}
