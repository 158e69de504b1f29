"""The relation component: runs the rules of ``data/relation_patterns.yaml`` over a doc.

Candidates are stored on ``doc._.relations``; the negation component then removes
those whose trigger is negated, denied or hedged.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph.schema import load_schema
from newsgraph.ingest.data import load_yaml
from newsgraph.ingest.rules import RuleSet

__all__ = ["RelationRules"]

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@Language.factory(
    "newsgraph_relations",
    requires=["doc.ents", "token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.relations"],
    default_config={"patterns_path": None},
)
def make_relations(nlp: Language, name: str, patterns_path: str | None) -> RelationRules:
    """Build the relation component from its rules file."""
    return RelationRules(RuleSet(nlp.vocab, load_yaml(patterns_path, "relation_patterns.yaml")))


class RelationRules:
    """Propose typed relations between the document's entities, checked against the schema."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.schema = load_schema()

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = [
            c for c in self.rules.run(doc)
            if c.subject.kb_id_ != c.object.kb_id_
            and self.schema.allows(c.relation, c.subject.label_, c.object.label_)
        ]
        return doc
