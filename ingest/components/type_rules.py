"""Type rules: map the statistical labels to ontology types and fix them from the words.

"... Law" is a Law, "Ministry of ..." a Regulator, a person named with an office an
Official, "X, a satellite service" a Product; boilerplate and acronyms are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IS_ALPHA, LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.ingest.data import load_demonyms, load_yaml

__all__ = ["TITLED_NAMES", "TypeRules"]

# doc.user_data key: {"start:end" of a person's span: its surface with the titles it opened with}
TITLED_NAMES = "newsgraph_titled_names"

_POSSESSIVE = {"'s", "’s", "'", "’"}
_CREDIT_NEXT, _SLASH = frozenset([get_string_id(":"), get_string_id("by")]), get_string_id("/")


@Language.factory(
    "newsgraph_type_rules",
    requires=["doc.ents"],
    assigns=["doc.ents", "token.ent_type"],
    default_config={"rules_path": None},
)
def make_type_rules(nlp: Language, name: str, rules_path: str | None) -> TypeRules:
    """Build the type-rules component from its YAML file (and the model's verb lemmas)."""
    return TypeRules(load_yaml(rules_path, "type_rules.yaml"), _verb_lemmas(nlp))


def _verb_lemmas(nlp: Language) -> frozenset[str]:
    """The verb lemmas of the pipeline's rule lemmatizer (none in a blank pipeline)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


def _keep_titled(doc: Doc, first: int, start: int, end: int) -> None:
    """Remember the surface of a person's name with the titles that opened its span ("Actress
    Jo Roe", "Datuk Abdul Ali"): an alias of the person, kept in ``doc.user_data``."""
    while first < start and (doc[first].is_punct or doc[first].lower_ == "the"
                             or doc[first].tag_ == "VBG"):
        first += 1
    if first < start:
        doc.user_data.setdefault(TITLED_NAMES, {})[f"{start}:{end}"] = doc[first:end].text


def _in_headline(span: Span) -> bool:
    """Whether the span sits in a Title Case line, where the model takes any words for names.

    A headline has no sentence-final full stop; a sentence full of names has one.
    """
    if not span.doc.has_annotation("SENT_START"):
        return False
    tokens = [t for t in span.sent if not t.is_space]
    if tokens and tokens[-1].text in (".", "!", "?"):
        return False
    words = [t for t in tokens if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _per_sentence(cache: dict[tuple[int, int], bool], span: Span,
                  judge: Callable[[Span], bool]) -> bool:
    """``judge(span)`` for a judge that reads only the span's sentence, once per sentence."""
    if not span.doc.has_annotation("SENT_START"):
        return judge(span)
    sent = span.sent
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = judge(span)
    return cache[key]


class TypeRules:
    """Relabel, trim, extend or drop each entity span according to word rules."""

    def __init__(self, rules: dict[str, Any], verbs: frozenset[str] = frozenset()) -> None:
        self.rules = rules
        self.verbs = verbs
        self.sets = {k: frozenset(v) for k, v in rules.items() if isinstance(v, list)}
        suffixes = rules.get("corporate_suffixes", ())
        self.suffixes = frozenset(w.lower().rstrip(".") for w in suffixes)
        self.codes = re.compile("|".join(rules.get("not_entity_codes", ())) or "(?!)")
        self.demonyms = frozenset(load_demonyms())

    def __call__(self, doc: Doc) -> Doc:
        headlines: dict[tuple[int, int], bool] = {}  # both judge the span's sentence only:
        credits: dict[tuple[int, int], bool] = {}  # once per sentence, not per entity
        spans = [
            s for ent in doc.ents for part in self.split(ent) for s in [self.fix(part)]
            if s is not None
            and (s.kb_id_ or s.label_ in self.sets["headline_keep"]
                 or not _per_sentence(headlines, s, _in_headline))
            and not _per_sentence(credits, s, self.credit_line)
        ]
        if self.sports_report(doc):  # the clubs of a match report are teams, not companies
            spans = [s for s in spans if s.kb_id_ or s.label_ != "Company"]
        doc.ents = filter_spans(spans)
        return doc

    def sports_report(self, doc: Doc) -> bool:
        """Whether the document reports sport: at least ``sports.min_words`` words, of which a
        share of ``sports.density`` or more are words of the game ("striker", "league")."""
        spec = self.rules.get("sports") or {}
        attrs = doc.to_array([IS_ALPHA, LOWER])  # one array, not a Token per word
        words = attrs[attrs[:, 0] == 1, 1]  # the words' lower-case forms, as string ids
        if not spec or len(words) < int(spec["min_words"]):
            return False
        game = [get_string_id(w) for w in spec["words"]]
        return int(numpy.isin(words, game).sum()) >= float(spec["density"]) * len(words)

    def credit_line(self, span: Span) -> bool:
        """Whether the span sits in an article's credit line ("Author: Jo Roe / ab Editor: Al
        Fry", "Reporting by Jo Roe; Editing by Al Fry", "jr / ab (AFP, Reuters)"): the
        staff and agencies credited are not what the article is about."""
        if not span.doc.has_annotation("SENT_START"):
            return False
        sent = span.sent  # neither test can pass without a ":", "by" or "/": look at ids first
        ids = span.doc.to_array(ORTH)[sent.start : sent.end].tolist()
        if _CREDIT_NEXT.isdisjoint(ids[1:]) and _SLASH not in ids:
            return False
        tokens = list(sent)
        markers = self.sets["credit_markers"]
        for n, token in enumerate(tokens[:-1]):
            if token.text in markers and tokens[n + 1].text in (":", "by"):
                return True
        slashes = any(t.text == "/" for t in tokens)
        words = [t for t in tokens if t.is_alpha and not t.ent_type_]
        return slashes and all(t.is_lower and len(t) <= 5 for t in words)

    def split(self, ent: Span) -> list[Span]:
        """Split "Lima EL COMERCIO" (a place, then a publication in capitals) in two."""
        labels = self.sets["split_labels"]  # (the words are counted only for those labels)
        if ent.kb_id_ or ent.label_ not in labels or sum(t.is_alpha for t in ent) < 2:
            return [ent]
        for i in range(ent.start + 1, ent.end):
            head, tail = ent.doc[ent.start : i], ent.doc[i : ent.end]
            titled = len(head) <= 2 and all(t.is_title for t in head)
            capitals = all(t.is_upper or not t.is_alpha for t in tail)
            if titled and capitals and any(len(t) > 1 and t.is_alpha for t in tail):
                return [Span(ent.doc, head.start, head.end, label="GPE"),
                        Span(ent.doc, tail.start, tail.end, label=ent.label_)]
        return [ent]

    def fix(self, ent: Span) -> Span | None:
        """The corrected span for one entity, or None to drop it."""
        if ent.kb_id_:  # from the gazetteer: already typed and canonical
            return self.extend_place(ent) if ent.label_ == "Place" else ent
        start, end, official = self.trim(ent)
        label_in = ent.label_
        after_title = self.portfolio_after_of(ent.doc, start, end)
        if after_title != start:  # "Secretary of State Jo Roe": the portfolio ends the title
            start, official, label_in = after_title, True, "PERSON"
        if start >= end:
            return None
        span = ent.doc[start:end]
        words = [t.text for t in span]
        text = span.text
        sets = self.sets
        if text in sets["not_entities"] or words[0] in sets["not_entity_first_words"]:
            return None
        if text in self.demonyms or self.plural_demonym(text):
            return None  # "Azerbaijani", "Ugandans" taken for a name: a people, not an entity
        if self.event_or_tag(span):
            return None
        if sets.get("not_entity_words", frozenset()).intersection(words) or any(
                self.codes.match(w) for w in words):
            return None
        if not any(ch.isalpha() and ch.isupper() for ch in text):
            return None
        if self.portfolio_before_title(span):
            return None
        label = self.label_for(label_in, words, official or self.after_title(span))
        if label is None:
            return None
        if label != "Person" and label != "Official" and self.is_product(span):
            label = "Product"
        result = Span(ent.doc, start, end, label=label)
        if label in ("Person", "Official") and start > ent.start:
            _keep_titled(ent.doc, ent.start, start, end)
        return self.extend_place(result) if label == "Place" else result

    def plural_demonym(self, text: str) -> bool:
        """A people named in the plural ("Ugandans", "Greeks"), which the ontology has no
        type for."""
        return text.endswith("s") and " " not in text and text[:-1] in self.demonyms

    def event_or_tag(self, span: Span) -> bool:
        """A competition, prize or festival ("the World Cup", "Group B", "Nobel Prize") or a
        hashtag ("#SomeTag"): no entity type of the ontology."""
        doc = span.doc
        if span.text.startswith("#") or (span.start > 0 and doc[span.start - 1].text == "#"):
            return True
        last = span[-1].text
        if len(span) > 1 and last in self.sets.get("event_heads", frozenset()):
            return True
        return (len(span) == 2 and span[0].text in self.sets.get("stage_words", frozenset())
                and ((len(last) == 1 and last.isupper()) or last in ("Stage", "Phase")))

    def trim(self, ent: Span) -> tuple[int, int, bool]:
        """Drop a leading "the", office titles and a trailing possessive or punctuation."""
        start, end, official = ent.start, ent.end, False
        strip = self.sets["strip_titles"]
        while start < end and (self.lower_word(ent.doc[start]) or ent.doc[start].text in strip
                               or self.person_prefix(ent, start) or self.leading_the(ent, start)
                               or self.opening_gerund(ent, start)
                               or ent.doc[start].is_punct or ent.doc[start].lower_ in _POSSESSIVE):
            official = official or ent.doc[start].text in self.sets["office_titles"]
            start += 1
        while end > start and (ent.doc[end - 1].text in _POSSESSIVE or ent.doc[end - 1].is_punct
                               or ent.doc[end - 1].lower_ in self.sets["trailing_drop"]
                               or self.trailing_word(ent.doc[end - 1])):
            end -= 1
        return start, end, official and ent.label_ == "PERSON"

    def portfolio_after_of(self, doc: Doc, start: int, end: int) -> int:
        """Where the name starts once the portfolio words of "Secretary of State", "Minister
        of Finance" are skipped (``start`` itself when there are none)."""
        if start < 2 or doc[start - 1].lower_ != "of":
            return start
        if doc[start - 2].lower_ not in self.sets["portfolio_titles"]:
            return start
        i = start
        while i < end and doc[i].lower_ in self.sets["portfolio_words"]:
            i += 1
        return i

    def portfolio_before_title(self, span: Span) -> bool:
        """"Finance Minister Jo Roe", "EU Energy Commissioner": the words before an office
        title name a portfolio, not an organisation."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].lower_ not in self.sets["portfolio_titles"]:
            return False
        portfolio = [t.lower_ in self.sets["portfolio_words"] for t in span]
        return any(portfolio) and all(p or t.is_upper for p, t in zip(portfolio, span, strict=True))

    def leading_the(self, ent: Span, i: int) -> bool:
        """A capitalised "The" opening an organisation's name at the start of a sentence
        ("The French Foreign Ministry said"): not part of the name."""
        doc = ent.doc
        return (i == ent.start and ent.label_ == "ORG" and doc[i].text == "The"
                and i + 1 < ent.end and (doc[i + 1].is_title or doc[i + 1].is_upper))

    def opening_gerund(self, ent: Span, i: int) -> bool:
        """A verb in -ing opening a sentence and the model's person span ("Evaluating Juppe's
        visit, ..."): not part of the name."""
        tok = ent.doc[i]
        if i != ent.start or ent.label_ != "PERSON" or not tok.is_sent_start or i + 1 >= ent.end:
            return False
        stem = tok.lower_[:-3] if tok.lower_.endswith("ing") else ""
        forms = {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
        return len(stem) > 3 and bool(forms & self.verbs)

    def person_prefix(self, ent: Span, i: int) -> bool:
        """An honorific, rank or occupation opening a person's name span ("Sheik", "Datuk
        Sri", "Photographer")."""
        if ent.label_ != "PERSON":
            return False
        word = ent.doc[i].lower_
        if word in self.sets["person_prefixes"]:
            return True
        return (word in self.sets["person_prefixes_after"] and i > ent.start
                and ent.doc[i - 1].lower_ in self.sets["person_prefixes"])

    def trailing_word(self, token: Token) -> bool:
        """A lower-case word ending a name span ("Namialo assembly area"), not the end of a
        hyphenated name ("Kim Dae-jung") nor a corporate suffix ("inc.")."""
        doc = token.doc
        joined = token.i > 0 and not doc[token.i - 1].whitespace_
        return self.lower_word(token) and not joined and token.text not in self.suffixes

    def lower_word(self, token: Token) -> bool:
        """A lower-case word that cannot open a name ("the", "state"; not "de" in "de Klerk")."""
        return token.is_alpha and token.is_lower and token.text not in self.sets["name_particles"]

    def after_title(self, span: Span) -> bool:
        """Whether an office title stands just before the name ("Premier Li Qiang")."""
        return span.start > 0 and span.doc[span.start - 1].text in self.sets["office_titles"]

    def label_for(self, label: str, words: list[str], official: bool) -> str | None:
        """The ontology type for a statistical label and the words of the name."""
        if len(words) > 2 and words[0] in self.sets["noble_titles"] and words[1] == "of":
            return "Person"  # "Duchess of Kent"
        if len(words) > 1 and words[-1] in self.sets["division_heads"]:
            return "Place"  # "Orleans Parish", even where the model saw a person
        if len(words) > 1 and words[-1] in self.sets["organisation_heads"]:
            label = "ORG"  # "Revolutionary Justice Organization", even where the model saw a person
        if label == "PERSON":
            return "Official" if official else "Person"
        wordset = set(words)
        if words[-1] in self.sets["law_heads"] and len(words) > 1:
            return "Law"
        exceptions = wordset & self.sets["regulator_exceptions"]
        if wordset & self.sets["regulator_words"] and not exceptions:
            return "Regulator"
        if len(words) > 1 and label != "PERSON":
            if words[-1].rstrip(".") in self.sets["company_heads"]:
                return "Company"
            if words[0] in self.sets["company_first_words"] and words[1] == "of":
                return "Company"
            if words[-1] in self.sets["place_heads"]:
                return "Place"
        mapped = self.rules["label_map"].get(label)
        return str(mapped) if mapped else None

    def is_product(self, span: Span) -> bool:
        """"X, a satellite-based internet service": an appositive naming a kind of product."""
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return False
        if doc[span.end + 1].lower_ not in ("a", "an", "the", "its"):
            return False
        for token in doc[span.end + 2 : min(span.end + 8, len(doc))]:
            if token.text in self.sets["product_nouns"]:
                return True
            if token.is_punct and token.text != "-":
                return False
        return False

    def extend_place(self, span: Span) -> Span:
        """Keep "Area", "New Area", "District" after a place name inside the place (not one
        that opens another name: "U.S. District Court", "Region 5 Police")."""
        doc, end = span.doc, span.end
        while end < len(doc) and doc[end].text in self.sets["place_suffixes"]:
            end += 1
        if end == span.end or doc[end - 1].text not in self.sets["place_suffixes"]:
            return span
        if end < len(doc) and (doc[end].is_title or doc[end].like_num):
            return span
        if span.doc[end - 1].lower_ in ("new", "special", "free", "trade", "pilot"):
            return span
        return Span(span.doc, span.start, end, label=span.label_, kb_id=span.kb_id_)
