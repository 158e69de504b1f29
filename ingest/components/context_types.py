"""Context types: fix an entity's type from the words around it.

The statistical model often takes a small town for an organisation or a surname for
a place. Patterns in ``data/context_types.yaml`` (spaCy Matcher token patterns over
ontology types) name the entity at the first or last token of a match and the type it
gets: "Boise, Idaho" and "DAYTON, Ohio (AP)" are places, "Cheek, 53," and "Mrs. Ferraro"
persons. Gazetteer entities (those with a ``kb_id``) are never changed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from newsgraph.ingest.data import load_yaml
from newsgraph.ingest.flags import add_pattern
from newsgraph.ingest.rules import expand_words

__all__ = ["ContextTypes"]


@Language.factory(
    "newsgraph_context_types",
    requires=["doc.ents"],
    assigns=["doc.ents", "token.ent_type"],
    default_config={"rules_path": None},
)
def make_context_types(nlp: Language, name: str, rules_path: str | None) -> ContextTypes:
    """Build the context-types component from its YAML file."""
    return ContextTypes(nlp, load_yaml(rules_path, "context_types.yaml"))


class ContextTypes:
    """Retype (or, for a bare word, create) the entity a context pattern points at."""

    def __init__(self, nlp: Language, rules: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp.vocab, validate=False)  # add_pattern validates
        self.specs: dict[str, dict[str, Any]] = {}
        words = rules.get("words", {})
        for spec in rules.get("patterns", []):
            self.specs[spec["name"]] = spec
            add_pattern(self.matcher, spec["name"], expand_words(spec["pattern"], words), "LONGEST")
        self.list_min = int(rules.get("list_min_members", 0))
        self.variants = frozenset(rules.get("product_variants", ()))
        types = load_yaml(None, "type_rules.yaml")
        self.not_names = frozenset(
            [*types.get("not_entities", ()), *types.get("not_entity_words", ())])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        at = {t: n for n, e in enumerate(ents) for t in range(e.start, e.end)}
        for match_id, start, end in self.matcher(doc):
            spec = self.specs[doc.vocab.strings[match_id]]
            if "span" in spec:
                ents = _whole_run(doc, ents, start, end, spec)
                at = {t: n for n, e in enumerate(ents) for t in range(e.start, e.end)}
                continue
            targets = {"first": start, "second": start + 1, "last": end - 1, "inside": end - 2}
            token = targets[spec.get("target", "first")]
            last = self.retype(doc, ents, at, token, (start, end), spec)
            if last is not None and spec.get("list"):
                for member in _list_members(doc, last + 1):
                    self.retype(doc, ents, at, member, (member, len(doc)), spec)
        ents = [_extend_product(doc, e, self.variants, at) for e in ents]
        doc.ents = _list_types(doc, ents, self.list_min)
        return doc

    def retype(self, doc: Doc, ents: list[Span], at: dict[int, int], token: int,
               bounds: tuple[int, int], spec: dict[str, Any]) -> int | None:
        """Retype the entity at ``token`` (or create one there, for a bare capitalised word
        when the spec allows); the index of its last token, or None if there is none."""
        if token not in at:
            word = doc[token]
            if not spec.get("create") or not (word.is_upper or word.is_title):
                return None
            if word.text in self.not_names:
                return None
            if spec.get("proper_noun") and word.pos_ != "PROPN":  # untagged: no guess
                return None
            first, last = ((token, token) if spec.get("one_word")
                           else _run(doc, token, bounds[0], bounds[1], at))
            ents.append(Span(doc, first, last + 1, label=spec["label"]))
            at.update({t: len(ents) - 1 for t in range(first, last + 1)})
            return last
        ent = ents[at[token]]
        if not ent.kb_id_ and ent.label_ in spec.get("from", [ent.label_]):
            ents[at[token]] = Span(doc, ent.start, ent.end, label=spec["label"])
        return ent.end - 1


def _extend_product(doc: Doc, ent: Span, variants: frozenset[str], at: dict[int, int]) -> Span:
    """A product's name goes on over a model number and variant words the model left out
    ("iPhone 15 Pro", "Galaxy S24 Ultra"): that model is a product of its own (a gazetteer
    name loses its canonical form). Other entities are returned unchanged."""
    if ent.label_ != "Product":
        return ent
    end = ent.end
    while end < len(doc) and end not in at and (
            doc[end].text in variants or _model_number(doc[end].text)):
        end += 1
    return ent if end == ent.end else Span(doc, ent.start, end, label="Product")


def _model_number(word: str) -> bool:
    """A model number: digits, possibly with letters ("15", "S24", "A320neo"), not a year."""
    return (any(c.isdigit() for c in word) and word.replace("-", "").isalnum()
            and not (word.isdigit() and len(word) == 4))


def _list_members(doc: Doc, i: int) -> list[int]:
    """The first tokens of the names that continue a list at token ``i`` (", Unity,
    Enterprise and John Day"): capitalised runs joined by commas, closed by "and"/"or".
    Nothing unless the list is closed that way."""
    members: list[int] = []
    while i < len(doc):
        separators = []
        while i < len(doc) and doc[i].lower_ in (",", "and", "or"):
            separators.append(doc[i].lower_)
            i += 1
        if not separators or i >= len(doc) or not doc[i].is_title:
            return []
        members.append(i)
        while i < len(doc) and (doc[i].is_title or doc[i].ent_iob_ == "I"):
            i += 1
        if {"and", "or"} & set(separators):
            return members
    return []


def _whole_run(
    doc: Doc, ents: list[Span], start: int, end: int, spec: dict[str, Any]
) -> list[Span]:
    """Make the run after the last token of type ``span.after`` (or from ``span.skip_first``
    tokens into the match), less ``span.drop_last`` tokens at the end of the match, one
    entity, replacing the model's entities inside it (gazetteer names only with
    ``span.over_names``)."""
    span, drop = spec["span"], int(spec["span"].get("drop_last", 0))
    if "skip_first" in span:
        first = start + int(span["skip_first"])
    else:
        first = max(i for i in range(start, end) if doc[i].ent_type_ == span["after"]) + 1
    last = end - drop
    if first >= last or (not span.get("over_names") and any(
            e.kb_id_ and e.start < last and first < e.end for e in ents)):
        return ents
    kept = [e for e in ents if e.end <= first or e.start >= last]
    return [*kept, Span(doc, first, last, label=spec["label"])]


def _list_types(doc: Doc, ents: list[Span], minimum: int) -> list[Span]:
    """In a list of names ("Idaho, Oregon, Yakima and Utah") every member the model typed
    differently from most of the others takes their type (gazetteer names never change). A
    run joined by commas alone is no list ("Dunmore, Pa., Kessling said")."""
    ents = sorted(ents, key=lambda e: e.start)
    groups: list[list[int]] = []
    closed: list[bool] = []
    for n, ent in enumerate(ents):
        between = doc[ents[n - 1].end : ent.start] if n > 0 else doc[0:0]
        if len(between) and all(t.text in (",", "and", "or") for t in between):
            groups[-1].append(n)
            closed[-1] = closed[-1] or any(t.text in ("and", "or") for t in between)
        else:
            groups.append([n])
            closed.append(False)
    for n, group in enumerate(groups):  # "A, B, C and southern D": the "and" goes on listing
        if not minimum or len(group) < minimum:
            continue  # (too short to be retyped: spared the look below)
        after = doc[ents[group[-1]].end : ents[group[-1]].end + 2]
        closed[n] = closed[n] or any(t.lower_ in ("and", "or") for t in after)
    for group, conjunction in zip(groups, closed, strict=True):
        if not (conjunction and minimum and len(group) >= minimum):
            continue
        labels = Counter(ents[n].label_ for n in group)
        label, count = labels.most_common(1)[0]
        if count > len(group) / 2:
            for n in group:
                if ents[n].label_ != label and not ents[n].kb_id_:
                    ents[n] = Span(doc, ents[n].start, ents[n].end, label=label)
    return ents


def _run(doc: Doc, token: int, start: int, end: int, at: dict[int, int]) -> tuple[int, int]:
    """The run of capitalised words (and inner hyphens) around ``token`` inside the match."""

    def part(i: int) -> bool:
        word = doc[i] if 0 <= i < len(doc) else None
        return (start <= i < end and i not in at and word is not None
                and (word.is_upper or word.is_title or word.text == "-"))

    first, last = token, token
    while part(first - 1):
        first -= 1
    while part(last + 1):
        last += 1
    while doc[first].text == "-":
        first += 1
    while doc[last].text == "-":
        last -= 1
    return first, last
