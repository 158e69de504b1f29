"""The extracted shard: one extracted document (or one input problem) per line.

A shard is what extraction hands to the writer when the two run apart (extraction on
a Ray cluster, one writer per store): JSONL, or Parquet with the same fields as
columns (``docs/shard.schema.json`` documents one record). Each record carries the
version of the extractor that made it (:func:`extractor_version`), the document
(metadata, text and its hash), its entities with types and aliases, and its relations
with evidence and offsets. A record from another extractor version is refused, naming
the file, the line and both versions: extraction and writing must agree on what the
graph means.

:func:`read_shards` is a document source for :func:`newsgraph.ingest.jobs.run_ingest`
(the same diff, batches, run record and failures as ingesting the articles) and
:class:`ShardExtractor` the extractor that hands back what the shard already holds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.model import Document, Entity, Evidence, ExtractedDocument, Relation
from newsgraph.ingest.sources import SourceProblem

__all__ = [
    "SHARD_FORMAT",
    "SHARD_SUFFIXES",
    "ShardDocument",
    "ShardExtractor",
    "extractor_version",
    "problem_record",
    "read_shards",
    "record_to_extracted",
    "shard_files",
    "shard_record",
    "write_shard",
]

SHARD_FORMAT = 1
SHARD_SUFFIXES = frozenset({".jsonl", ".parquet"})
_DOC_FIELDS = ("id", "text", "title", "url", "source", "published", "path", "content_hash")


@lru_cache(maxsize=8)
def extractor_version(spacy_model: str = "en_core_web_sm") -> str:
    """The version of what extraction would produce here: the rules' version name plus a
    hash of the package version, every data table and the spaCy model's version.

    Computed once per model name, without loading spaCy's model. Stored on every document,
    so a change to any of them makes ``ingest`` extract again and ``ingest --extracted``
    refuse shards made before it."""
    import spacy.util

    from newsgraph.ingest.extract import EXTRACTOR_VERSION
    from newsgraph.ingest.pipeline import resolve_model

    digest = hashlib.sha256()
    model = resolve_model(spacy_model)
    versions = {"newsgraph": importlib.metadata.version("newsgraph"),
                "spacy": spacy.about.__version__,
                model: spacy.util.get_package_version(model) or "?"}  # fmt: skip
    digest.update(json.dumps(versions, sort_keys=True).encode())
    data = Path(str(files("newsgraph.ingest") / "data"))
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(data).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:12]}"


def shard_record(extracted: ExtractedDocument, version: str) -> dict[str, Any]:
    """The shard record of one extracted document (JSON-ready, floats unrounded)."""
    doc = extracted.document
    document = {name: getattr(doc, name) for name in _DOC_FIELDS if name != "content_hash"}
    return {
        "shard_format": SHARD_FORMAT,
        "extractor_version": version,
        "document": document | {"content_hash": doc.content_hash},
        "entities": [
            {"name": e.name, "type": e.type, "aliases": sorted(e.aliases),
             "wikidata": e.wikidata, "mentions": e.mentions}
            for e in extracted.entities
        ],
        "relations": [
            {"subject": r.subject, "type": r.type, "object": r.object,
             "confidence": r.confidence, "provenance": r.provenance, "dataset": r.dataset,
             "evidence": [{"doc_id": ev.doc_id, "sentence": ev.sentence, "start": ev.start,
                           "end": ev.end, "rule": ev.rule, "confidence": ev.confidence}
                          for ev in r.evidence]}
            for r in extracted.relations
        ],
        "problem": None,
    }


def problem_record(problem: SourceProblem, version: str) -> dict[str, Any]:
    """The shard record of an input that could not be read or extracted."""
    return {
        "shard_format": SHARD_FORMAT,
        "extractor_version": version,
        "document": None,
        "entities": [],
        "relations": [],
        "problem": {"path": problem.path, "line": problem.line, "reason": problem.reason},
    }


def write_shard(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    """Write ``records`` to ``path`` (``.jsonl`` or ``.parquet``) through a temporary
    name, so a shard is either complete or absent."""
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix == ".parquet":
        from newsgraph.ingest.shard_parquet import write_parquet

        write_parquet(tmp, records)
    elif path.suffix == ".jsonl":
        lines = (json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
        tmp.write_text("".join(lines), encoding="utf-8")
    else:
        raise BadInputError(f"{path}: a shard is .jsonl or .parquet", path=str(path))
    tmp.replace(path)
    return path


@dataclass
class ShardDocument(Document):
    """A document read from a shard, carrying what extraction already found in it."""

    extracted: ExtractedDocument | None = field(default=None, repr=False, compare=False)


class ShardExtractor:
    """The extractor of ``ingest --extracted``: hands back each shard document's extraction
    (the documents come from :func:`read_shards`)."""

    def extract(
        self, documents: Iterable[Document], workers: int = 1
    ) -> Iterator[ExtractedDocument | SourceProblem]:
        """The extraction each shard document carries, in input order."""
        for doc in documents:
            if not isinstance(doc, ShardDocument) or doc.extracted is None:
                yield SourceProblem(doc.path or doc.id, None, "not read from a shard")
            else:
                yield doc.extracted


def shard_files(paths: Iterable[str | Path]) -> Iterator[Path | SourceProblem]:
    """The shard files under ``paths`` (folders walked in sorted order, hidden files and
    other suffixes skipped), or a problem for a path that is missing or not a shard."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix in SHARD_SUFFIXES and not child.name.startswith("."):
                    yield child
        elif not path.is_file():
            yield SourceProblem(str(path), None, "no such file or folder")
        elif path.suffix not in SHARD_SUFFIXES:
            yield SourceProblem(str(path), None, "a shard is .jsonl or .parquet")
        else:
            yield path


