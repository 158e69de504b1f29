"""Span repair: fix the boundaries of the statistical model's entity spans.

The small model cuts names at brackets ("Institute of Mining (Imin"), runs a heading into
a name ("Interview with National Alliance"), splits a name at an inner possessive
("National People's" + "Congress") and misses the article of a name printed in capitals
("THE HINDU"). The word lists are in ``data/span_rules.yaml``; gazetteer spans (those with
a ``kb_id``) are never changed.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.ingest.data import load_yaml

__all__ = ["SpanRepair"]

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_INITIAL = re.compile(r"^[A-Z]\.$")
_ORDINAL = re.compile(r"^[0-9]+(?:st|nd|rd|th)$")


@Language.factory(
    "newsgraph_span_repair",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={"rules_path": None},
)
def make_span_repair(nlp: Language, name: str, rules_path: str | None) -> SpanRepair:
    """Build the span-repair component from its YAML file."""
    return SpanRepair(load_yaml(rules_path, "span_rules.yaml"), load_yaml(None, "type_rules.yaml"))


class SpanRepair:
    """Cut, split or extend each statistical entity span according to word rules."""

    def __init__(self, rules: dict[str, Any], types: dict[str, Any]) -> None:
        self.sets = {k: frozenset(v) for k, v in rules.items() if isinstance(v, list)}
        self.state_forms = frozenset(types.get("gazetteer_state_forms", ()))
        self.of_heads = (frozenset(types.get("gazetteer_blockers_before_of", ())) | self.state_forms
                         | self.sets["of_name_heads"])
        self.bodies = frozenset(types.get("regulator_words", ())) | self.sets["of_name_heads"]
        self.not_person = self.bodies | frozenset(
            [*types.get("company_heads", ()), *types.get("organisation_heads", ()),
             *types.get("place_heads", ())])
        self.bare_heads = frozenset(types.get("organisation_heads", ())) | frozenset(
            types.get("place_heads", ()))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            if ent.kb_id_:
                spans.append(ent)
                continue
            for part in self.cut(ent):
                spans.append(self.extend(part))
        doc.ents = self.join_of(self.join_pieces(filter_spans(spans)))
        return doc

    def join_pieces(self, spans: list[Span]) -> list[Span]:
        """Join a person's name cut at an inner apostrophe ("Yasir 'Arafat"), and give a span
        that is only a head word ("Hotel") the capitalised words before it."""
        joined: list[Span] = []
        for span in spans:
            doc, head = span.doc, joined[-1] if joined else None
            if (head is not None and span.label_ == head.label_ == "PERSON"
                    and span.start == head.end + 1 and doc[head.end].text in _POSSESSIVE
                    and not doc[head.end].whitespace_):
                joined[-1] = Span(doc, head.start, span.end, label="PERSON")
                continue
            start, floor = span.start, head.end if head is not None else 0
            if len(span) == 1 and span.text in self.bare_heads and not span.kb_id_:
                while start > floor and doc[start - 1].is_title and doc[start - 1].is_alpha:
                    start -= 1
            joined.append(span if start == span.start else Span(doc, start, span.end, span.label_))
        return joined

    def join_of(self, spans: list[Span]) -> list[Span]:
        """Join "<Valley> of <Mexico>": a name ending in a head word that takes "of" and the
        name right after the "of" are one name (the model and the gazetteer split it). A
        state's long form ("the Islamic Republic of Iran") keeps the country's gazetteer name."""
        joined: list[Span] = []
        for span in spans:
            head = joined[-1] if joined else None
            if head is None or head.kb_id_:
                joined.append(span)
                continue
            doc, of = span.doc, head.end if head[-1].lower_ != "of" else head.end - 1
            heads = doc[of - 1].text in self.of_heads
            if doc[of].lower_ != "of" or span.start != of + 1 or not heads:
                joined.append(span)
                continue
            state = doc[of - 1].text in self.state_forms and span.label_ == "Place" and span.kb_id_
            start = head.start + 1 if state and doc[head.start].is_lower else head.start
            joined[-1] = Span(doc, start, span.end, label=span.label_ if state else head.label_,
                              kb_id=span.kb_id_ if state else "")
        return joined

    def cut(self, ent: Span) -> list[Span]:
        """The parts of a span left when it is cut at unbalanced brackets and at words that
        end a name or start a new one."""
        doc, start, end = ent.doc, ent.start, ent.end
        bounds = [start]
        depth_open: list[int] = []
        unbalanced: list[int] = []
        for i in range(start, end):
            text = doc[i].text
            if text in self.sets["open_brackets"]:
                depth_open.append(i)
            elif text in self.sets["close_brackets"]:
                if depth_open:
                    depth_open.pop()
                else:
                    unbalanced.append(i)
            elif text in self.sets["restart_after"] and doc[i].is_lower:
                bounds = [i + 1]
                unbalanced, depth_open = [], []
            elif text in self.sets["split_at"] and doc[i].is_lower:
                unbalanced.append(i)
        cuts = sorted([*unbalanced, *depth_open])
        parts: list[Span] = []
        first = bounds[0]
        for cut in [*cuts, end]:
            if cut < first:
                continue
            if any(ch.isupper() for t in doc[first:cut] for ch in t.text):  # "bZ4X", "N.J."
                parts.extend(self.person_after_body(Span(doc, first, cut, label=ent.label_)))
            first = cut + 1
        return parts

    def person_after_body(self, span: Span) -> list[Span]:
        """Split "Russian Foreign Ministry Viktor Petrov": an organisation's name ending in a
        body's head word, then two or three capitalised words that are a person's name."""
        doc = span.doc
        if span.label_ != "ORG":
            return [span]
        for k in range(span.end - 3, max(span.start, span.end - 5), -1):
            tail = doc[k + 1 : span.end]
            if doc[k].text in self.bodies and all(_name_token(t) for t in tail) and not any(
                    t.text in self.not_person for t in tail):
                return [Span(doc, span.start, k + 1, label="ORG"),
                        Span(doc, k + 1, span.end, label="PERSON")]
        return [span]

    def extend(self, span: Span) -> Span:
        """Join an inner possessive name ("National People's Congress") and the article of a
        name in capitals ("THE HINDU", "LA JORNADA")."""
        doc, start, end = span.doc, span.start, span.end
        label = span.label_
        if self._possessive_name_end(doc, end):
            while end < len(doc) and doc[end].text in _POSSESSIVE:
                end += 1
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                end += 1
        if label == "ORG":
            end = self._and_continuation(span, end)
            if start > 0 and _ORDINAL.match(doc[start - 1].text):  # "the 9th Circuit Court"
                start -= 1
        articles = self.sets["capital_articles"]
        if all(t.is_upper for t in span if t.is_alpha):
            if start > 0 and doc[start - 1].text in articles and not _upper_word(doc, start - 2):
                start -= 1
            start = _capitals_before(doc, start)
            if doc[start].text in articles and not _upper_word(doc, start - 1):
                while end < len(doc) and _upper_word(doc, end) and len(doc[end]) > 1:
                    end += 1
                label = "ORG" if end - start > 1 else label
        if (start, end) == (span.start, span.end):
            return span
        return Span(doc, start, end, label=label)

    def _and_continuation(self, span: Span, end: int) -> int:
        """The end of an organisation's name that holds "of"/"for" and goes on past ``end``
        over "and" and one to three capitalised words outside other names ("Department of
        Parks" + "and Recreation"); ``end`` itself when it does not."""
        doc = span.doc
        if (end + 1 >= len(doc) or doc[end].lower_ != "and"
                or not any(t.lower_ in self.sets["and_continues_after"] for t in span[1:-1])):
            return end
        stop = end + 1
        while stop < min(end + 4, len(doc)) and _name_token(doc[stop]) and (
                doc[stop].ent_iob_ == "O" or doc[stop].ent_type_ == "ORG"):
            stop += 1
        after = doc[stop] if stop < len(doc) else None
        if stop == end + 1 or (after is not None and (after.is_title or after.ent_iob_ == "I")):
            return end
        return stop

    def _possessive_name_end(self, doc: Doc, end: int) -> bool:
        """Whether the span ends at a possessive name word ("People" or "People's") that a
        capitalised word follows."""
        words = self.sets["possessive_name_words"]
        if end < len(doc) - 1 and doc[end - 1].text in words and doc[end].text in _POSSESSIVE:
            return doc[end + 1].is_title
        if end >= 2 and doc[end - 1].text in _POSSESSIVE and doc[end - 2].text in words:
            return end < len(doc) and doc[end].is_title
        return False


def _capitals_before(doc: Doc, start: int) -> int:
    """The start of a name in capitals that the model took only the end of ("Tokyo MAINICHI
    SHIMBUN"): up to three words in capitals, outside entities, right after a word in Title
    Case (a source line's place, not a headline in capitals)."""
    first = start
    while start - first < 3 and _upper_word(doc, first - 1) and doc[first - 1].ent_iob_ == "O":
        first -= 1
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.is_title and before.is_alpha:
        return first
    return start


def _name_token(token: Token) -> bool:
    """A capitalised word or an initial ("R.")."""
    return (token.is_title and token.is_alpha) or bool(_INITIAL.match(token.text))


def _upper_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` exists and is a word in capitals."""
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].is_upper
