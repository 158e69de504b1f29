"""Extraction: documents in, :class:`~graph.model.ExtractedDocument` out, in input order.

The spaCy pipeline is built lazily on first use (never at import). With
``workers > 1`` the pipeline is built once in this process and a pool of forked
worker processes inherits it (no model pickling, no reload per worker); each
worker gets large chunks of documents, runs its BLAS/OpenMP libraries on one
thread (the workers are the parallelism) and results stream back in input order.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from multiprocessing.pool import AsyncResult

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.graph.errors import NewsgraphError
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation, entity_id
from newsgraph.graph.schema import Schema, load_schema
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.ingest.components.type_rules import TITLED_NAMES
from newsgraph.ingest.data import GazetteerEntry, load_demonyms, load_yaml, lookup_index
from newsgraph.ingest.pipeline import build_nlp
from newsgraph.ingest.rules import Candidate
from newsgraph.ingest.sources import SourceProblem
from newsgraph.ingest.warm import warm_tokenizer

__all__ = ["EXTRACTOR_VERSION", "Extractor", "doc_to_extracted"]

EXTRACTOR_VERSION = "newsgraph-rules/0.2"
BATCH_SIZE = 32
_CHUNK = 32
ZONE = 256
"""Documents per spaCy memory zone in one process (a worker's chunk is one zone)."""
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


class Extractor:
    """Turns documents into extracted entities and relations with evidence."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._nlp: Language | None = None
        self._warmed: set[str] = set()  # chunks split outside a zone, so cached

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, built on first use."""
        if self._nlp is None:
            self._nlp = build_nlp(self.settings.spacy_model)
        return self._nlp

    def extract(
        self, documents: Iterable[Document], workers: int = 1
    ) -> Iterator[ExtractedDocument | SourceProblem]:
        """Extract each document, in input order; ``workers > 1`` uses processes."""
        if workers <= 1:
            yield from self._extract_here(documents)
            return
        global _WORKER
        self.nlp  # noqa: B018  (build once here; the forked workers inherit it)
        _WORKER = self
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_single_thread) as pool:
            # At most two chunks per worker in flight: Pool.imap's feeder thread would
            # drain the whole input (a large JSONL feed) into memory ahead of the workers.
            pending: deque[AsyncResult[list[ExtractedDocument | SourceProblem]]] = deque()
            for chunk in _chunks(documents, _CHUNK):
                pending.append(pool.apply_async(_work, (chunk,)))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()

    def _extract_here(
        self, documents: Iterable[Document]
    ) -> Iterator[ExtractedDocument | SourceProblem]:
        limit = self.settings.evidence_per_document
        for chunk in _chunks(documents, ZONE):
            # spaCy keeps every new word's string and lexeme for good (RSS grew 30 MB per
            # 250 articles of unseen words); a memory zone frees the chunk's at its end.
            # Nothing of the spaCy docs outlives it: doc_to_extracted copies to Python.
            with self.nlp.memory_zone():
                docs = ((d.text, d) for d in chunk)
                for spacy_doc, document in self.nlp.pipe(docs, as_tuples=True,
                                                         batch_size=BATCH_SIZE):  # fmt: skip
                    try:
                        yield doc_to_extracted(spacy_doc, document, limit)
                    except NewsgraphError as exc:
                        yield SourceProblem(document.path or document.id, None, exc.message)
            warm_tokenizer(self.nlp, (d.text for d in chunk), self._warmed)


_WORKER: Extractor | None = None


def _single_thread() -> None:
    """Run the numeric libraries of a worker process on one thread each."""
    for name in _THREAD_VARS:
        os.environ[name] = "1"
    for library in _loaded_blas():
        for symbol in ("openblas_set_num_threads", "scipy_openblas_set_num_threads64_",
                       "openblas_set_num_threads64_"):
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)


