"""Canonicalisation: one name and one type per real entity within a document.

Gazetteer aliases resolve to their entry ("U.S." -> "United States"), a surname to
the full name used elsewhere in the document ("Musk" -> "Elon Musk"), a shorter name
to a longer one of the same type that contains it, and corporate suffixes are
dropped. Each span gets the canonical name as ``kb_id`` and the document-wide type.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.graph.model import normalise_name
from newsgraph.ingest.data import GazetteerEntry, load_yaml, lookup_index

__all__ = ["Canonicaliser"]

_PERSONS = ("Person", "Official")
_ORGANISATIONS = ("Company", "Regulator")
_THINGS = ("Company", "Product")


@Language.factory(
    "newsgraph_canonical",
    requires=["doc.ents"],
    assigns=["doc.ents", "token.ent_kb_id"],
    default_config={"gazetteer_path": None, "rules_path": None},
)
def make_canonical(
    nlp: Language, name: str, gazetteer_path: str | None, rules_path: str | None
) -> Canonicaliser:
    """Build the canonicaliser from the gazetteer and the type rules."""
    rules = load_yaml(rules_path, "type_rules.yaml")
    return Canonicaliser(lookup_index(gazetteer_path), rules.get("corporate_suffixes", []))


class Canonicaliser:
    """Give every entity span its canonical name (``kb_id``) and document-wide type."""

    def __init__(self, index: dict[str, GazetteerEntry], suffixes: list[str]) -> None:
        self.index = index
        words = "|".join(re.escape(s.rstrip(".")) for s in suffixes)
        self.suffix = re.compile(rf"(?:,?\s+(?:{words})\.?)+$")
        self.known = {e.name for e in index.values()}

    def __call__(self, doc: Doc) -> Doc:
        names: dict[int, tuple[str, str]] = {}
        ents = doc.ents  # (each read of doc.ents makes every span anew)
        for i, ent in enumerate(ents):
            names[i] = self.lookup(ent)
        merge_abbreviations(ents, names)
        self.adopt_surnames(names)
        self.merge_short_names(names)
        types = self.vote_types(names)
        doc.ents = [
            Span(doc, e.start, e.end, label=types[names[i][0]], kb_id=names[i][0])
            for i, e in enumerate(ents)
        ]
        return doc

    def lookup(self, ent: Span) -> tuple[str, str]:
        """(canonical name, type) of one span from the gazetteer, else its own words."""
        if ent.kb_id_:
            return ent.kb_id_, ent.label_
        text = " ".join(ent.text.split())
        bare = self.suffix.sub("", text)
        for candidate in (text, bare):
            entry = self.index.get(normalise_name(candidate))
            if entry is not None:
                return entry.name, entry.type
        return bare or text, ent.label_

    def merge_short_names(self, names: dict[int, tuple[str, str]]) -> None:
        """Map "Musk" to "Elon Musk" and "SkyNet" to "Smart SkyNet-1" when unambiguous.

        Mentions are visited in order and each sees the names the earlier ones left; a
        name's candidates (longer names that contain it between word boundaries) are
        found once through an index of every such substring, so the work is near-linear
        in the mentions, not quadratic."""
        live: Counter[tuple[str, str]] = Counter(names.values())
        index = _substring_index(live)
        candidates: dict[tuple[str, str], list[tuple[str, str]]] = {}
        cached: dict[tuple[str, str], tuple[int, tuple[str, str] | None]] = {}
        epoch = 0  # how many names have died out (the only change that alters an answer)
        for i, value in list(names.items()):
            name = value[0]
            if name in self.known:
                continue
            if value not in candidates:
                candidates[value] = _longer_names(value, index.get(name, ()))
            if value in cached and cached[value][0] == epoch:
                target = cached[value][1]
            else:
                longer = [o for o in candidates[value] if live[o] > 0]
                target = max(longer) if len({o for o, _ in longer}) == 1 else None
                cached[value] = (epoch, target)
            if target is not None:
                names[i] = target
                live[target] += 1
                live[value] -= 1
                epoch += live[value] == 0

    def adopt_surnames(self, names: dict[int, tuple[str, str]]) -> None:
        """An organisation or product name that is the surname of exactly one person named
        in the document, or (of two words or more) the start of that person's name, is that
        person ("Terry Branstad ... Branstad", "Anna Maria Olsen ... Anna Maria").

        The people named never change here (a mention becomes a person already named), so
        their surnames and name starts are indexed once."""
        people: dict[str, set[str]] = defaultdict(set)
        for other, other_label in set(names.values()):
            if other_label in _PERSONS:
                for part in _name_parts(other):
                    people[part].add(other)
        for i, (name, label) in list(names.items()):
            if label not in _THINGS or name in self.known:
                continue
            found = people.get(name, set())
            if len(found) == 1:
                names[i] = (next(iter(found)), "Person")

    @staticmethod
    def vote_types(names: dict[int, tuple[str, str]]) -> dict[str, str]:
        """One type per canonical name: Official beats Person, else the most common."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, label in names.values():
            votes[name][label] += 1
        types = {}
        for name, counter in votes.items():
            if counter["Official"] and set(counter) <= set(_PERSONS):
                types[name] = "Official"
            else:
                types[name] = counter.most_common(1)[0][0]
        return types



