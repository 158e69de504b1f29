"""Generated extracted documents with hub entities, for write-scale and API benchmarks.

No spaCy: each document is an :class:`ExtractedDocument` built directly, with evidence
spans that slice its own text. Entity popularity is skewed the way news is: three hubs
(a country, a carmaker, a chipmaker) appear in a large share of documents (about 45%,
30% and 20%), the rest follow a Zipf-like draw from a pool of thousands; hub-to-hub
facts recur, so some edges gather thousands of sources. The same seed gives the same
documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation

__all__ = ["HUBS", "HUB_EDGE", "documents"]

HUBS = {"place:china": ("China", "Place"), "company:tesla": ("Tesla", "Company"),
        "company:nvidia": ("Nvidia", "Company")}  # fmt: skip
HUB_EDGE = ("company:tesla", "LOCATED_IN", "place:china")
"""An edge most batches add a source to."""

_SHARE = {"place:china": 0.45, "company:tesla": 0.30, "company:nvidia": 0.20}
_POOLS = {"Company": 8_000, "Place": 600, "Person": 6_000}
_SUFFIX = {"Company": "Holdings", "Place": "Province", "Person": "Lee"}
_FACTS = (  # (subject type, relation, object type, sentence template)
    ("Company", "LOCATED_IN", "Place", "{a} expanded its plant in {b}."),
    ("Company", "PARTNERS_WITH", "Company", "{a} signed a supply agreement with {b}."),
    ("Company", "COMPETES_WITH", "Company", "{a} is losing ground to {b}."),
    ("Person", "LEADS", "Company", "{a} runs {b} as chief executive."),
    ("Person", "MET_WITH", "Person", "{a} held talks with {b}."),
)
_START = dt.date(2020, 1, 1)


def _name(etype: str, rank: int) -> str:
    return f"Synth{rank} {_SUFFIX[etype]}"


def _draw(rng: random.Random, etype: str) -> Entity:
    pool = _POOLS[etype]
    rank = int(pool ** rng.random())  # log-uniform: rank r drawn about as often as 1/r
    return Entity(_name(etype, rank), etype)


def _entities(rng: random.Random) -> dict[str, list[Entity]]:
    chosen: dict[str, Entity] = {}
    for entity_id, (name, etype) in HUBS.items():
        if rng.random() < _SHARE[entity_id]:
            chosen[entity_id] = Entity(name, etype)
    for etype, count in (("Company", 4), ("Place", 2), ("Person", 3)):
        for _ in range(count):
            entity = _draw(rng, etype)
            chosen.setdefault(entity.id, entity)
    by_type: dict[str, list[Entity]] = {"Company": [], "Place": [], "Person": []}
    for entity in chosen.values():
        by_type[entity.type].append(entity)
    return by_type


def _document(n: int, rng: random.Random) -> ExtractedDocument:
    by_type = _entities(rng)
    doc_id = f"synth-{n:07d}"
    sentences: list[str] = []
    facts: list[tuple[Entity, str, Entity, int]] = []
    if HUBS[HUB_EDGE[0]][0] in {e.name for e in by_type["Company"]} and rng.random() < 0.35:
        tesla = next(e for e in by_type["Company"] if e.id == HUB_EDGE[0])
        china = next((e for e in by_type["Place"] if e.id == HUB_EDGE[2]), None)
        if china is not None:
            facts.append((tesla, "LOCATED_IN", china, len(sentences)))
            sentences.append(f"{tesla.name} expanded its plant in {china.name}.")
    for _ in range(6):
        stype, rel, otype, template = rng.choice(_FACTS)
        subjects, objects = by_type[stype], by_type[otype]
        if not subjects or not objects:
            continue
        a, b = rng.choice(subjects), rng.choice(objects)
        if a.id == b.id:
            continue
        facts.append((a, rel, b, len(sentences)))
        sentences.append(template.format(a=a.name, b=b.name))
    sentences.append(f"Report {n} closes with background on the market.")
    text = " ".join(sentences)
    offsets, at = [], 0
    for sentence in sentences:
        offsets.append(at)
        at += len(sentence) + 1
    date = (_START + dt.timedelta(days=n // 40)).isoformat()
    doc = Document(text=text, id=doc_id, title=f"Synthetic report {n}", published=date)
    used = {e.id: e for entities in by_type.values() for e in entities}  # all are mentioned
    relations = []
    for a, rel, b, index in facts:
        for entity in (a, b):
            entity.mentions += 1
        start = offsets[index]
        ev = Evidence(doc_id, sentences[index], start, start + len(sentences[index]), "synth", 0.8)
        relations.append(Relation(a.id, rel, b.id, [ev], 0.8))
    for entity in used.values():
        entity.aliases.add(entity.name)
        entity.mentions = max(entity.mentions, 1)
    return ExtractedDocument(doc, list(used.values()), relations)


def documents(count: int, seed: int = 18, start: int = 0) -> Iterator[ExtractedDocument]:
    """Documents ``start`` to ``start + count - 1`` of the seeded sequence (dated in order,
    40 a day), each one the same whatever ``start`` is."""
    for n in range(start, start + count):
        yield _document(n, random.Random(seed * 1_000_003 + n))
