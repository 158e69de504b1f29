"""newsgraph's spaCy components; importing this package registers their factories."""

from ingest.components import canonical, gazetteer, negation, relations, type_rules

__all__ = ["canonical", "gazetteer", "negation", "relations", "type_rules"]
