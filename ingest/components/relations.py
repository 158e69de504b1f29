"""The relation component: runs the rules of ``data/relation_patterns.yaml`` over a doc.

Candidates are stored on ``doc._.relations``; the negation component then removes
those whose trigger is negated, denied or hedged.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph.schema import load_schema
from newsgraph.ingest.data import load_demonyms, load_yaml
from newsgraph.ingest.offices import Offices
from newsgraph.ingest.roles import DocContext
from newsgraph.ingest.rules import Candidate, RuleSet

__all__ = ["RelationRules"]

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@Language.factory(
    "newsgraph_relations",
    requires=["doc.ents", "token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.relations"],
    default_config={"patterns_path": None, "demonyms_path": None, "gazetteer_path": None},
)
def make_relations(
    nlp: Language, name: str, patterns_path: str | None, demonyms_path: str | None,
    gazetteer_path: str | None,
) -> RelationRules:
    """Build the relation component from its rules file and the demonym table."""
    spec = load_yaml(patterns_path, "relation_patterns.yaml")
    offices = Offices.load(spec["offices"], load_demonyms(demonyms_path, gazetteer_path))
    return RelationRules(RuleSet(nlp.vocab, spec), offices)


class RelationRules:
    """Propose typed relations between the document's entities, checked against the schema."""

    def __init__(self, rules: RuleSet, offices: Offices | None = None) -> None:
        self.rules = rules
        self.offices = offices
        self.schema = load_schema()

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = [
            c for c in self.candidates(doc)
            if c.subject.kb_id_ != c.object.kb_id_
            and self.schema.allows(c.relation, c.subject.label_, c.object.label_)
            and not self.country_inside(c)
        ]
        return doc

    def country_inside(self, cand: Candidate) -> bool:
        """A country put inside another country, or inside anything by a possessive or a
        bare "in" ("Israel's Gaza offensive", "dumping by Japan in the Sea of Japan"): never so
        (an appositive still can: "Tonga, an island nation in the Pacific")."""
        countries = self.offices.countries if self.offices is not None else frozenset()
        if cand.relation != "LOCATED_IN" or cand.subject.kb_id_ not in countries:
            return False
        return cand.rule in ("possessive", "place_of_place") or cand.object.kb_id_ in countries

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Every rule's candidates, before the schema check."""
        ctx = DocContext(doc, self.rules.anaphors)  # one set of lookups for every rule
        found = self.rules.run(doc, ctx)
        if self.offices is not None:
            found.extend(self.offices.run(ctx))
        return found