def _loaded_blas() -> list[ctypes.CDLL]:
    """The OpenBLAS libraries already mapped into this process (numpy's, inherited)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return []
    return [ctypes.CDLL(path) for path in sorted(paths) if path.endswith(".so") or ".so." in path]


def _work(chunk: list[Document]) -> list[ExtractedDocument | SourceProblem]:
    assert _WORKER is not None
    return list(_WORKER._extract_here(chunk))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def doc_to_extracted(doc: Doc, document: Document, evidence_limit: int = 3) -> ExtractedDocument:
    """The graph model of one processed doc: entities with aliases, relations with evidence."""
    schema = load_schema()
    relations = _relations(doc, document.id, evidence_limit, schema)
    entities = _entities(doc)
    _add_implied(entities, doc, {r.subject for r in relations} | {r.object for r in relations})
    _add_body_aliases(entities, doc)
    result = ExtractedDocument(document, entities, relations)
    result.validate(schema)
    return result


def _entities(doc: Doc) -> list[Entity]:
    """One entity per canonical name and type, with every surface form as an alias."""
    index, titles = _entity_lookups()
    entities: dict[str, Entity] = {}
    ents = list(doc.ents)
    for n, span in enumerate(ents):
        key = entity_id(span.kb_id_, span.label_)
        if key not in entities:
            wikidata = index[span.kb_id_].wikidata if span.kb_id_ in index else None
            entities[key] = Entity(span.kb_id_, span.label_, wikidata=wikidata)
        entities[key].aliases.add(" ".join(span.text.split()))
        if span.label_ in ("Person", "Official"):  # "Premier Li Qiang", "U.S. Sen. Jo Roe"
            entities[key].aliases.update(_titled_aliases(doc, span, titles))
        region = ents[n + 1] if n + 1 < len(ents) else None
        if (region is not None and span.label_ == region.label_ == "Place"
                and region.start == span.end + 1 and doc[span.end].text == ","):
            entities[key].aliases.add(f"{span.text}, {region.text}")  # "Ashford, Kent"
        entities[key].mentions += 1
    for link in doc._.place_links or []:  # a country the text never names (behind a flag)
        if not link.named:
            entities.setdefault(entity_id(link.object, "Place"), Entity(link.object, "Place"))
    return list(entities.values())


def _add_implied(entities: list[Entity], doc: Doc, ends: set[str]) -> None:
    """Add the relation ends named only by a word that is not an entity span of the doc
    ("German" in "German Chancellor X" stands for Germany)."""
    known = {entity_id(e.name, e.type) for e in entities}
    for cand in doc._.relations or []:
        for span in (cand.subject, cand.object):
            key = entity_id(span.kb_id_, span.label_)
            if key in ends and key not in known:
                known.add(key)
                entities.append(Entity(span.kb_id_, span.label_, aliases={span.text}, mentions=1))


def _titled_aliases(doc: Doc, span: Span, titles: frozenset[str]) -> set[str]:
    """A person's name with the titles written before it ("Premier Li Qiang", "Actress Jo
    Roe", "U.S. Sen. Jo Roe": up to three capitalised titles, then a place or a people), and
    with those its span opened with before they were cut off."""
    out: set[str] = set()
    start = span.start
    while start > 0 and span.start - start < 3 and doc[start - 1].ent_iob_ == "O" and (
            doc[start - 1].text in titles or (doc[start - 1].is_title
                                              and doc[start - 1].lower_ in titles)):
        start -= 1
        out.add(doc[start : span.end].text)
    if start < span.start and start > 0 and doc[start - 1].ent_type_ == "Place":
        out.add(doc[_ent_start(doc, start - 1) : span.end].text)
    elif start < span.start and start > 0 and doc[start - 1].text in _demonyms():
        out.add(doc[start - 1 : span.end].text)
    if (titled := doc.user_data.get(TITLED_NAMES, {}).get(f"{span.start}:{span.end}")) is not None:
        out.add(titled)  # "Actress Jo Roe" when the model's span held the title
    return {" ".join(alias.split()) for alias in out}


def _add_body_aliases(entities: list[Entity], doc: Doc) -> None:
    """A government body named with its country ("the U.S. Congress", "the French Foreign
    Ministry") is also named by the body's words alone ("Congress", "Foreign Ministry")."""
    by_key = {entity_id(e.name, e.type): e for e in entities}
    for cand in doc._.relations or []:
        org, country = cand.subject, cand.object
        if cand.rule == "org_demonym" and org.start <= country.start and country.end < org.end:
            entity = by_key.get(entity_id(org.kb_id_, org.label_))
            if entity is not None:
                entity.aliases.add(doc[country.end : org.end].text)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Every country's demonyms ("Austrian"), for aliases like "Austrian Archduke X"."""
    return frozenset(load_demonyms())


def _ent_start(doc: Doc, i: int) -> int:
    """The first token of the entity that token ``i`` is in."""
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


@lru_cache(maxsize=1)
def _entity_lookups() -> tuple[dict[str, GazetteerEntry], frozenset[str]]:
    """Gazetteer entries by canonical name, and the titles whose "<title> <name>" form is
    kept as an alias (built once): office and courtesy titles, and the honorifics, ranks and
    occupations that open a name ("Datuk", "Actress")."""
    index = {e.name: e for e in lookup_index().values()}
    rules = load_yaml(None, "type_rules.yaml")
    return index, frozenset([*rules["office_titles"], *rules.get("alias_titles", ()),
                             *rules.get("person_prefixes", ())])


def _relations(doc: Doc, doc_id: str, evidence_limit: int, schema: Schema) -> list[Relation]:
    """One relation per (subject, type, object) with up to ``evidence_limit`` sentences;
    WORKS_FOR is dropped where the same pair has LEADS."""
    relations: dict[tuple[str, str, str], Relation] = {}
    for cand in doc._.relations or []:
        rel = _relation(cand, doc_id)
        key = rel.key(schema)
        if key not in relations:
            relations[key] = Relation(key[0], rel.type, key[2], confidence=0.0)
        _add_evidence(relations[key], rel.evidence[0], evidence_limit)
    leads = {(k[0], k[2]) for k in relations if k[1] == "LEADS"}
    for link in doc._.place_links or []:  # reference data: no sentence, never over a text edge
        ref = Relation(entity_id(link.subject, link.subject_type), "LOCATED_IN",
                       entity_id(link.object, "Place"), [], 1.0, "reference", link.dataset)
        relations.setdefault(ref.key(schema), ref)
    return [r for k, r in relations.items()
            if not (k[1] == "WORKS_FOR" and (k[0], k[2]) in leads)]


def _relation(cand: Candidate, doc_id: str) -> Relation:
    sent = cand.sentence
    evidence = Evidence(
        doc_id, sent.text, sent.start_char, sent.end_char, cand.rule, cand.confidence)
    subject = entity_id(cand.subject.kb_id_, cand.subject.label_)
    obj = entity_id(cand.object.kb_id_, cand.object.label_)
    return Relation(subject, cand.relation, obj, [evidence], cand.confidence)


def _add_evidence(relation: Relation, evidence: Evidence, limit: int) -> None:
    """Keep up to ``limit`` distinct sentences; confidence is noisy-or over the evidence."""
    if any(e.start == evidence.start and e.rule == evidence.rule for e in relation.evidence):
        return
    if len(relation.evidence) < limit:
        relation.evidence.append(evidence)
    relation.confidence = 1 - (1 - relation.confidence) * (1 - evidence.confidence)


