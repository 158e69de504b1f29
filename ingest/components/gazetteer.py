"""The gazetteer component: real, well-known entities matched before the statistical NER.

Matches set ``doc.ents`` with the ontology type as label and the canonical name as
``kb_id``; the NER that runs afterwards keeps them, so "Nvidia" is never a place.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.ingest.data import load_demonyms, load_gazetteer, load_yaml
from newsgraph.ingest.flags import add_pattern

__all__ = ["Gazetteer"]

_INITIAL = re.compile(r"^[A-Z]\.$")


@Language.factory(
    "newsgraph_gazetteer",
    assigns=["doc.ents", "token.ent_type", "token.ent_kb_id"],
    default_config={"gazetteer_path": None, "rules_path": None, "demonyms_path": None},
)
def make_gazetteer(
    nlp: Language, name: str, gazetteer_path: str | None, rules_path: str | None,
    demonyms_path: str | None,
) -> Gazetteer:
    """Build the gazetteer component from its data files."""
    return Gazetteer(nlp, gazetteer_path, rules_path, demonyms_path)


def _split_full_stop(nlp: Language, surface: str) -> None:
    """Make the tokenizer split a sentence-final full stop off a known name ("SpaceX.")."""
    if " " not in surface and surface[-1:].isalnum() and len(nlp.make_doc(surface + ".")) == 1:
        tokenizer: Any = nlp.tokenizer
        tokenizer.add_special_case(surface + ".", [{"ORTH": surface}, {"ORTH": "."}])


class Gazetteer:
    """Phrase matches of gazetteer names and aliases, plus demonym-as-government phrases."""

    def __init__(
        self, nlp: Language, gazetteer_path: str | None, rules_path: str | None,
        demonyms_path: str | None = None,
    ) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.demonyms = Matcher(nlp.vocab, validate=False)  # add_pattern validates
        rules = load_yaml(rules_path, "type_rules.yaml")
        self.keys: dict[int, tuple[str, str]] = {}
        self.before = frozenset(rules.get("gazetteer_blockers_before", ()))
        self.after = frozenset(rules.get("gazetteer_blockers_after", ()))
        self.before_of = frozenset(rules.get("gazetteer_blockers_before_of", ()))
        self.suffixes = frozenset(rules.get("place_suffixes", ()))
        self.state_forms = frozenset(rules.get("gazetteer_state_forms", ()))
        for entry in load_gazetteer(gazetteer_path):
            label = f"{entry.type}|{entry.name}"
            self.keys[nlp.vocab.strings.add(label)] = (entry.type, entry.name)
            surfaces = {entry.name, *entry.aliases}
            self.phrases.add(label, [nlp.make_doc(s) for s in sorted(surfaces)])
            for surface in surfaces:
                _split_full_stop(nlp, surface)
        # demonym -> (type, entity): the gazetteer's own first, then every country's
        self.peoples: dict[str, tuple[str, str]] = {}
        for entry in load_gazetteer(gazetteer_path):
            for demonym in entry.demonyms:
                self.peoples.setdefault(demonym, (entry.type, entry.name))
        for demonym, country in load_demonyms(demonyms_path).items():
            self.peoples.setdefault(demonym, ("Place", country))  # "Hungarian government"
        self._add_demonyms(rules)

    def _add_demonyms(self, rules: dict[str, Any]) -> None:
        """One pattern per phrase kind and demonym length ("Chinese authorities", "South
        Korean sanctions"); the matched words are looked up in ``self.peoples``."""
        lengths: dict[int, list[list[str]]] = {}
        for demonym in self.peoples:
            lengths.setdefault(len(demonym.split()), []).append(demonym.split())
        kinds = (("gov", rules["government_nouns"]), ("act", rules["restriction_nouns"]))
        for kind, nouns in kinds:
            for n, demonyms in lengths.items():
                words = [{"ORTH": {"IN": sorted({d[i] for d in demonyms})}} for i in range(n)]
                add_pattern(self.demonyms, kind, [*words, {"LOWER": {"IN": nouns}}])

    def _demonym_spans(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        """(type, entity, start, end) of the demonym phrases; "act" phrases leave out the noun."""
        out = []
        for match_id, start, end in self.demonyms(doc):
            found = self.peoples.get(doc[start : end - 1].text)
            if found is not None:
                trim = 1 if doc.vocab.strings[match_id] == "act" else 0
                out.append((found[0], found[1], start, end - trim))
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        found = [(*self.keys[m], s, e) for m, s, e in self.phrases(doc)]
        headlines: dict[tuple[int, int], bool] = {}  # per sentence: (start, end) -> Title Case
        for label, canonical, start, end in [*found, *self._demonym_spans(doc)]:
            if label == "Place" and self.state_form(doc, start):
                start -= 2
            elif self.inside_longer_name(doc, start, end, headlines):
                continue
            spans.append(Span(doc, start, end, label=label, kb_id=canonical))
        doc.ents = filter_spans(spans)
        return doc

    def state_form(self, doc: Doc, start: int) -> bool:
        """Whether "Republic of", "Kingdom of" (and no other name word) comes before."""
        return (start > 1 and doc[start - 1].lower_ == "of"
                and doc[start - 2].text in self.state_forms and not _name_word(doc, start - 3))

    def inside_longer_name(self, doc: Doc, start: int, end: int,
                           headlines: dict[tuple[int, int], bool] | None = None) -> bool:
        """Whether the match is part of a longer name ("South Africa", "New York City"):
        then it is left to the statistical model, which sees the whole name."""
        if start > 0 and doc[start - 1].text in self.before:
            return True
        if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text in self.before_of:
            return True
        if end < len(doc) and doc[end].text in self.after:
            return True
        if _hyphen_joined(doc, start, end):
            return True
        if (end < len(doc) and doc[end].text in self.suffixes) or _title_case_line(
                doc[start], {} if headlines is None else headlines):
            return False
        return _name_word(doc, start - 1) or _name_word(doc, end)


def _hyphen_joined(doc: Doc, start: int, end: int) -> bool:
    """Whether a hyphen with no space joins the match to a capitalised word
    ("Bosnia-Herzegovina", "Pittsburgh-Corning")."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        return not doc[end].whitespace_ and doc[end + 1].is_title
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return not doc[start - 2].whitespace_ and doc[start - 2].is_title
    return False


def _title_case_line(token: Token, seen: dict[tuple[int, int], bool]) -> bool:
    """Whether the token's sentence is a Title Case headline, where every word is capitalised
    (``seen``: the answers for sentences already judged)."""
    if not token.doc.has_annotation("SENT_START"):
        return False
    sent = token.sent
    key = (sent.start, sent.end)
    if key not in seen:
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        capitals = sum(t.is_title or t.is_upper for t in words)
        seen[key] = len(words) >= 4 and capitals >= 0.8 * len(words)
    return seen[key]


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised word, not opening a sentence: the neighbour of a match inside a longer
    name ("Texas Tech University", "Lake Washington")."""
    if i < 0 or i >= len(doc):
        return False
    token = doc[i]
    if _INITIAL.match(token.text):  # "Joseph R. Biden"
        return True
    return token.is_title and token.is_alpha and not token.is_sent_start and len(token) > 1
