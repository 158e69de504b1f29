"""Negation, denial and hedging: drop candidate relations that are not asserted.

"did not meet", "denied meeting", "no agreement was reached", "is considering a
partnership", "may partner" -- the trigger word, or a word governing it within its
clause, carries a negating or hedging modifier or is itself a hedging verb.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.ingest.data import load_yaml, word_list

__all__ = ["Negation", "is_negated"]


@Language.factory(
    "newsgraph_negation",
    requires=["doc._.relations", "token.dep"],
    assigns=["doc._.relations"],
    default_config={"rules_path": None},
)
def make_negation(nlp: Language, name: str, rules_path: str | None) -> Negation:
    """Build the negation component from its word lists."""
    rules = load_yaml(rules_path, "negation.yaml")
    return Negation({key: word_list(rules, key, rules_path, "negation.yaml")
                     for key in ("modifiers", "governors", "climb")})


class Negation:
    """Remove relations whose trigger is negated or hedged."""

    def __init__(self, rules: dict[str, list[str]]) -> None:
        self.modifiers = frozenset(rules["modifiers"])
        self.governors = frozenset(rules["governors"])
        self.climb = frozenset(rules["climb"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = [
            c for c in (doc._.relations or [])
            if c.trigger is None or not is_negated(doc[c.trigger], self)
        ]
        return doc


def is_negated(trigger: Token, rules: Negation) -> bool:
    """Whether the trigger, or a word governing it within its clause, negates or hedges it."""
    node = trigger
    for _ in range(8):
        for child in node.children:
            if child.dep_ in ("neg", "aux", "det", "mark", "advmod") and (
                child.lower_ in rules.modifiers or child.lemma_.lower() in rules.modifiers
            ):
                return True
        if node is not trigger and node.lemma_.lower() in rules.governors:
            return True
        if node.dep_ not in rules.climb or node.head is node:
            return False
        node = node.head
    return False
