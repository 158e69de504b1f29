"""What the extraction tests read off one sentence: stated facts by name, aliases by name."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.graph.model import Document, ExtractedDocument
from newsgraph.ingest.extract import doc_to_extracted

__all__ = ["aliases", "extract", "triples"]


def extract(nlp: Language, text: str) -> ExtractedDocument:
    """One text through the pipeline, as a document with id ``t``."""
    return doc_to_extracted(nlp(text), Document(text=text, id="t"))


def triples(
    nlp: Language, text: str, *, references: bool = False
) -> set[tuple[str, str, str]]:
    """``(subject name, TYPE, object name)`` of the facts the text states (and, with
    ``references``, those from reference data too). Every stated fact must keep sentence
    evidence that slices the text."""
    extracted = extract(nlp, text)
    names = {e.id: e.name for e in extracted.entities}
    stated = [r for r in extracted.relations if r.provenance != "reference"]
    for rel in stated:
        assert rel.evidence and all(text[e.start : e.end] == e.sentence for e in rel.evidence)
    kept = extracted.relations if references else stated
    return {(names[r.subject], r.type, names[r.object]) for r in kept}


def aliases(nlp: Language, text: str) -> dict[str, set[str]]:
    """Each entity's name and its aliases."""
    return {e.name: set(e.aliases) for e in extract(nlp, text).entities}
