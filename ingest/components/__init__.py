"""newsgraph's spaCy components; importing this package registers their factories."""

from newsgraph.ingest.components import (
    canonical,
    context_types,
    gazetteer,
    negation,
    presets,
    references,
    relations,
    span_repair,
    type_rules,
)

__all__ = ["canonical", "context_types", "gazetteer", "negation", "presets", "references",
           "relations", "span_repair", "type_rules"]
