"""The gazetteer's preset entities go through the statistical NER under one label it knows.

The NER keeps preset entities, but it first adds every new label it sees as four more
transitions ("Company": B-, I-, L-, U-Company) and widens its output layer: the gazetteer's
seven ontology types made every later doc's NER a quarter slower. A preset's label only
chooses which forced transition spells it; the NER's features are token positions, never
labels, so its entities elsewhere are the same whatever the presets are called.
``newsgraph_presets_in`` (right before the NER) relabels the presets with a label the NER
already has, and ``newsgraph_presets_out`` (right after) gives them their types back.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["PresetsIn", "presets_out"]

# doc.user_data key: {start token of a preset entity: its ontology type}, while the NER runs
PRESET_TYPES = "newsgraph_preset_types"


@Language.factory(
    "newsgraph_presets_in",
    requires=["doc.ents"],
    assigns=["doc.ents", "token.ent_type"],
    default_config={"ner": "ner"},
)
def make_presets_in(nlp: Language, name: str, ner: str) -> PresetsIn:
    """Build the relabelling step for the NER component ``ner`` (a no-op without one)."""
    labels = nlp.get_pipe(ner).labels if ner in nlp.pipe_names else ()  # type: ignore[attr-defined]
    return PresetsIn("ORG" if "ORG" in labels else next(iter(labels), None))


class PresetsIn:
    """Give every preset entity the NER label ``stand_in``, remembering its own type."""

    def __init__(self, stand_in: str | None) -> None:
        self.stand_in = stand_in

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents
        if self.stand_in is None or not ents:
            return doc
        doc.user_data[PRESET_TYPES] = {e.start: e.label_ for e in ents}
        doc.ents = [Span(doc, e.start, e.end, label=self.stand_in, kb_id=e.kb_id) for e in ents]
        return doc


@Language.component("newsgraph_presets_out", assigns=["doc.ents", "token.ent_type"])
def presets_out(doc: Doc) -> Doc:
    """Give the preset entities (they keep their ``kb_id``) their ontology types back."""
    types = doc.user_data.pop(PRESET_TYPES, None)
    if types:
        doc.ents = [
            Span(doc, e.start, e.end, label=types[e.start], kb_id=e.kb_id)
            if e.kb_id and e.start in types else e
            for e in doc.ents
        ]
    return doc