def read_shards(
    paths: Iterable[str | Path], max_bytes: int = 0, *, version: str
) -> Iterator[ShardDocument | SourceProblem]:
    """Each record of the shards under ``paths`` as a :class:`ShardDocument`, or a problem
    naming the shard file and line (a record from another extractor version included).
    ``max_bytes`` is accepted for the signature of ``read_sources`` and not used: the size
    was checked when the article was read."""
    for item in shard_files(paths):
        if isinstance(item, SourceProblem):
            yield item
            continue
        for line, record in _records(item):
            if isinstance(record, SourceProblem):
                yield record
                continue
            where = f"{item}:{line}"
            try:
                yield _shard_document(record, version, where)
            except (BadInputError, KeyError, TypeError, ValueError) as exc:
                reason = exc.message if isinstance(exc, BadInputError) else f"bad record: {exc!r}"
                yield SourceProblem(str(item), line, reason)


def _records(path: Path) -> Iterator[tuple[int, Any]]:
    if path.suffix == ".parquet":
        from newsgraph.ingest.shard_parquet import read_parquet

        yield from read_parquet(path)
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield 0, SourceProblem(str(path), None, f"cannot read shard: {exc}")
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, SourceProblem(str(path), number, f"not valid JSON: {exc.msg}")


def _shard_document(record: Any, version: str, where: str) -> ShardDocument | SourceProblem:
    if not isinstance(record, dict) or record.get("shard_format") != SHARD_FORMAT:
        raise BadInputError(f"not a newsgraph shard record (shard_format {SHARD_FORMAT})")
    found = record.get("extractor_version")
    if found != version:
        raise BadInputError(
            f"made by extractor version {found!r}, this newsgraph is {version!r}: "
            "extract the articles again with this version"
        )
    if record.get("problem"):
        problem = record["problem"]
        return SourceProblem(str(problem["path"]), problem.get("line"), str(problem["reason"]))
    extracted = record_to_extracted(record)
    doc = extracted.document
    shard_doc = ShardDocument(text=doc.text, id=doc.id, title=doc.title, url=doc.url,
                              source=doc.source, published=doc.published, path=where,
                              extracted=extracted)  # fmt: skip
    if record["document"].get("content_hash") != doc.content_hash:
        raise BadInputError("content_hash does not match the document's text")
    return shard_doc


def record_to_extracted(record: dict[str, Any]) -> ExtractedDocument:
    """The :class:`ExtractedDocument` of a shard record (``KeyError``/``TypeError`` when a
    field is missing or of the wrong kind; the writer checks it against the schema)."""
    raw = record["document"]
    if not isinstance(raw, dict) or not isinstance(raw["text"], str) or not raw["id"]:
        raise BadInputError("'document' needs an 'id' and a 'text'")
    meta = {k: raw.get(k) for k in ("title", "url", "source", "published", "path")}
    document = Document(text=raw["text"], id=str(raw["id"]), **meta)
    entities = [
        Entity(str(e["name"]), str(e["type"]), set(e["aliases"] or ()), e.get("wikidata"),
               int(e["mentions"]))
        for e in record["entities"] or ()
    ]  # fmt: skip
    relations = [
        Relation(str(r["subject"]), str(r["type"]), str(r["object"]),
                 [Evidence(str(ev["doc_id"]), str(ev["sentence"]), int(ev["start"]),
                           int(ev["end"]), str(ev.get("rule") or ""),
                           float(ev["confidence"]))
                  for ev in r["evidence"] or ()],
                 float(r["confidence"]), str(r.get("provenance") or "text"), r.get("dataset"))
        for r in record["relations"] or ()
    ]  # fmt: skip
    return ExtractedDocument(document, entities, relations)
