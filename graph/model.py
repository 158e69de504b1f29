"""The one model between NLP and storage: documents, entities, relations, evidence.

Extraction (``ingest/``) produces these; writers, exporters and tests consume them.
Nothing here knows about spaCy, Cypher or HTTP.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.schema import Schema, load_schema

__all__ = [
    "Document",
    "Entity",
    "Evidence",
    "ExtractedDocument",
    "Relation",
    "content_hash",
    "entity_id",
    "normalise_name",
]

_COARSE = {"Official": "Person"}


@lru_cache(maxsize=1 << 16)  # canonicalisation asks again for every mention of a name
def normalise_name(name: str) -> str:
    """Case- and punctuation-folded form of a name, used for ids and matching."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").lower().strip()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


@lru_cache(maxsize=1 << 16)
def entity_id(name: str, entity_type: str) -> str:
    """Stable id from the canonical name and the coarse type: ``person:elon-musk``.

    ``Official`` folds into ``Person`` so that one person never gets two nodes.
    """
    slug = normalise_name(name)
    if not slug:
        raise SchemaError(f"entity name {name!r} has no letters or digits")
    return f"{_COARSE.get(entity_type, entity_type).lower()}:{slug}"


def content_hash(text: str) -> str:
    """SHA-256 of a document's text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a relation, with its character span in the document."""

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The FORMAT.md evidence object (plus ``doc_id``, ``rule``, ``confidence``)."""
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": round(self.confidence, 4),
        }


@dataclass
class Entity:
    """A node of one ontology type, with every surface form seen as an alias."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    mentions: int = 0
    key: str | None = None
    """An id given by a judgement (``graph.judgements``) that the name does not spell,
    e.g. the new entity of a split; ``None`` (always, for extraction) derives it."""

    @property
    def id(self) -> str:
        """The stable entity id (see :func:`entity_id`), or :attr:`key` when set."""
        return self.key or entity_id(self.name, self.type)


@dataclass
class Relation:
    """A typed edge between two entities, backed by one or more pieces of evidence."""

    subject: str  # entity id
    type: str
    object: str  # entity id
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    provenance: str = "text"
    """``text``: stated by the document, with evidence sentences. ``reference``: from a
    reference dataset (``dataset`` names it), with no sentence, e.g. a city inside its
    country."""
    dataset: str | None = None

    def key(self, schema: Schema | None = None) -> tuple[str, str, str]:
        """``(source_id, type, target_id)``, symmetric types in canonical (sorted) order."""
        schema = schema or load_schema()
        if self.type in schema.symmetric and self.object < self.subject:
            return (self.object, self.type, self.subject)
        return (self.subject, self.type, self.object)


@dataclass
class Document:
    """An article: its text and metadata. ``id`` is given, else derived from URL or text."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            basis = self.url or content_hash(self.text)
            self.id = "doc:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text."""
        return content_hash(self.text)

    def metadata(self) -> dict[str, Any]:
        """Metadata fields that are set, for output and storage."""
        fields = {"title": self.title, "url": self.url, "source": self.source}
        fields["published"] = self.published
        return {k: v for k, v in fields.items() if v is not None}


@dataclass
class ExtractedDocument:
    """Everything extraction found in one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def validate(self, schema: Schema | None = None) -> None:
        """Check every entity type and relation against the schema before any write."""
        schema = schema or load_schema()
        by_id = {e.id: e for e in self.entities}
        for entity in self.entities:
            schema.label(entity.type)
        for rel in self.relations:
            for end in (rel.subject, rel.object):
                if end not in by_id:
                    raise SchemaError(f"{self.document.id}: relation end {end!r} is not an entity")
            schema.check_relation(rel.type, by_id[rel.subject].type, by_id[rel.object].type)
            if rel.provenance == "reference":
                if rel.evidence or not rel.dataset:
                    raise SchemaError(
                        f"{self.document.id}: reference relation {rel.key(schema)} needs a "
                        "dataset and no evidence"
                    )
            elif rel.provenance != "text":
                raise SchemaError(
                    f"{self.document.id}: {rel.key(schema)} has unknown provenance "
                    f"{rel.provenance!r} (text or reference)"
                )
            elif not rel.evidence:
                raise SchemaError(f"{self.document.id}: {rel.key(schema)} has no evidence")

    def to_prediction(self) -> dict[str, Any]:
        """The ``shared/eval/FORMAT.md`` object for this document."""
        names = {e.id: e.name for e in self.entities}
        return {
            "id": self.document.id,
            **self.document.metadata(),
            "entities": [
                {"id": e.id, "name": e.name, "type": e.type, "mentions": sorted(e.aliases)}
                | ({"wikidata": e.wikidata} if e.wikidata else {})
                for e in self.entities
            ],
            "relations": [
                {
                    "subject": names[r.subject],
                    "type": r.type,
                    "object": names[r.object],
                    "confidence": round(r.confidence, 4),
                    "evidence": [ev.to_dict() for ev in r.evidence],
                }
                | ({"provenance": r.provenance, "dataset": r.dataset}
                   if r.provenance != "text" else {})
                for r in self.relations
            ],
        }
