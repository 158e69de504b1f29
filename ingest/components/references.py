"""Document-level references: pronouns, definite descriptions and bare titles.

"he", "its", "the company", "the Munich-based carmaker", "the regulator", "the chief
executive" are linked to the nearest compatible entity already named, within a window of
sentences, with type agreement from ``data/references.yaml`` ("its" never stands for a
person or a place; "he" only for a person; "the chief executive" only for a person named
with that title). The links are stored on ``doc._.references`` (token index of the
referring word -> the entity span it stands for); relation rules consult them, so an edge's
ends are always named entities while its evidence is the sentence that states it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.data import load_demonyms, load_yaml, word_list

__all__ = ["References"]

_PERSON = frozenset(("Person", "Official"))
_REPORTING = frozenset(("say", "report", "tell", "write", "claim", "add", "state"))

if not Doc.has_extension("references"):
    Doc.set_extension("references", default=None)


@Language.factory(
    "newsgraph_references",
    requires=["doc.ents", "token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.references"],
    default_config={"rules_path": None},
)
def make_references(nlp: Language, name: str, rules_path: str | None) -> References:
    """Build the reference component from its YAML file."""
    return References(load_yaml(rules_path, "references.yaml"), rules_path)


class References:
    """Link each referring word to the nearest earlier entity of a compatible type."""

    def __init__(self, rules: dict[str, Any], path: str | None = None) -> None:
        default = "references.yaml"
        self.window = int(rules.get("window", 3))
        pronouns = rules.get("pronouns", {})
        self.pronouns = {str(k).lower(): frozenset(word_list(pronouns, k, path, default))
                         for k in pronouns}
        descriptions = rules.get("descriptions", {})
        self.descriptions: dict[str, frozenset[str]] = {}
        for label in descriptions:
            for noun in word_list(descriptions, label, path, default):
                self.descriptions[noun] = self.descriptions.get(noun, frozenset()) | {label}
        self.titles = frozenset(word_list(rules, "titles", path, default))
        self.determiners = frozenset(word_list(rules, "determiners", path, default))
        self._starts: list[int] = [0]
        self.demonyms = frozenset(load_demonyms())

    def __call__(self, doc: Doc) -> Doc:
        ent_at = {t: e for e in doc.ents for t in range(e.start, e.end)}
        self._starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        titled = _titled_people(doc, self.titles)
        links: dict[int, Span] = {}
        for token in doc:
            if token.i in ent_at or not token.is_alpha:
                continue
            found = self.resolve(token, ent_at, titled)
            if found is not None:
                links[token.i] = found
        doc._.references = links
        return doc

    def resolve(
        self, token: Token, ent_at: dict[int, Span], titled: dict[str, frozenset[str]]
    ) -> Span | None:
        """The entity ``token`` refers to, or None if it is not a reference or has none."""
        lower = token.lower_
        if lower in self.pronouns and token.pos_ == "PRON":
            return self.nearest(token, self.pronouns[lower], ent_at)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        types = self.descriptions.get(token.lemma_.lower())
        if (lower not in self.titles and not types) or not self.definite(token):
            return None  # (the cheap look first: "definite" walks the noun's children)
        if lower in self.titles and token.dep_ != "compound" and not _names_someone(token):
            return self.nearest(token, _PERSON, ent_at,
                                lambda e: lower in titled.get(e.kb_id_, frozenset()))
        if types and any(c.text in self.demonyms for c in token.children):
            return None  # "the Spanish club" more often sets a second one against the first
        if types and token.dep_ != "compound":
            source = _reporter(token, ent_at)  # "Reuters reports that the company ..."
            return self.nearest(token, types, ent_at, lambda e: source is None or e != source)
        return None

    def definite(self, token: Token) -> bool:
        """"the company", "this firm": a definite determiner among the noun's children."""
        return any(c.dep_ == "det" and c.lower_ in self.determiners for c in token.children)

    def nearest(
        self, token: Token, types: frozenset[str], ent_at: dict[int, Span], keep: Any = None
    ) -> Span | None:
        """The nearest entity of ``types`` ending before ``token``, within the window; an
        entity the token's own phrase contains ("its" in "Acme's ... its") is skipped."""
        index = bisect_right(self._starts, token.i) - 1
        floor = self._starts[max(0, index - self.window)]
        i = token.i - 1
        while i >= floor:
            ent = ent_at.get(i)
            if ent is None:
                i -= 1
                continue
            if ent.label_ in types and (keep is None or keep(ent)):
                return ent
            i = ent.start - 1
        return None


def _reporter(token: Token, ent_at: dict[int, Span]) -> Span | None:
    """The entity whose report the token's clause is ("Reuters reports that the company
    ..."): a description there speaks of someone else than the reporter."""
    node = token
    while node.head.i != node.i and node.dep_ not in ("ccomp", "ROOT"):
        node = node.head
    if node.dep_ != "ccomp" or node.head.lemma_.lower() not in _REPORTING:
        return None
    for child in node.head.children:
        if child.dep_ == "nsubj" and child.i in ent_at:
            return ent_at[child.i]
    return None


def _names_someone(token: Token) -> bool:
    """Whether the title stands in apposition to a name or before one ("the chairman, Jane
    Roe", "the chairman Jane Roe"): then it is a title, not a reference."""
    doc = token.doc
    nxt = token.i + 1
    if nxt < len(doc) and doc[nxt].ent_type_ in _PERSON:
        return True
    if nxt + 1 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].ent_type_ in _PERSON:
        return True
    return token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children)


def _titled_people(doc: Doc, titles: frozenset[str]) -> dict[str, frozenset[str]]:
    """Title words named with each person mention: "Chief Executive Jane Roe", "Jane Roe,
    the chief executive of Acme" (the person's name -> every title word seen with it)."""
    out: dict[str, frozenset[str]] = {}
    for ent in doc.ents:
        if ent.label_ not in _PERSON:
            continue
        before = doc[max(0, ent.start - 4) : ent.start]
        after = doc[ent.end : min(len(doc), ent.end + 6)] if (
            ent.end < len(doc) and doc[ent.end].text == ",") else doc[0:0]
        words = {t.lower_ for t in [*before, *after] if t.lower_ in titles and not t.ent_type_}
        # the title of the name in the full model is often inside the trimmed span's lefts
        words |= {t.lower_ for t in ent.root.children if t.lower_ in titles}
        if words:
            out[ent.kb_id_] = out.get(ent.kb_id_, frozenset()) | words
    return out