def _name_parts(person: str) -> list[str]:
    """What a shorter name must equal to be part of a person's name: the surname (for one
    word), or a start of the name that ends before a space (for several words)."""
    starts = [person[:k] for k, ch in enumerate(person) if ch == " " and " " in person[:k]]
    surname = [person.rpartition(" ")[2]] if " " in person else []
    return [*starts, *surname]


_WORD = re.compile(r"\w")
_NUMBERED = re.compile(r"^(?:the )?[0-9]+(?:st|nd|rd|th) $")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _substring_index(values: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Every substring of every name that starts after a non-word, non-hyphen character
    and ends before a non-word character, as ``(?<![\\w-])name(?![\\w])`` would match it,
    mapped to the names that contain it."""
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for value in values:
        other = value[0]
        starts = [p for p in range(len(other))
                  if p == 0 or not _WORD_OR_HYPHEN.match(other[p - 1])]
        ends = [q for q in range(1, len(other) + 1)
                if q == len(other) or not _WORD.match(other[q])]
        for sub in {other[p:q] for p in starts for q in ends if q > p}:
            index[sub].append(value)
    return index


def _longer_names(value: tuple[str, str], containing: Iterable[tuple[str, str]]
                  ) -> list[tuple[str, str]]:
    """The longer names a name may stand for, before asking which are still in use."""
    name, label = value
    return [
        (other, other_label)
        for other, other_label in containing
        if other != name
        and len(other) > len(name)
        and (label in _PERSONS) == (other_label in _PERSONS)
        and "Place" not in (label, other_label)  # "Idaho" is not "Idaho Falls"
        and (label not in _PERSONS or other.endswith(" " + name))
        and not _NUMBERED.match(other.removesuffix(name))  # "9th Circuit" is not "Circuit"
    ]


def merge_abbreviations(ents: Sequence[Span], names: dict[int, tuple[str, str]]) -> None:
    """A one-word name in brackets right after an organisation's name ("the Institute of
    Mining (Imin)") is an alias of it, here and wherever else the document uses it."""
    aliases: dict[str, tuple[str, str]] = {}
    for i, ent in enumerate(ents[1:], 1):
        doc, before = ent.doc, ents[i - 1]
        if (len(ent) == 1 and not ent.kb_id_ and before.end == ent.start - 1
                and doc[before.end].text == "(" and ent.end < len(doc)
                and doc[ent.end].text == ")" and names[i - 1][1] in _ORGANISATIONS):
            aliases[ent.text] = names[i - 1]
    _initialisms(ents, names, aliases)
    for i, ent in enumerate(ents):
        if ent.text in aliases and not ent.kb_id_:
            names[i] = aliases[ent.text]


_MINOR = frozenset(["and", "of", "the", "for", "on", "in", "&", "to"])


def _initialisms(ents: Sequence[Span], names: dict[int, tuple[str, str]],
                 aliases: dict[str, tuple[str, str]]) -> None:
    """An organisation named by capitals that are the initials of exactly one longer
    organisation name in the document ("NASA" for "National Aeronautics and Space
    Administration", "GAO" for "General Accounting Office") is an alias of it."""
    initials: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, label in names.values():
        words = [w for w in name.split() if w.lower() not in _MINOR]
        if label in _ORGANISATIONS and len(words) >= 2 and all(w[0].isupper() for w in words):
            initials["".join(w[0] for w in words)].add((name, label))
    for i, ent in enumerate(ents):
        text = ent.text
        if (len(ent) == 1 and not ent.kb_id_ and text.isupper() and text.isalpha()
                and 2 <= len(text) <= 6 and names[i][1] in _ORGANISATIONS
                and len(initials.get(text, ())) == 1 and text not in aliases):
            aliases[text] = next(iter(initials[text]))
