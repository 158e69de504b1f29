"""Researchers' corrections as a transform on extracted documents.

A :class:`Judgement` says two entity ids are one thing (``merge``), that one id stands
for another thing in some documents (``split``), or that two ids are never one thing
(``keep-apart``). :class:`Judgements` is a consistent set of them; its
:meth:`~Judgements.apply` rewrites one :class:`ExtractedDocument` the way the judgements
say, and the writer (``ingest.writer.GraphWriter``) calls it on every document right
before building its rows, so every write path applies the same corrections. The file
that holds them is read and written by :mod:`graph.judgement_file`.

Resolution of an entity id in a document: a split of that id in that document wins,
else a merge of the id; repeated until neither applies (so chains resolve, ``A`` into
``B`` into ``C``). Entities of one document that resolve to one id become one entity
(mentions added, aliases united); relations follow their ends, a relation whose ends
became one entity is dropped, and the writer re-canonicalises symmetric ones.

Keep-apart also fences the extractor inside a document (:mod:`graph.judgement_fence`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.graph.errors import BadInputError, SchemaError
from newsgraph.graph.judgement_fence import fence
from newsgraph.graph.model import Entity, ExtractedDocument, entity_id

__all__ = ["OPS", "Judgement", "Judgements", "coarse_type"]

OPS = ("merge", "split", "keep-apart")
_ID = re.compile(r"^[a-z_]+:\S+$")


def coarse_type(entity: str) -> str:
    """The type part of an entity id (``person`` of ``person:elon-musk``)."""
    return entity.split(":", 1)[0]


@dataclass(frozen=True)
class Judgement:
    """One correction. ``ids``: merge ``(from, into)``; split ``(id, new id)``;
    keep-apart the two ids, sorted. ``docs``: the documents of a split. ``name`` and
    ``wikidata``: what the resulting entity is called (merge: the target's stored name;
    split: the new entity's name), when known. ``n`` numbers it in its file."""

    op: str
    ids: tuple[str, str]
    docs: tuple[str, ...] = ()
    name: str | None = None
    wikidata: str | None = None
    n: int = 0
    at: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise BadInputError(f"unknown judgement {self.op!r} (one of {', '.join(OPS)})")
        for entity in self.ids:
            if not isinstance(entity, str) or not _ID.match(entity):
                raise BadInputError(f"{entity!r} is not an entity id like 'person:elon-musk'")
        if self.ids[0] == self.ids[1]:
            raise BadInputError(f"a {self.op} needs two different ids, not {self.ids[0]!r} twice")
        if self.op != "keep-apart" and coarse_type(self.ids[0]) != coarse_type(self.ids[1]):
            raise BadInputError(
                f"{self.ids[0]!r} and {self.ids[1]!r} are of different types; a {self.op} "
                "keeps an entity's type"
            )
        if self.op == "split" and not self.docs:
            raise BadInputError("a split names the documents it applies to")

    def describe(self) -> str:
        """One line for people: ``#3 merge company:tesla-inc into company:tesla``."""
        a, b = self.ids
        text = {"merge": f"merge {a} into {b}",
                "split": f"split {a} as {b} in {', '.join(self.docs)}",
                "keep-apart": f"keep {a} and {b} apart"}[self.op]  # fmt: skip
        return f"#{self.n} {text}" + (f" ({self.note})" if self.note else "")

    def to_record(self) -> dict[str, Any]:
        """The JSON object of its line in the judgements file."""
        record: dict[str, Any] = {"n": self.n, "op": self.op}
        if self.op == "merge":
            record |= {"from": self.ids[0], "into": self.ids[1]}
        elif self.op == "split":
            record |= {"id": self.ids[0], "as": self.ids[1], "docs": list(self.docs)}
        else:
            record["ids"] = list(self.ids)
        extra = {"name": self.name, "wikidata": self.wikidata, "at": self.at, "note": self.note}
        return record | {k: v for k, v in extra.items() if v}

    @classmethod
    def from_record(cls, record: Any) -> Judgement:
        """The judgement of a file line; :class:`BadInputError` says what is wrong."""
        if not isinstance(record, dict):
            raise BadInputError("a judgement is a JSON object")
        op = record.get("op")
        fields = {"merge": ("from", "into"), "split": ("id", "as", "docs"),
                  "keep-apart": ("ids",)}.get(str(op))  # fmt: skip
        if fields is None:
            raise BadInputError(f"unknown judgement {op!r} (one of {', '.join(OPS)})")
        missing = [name for name in fields if name not in record]
        if missing:
            raise BadInputError(f"a {op} needs {', '.join(repr(m) for m in missing)}")
        if op == "keep-apart":
            ids = record["ids"]
            if not isinstance(ids, list) or len(ids) != 2:
                raise BadInputError("'ids' of a keep-apart is a list of two entity ids")
            pair = (ids[0], ids[1]) if str(ids[0]) <= str(ids[1]) else (ids[1], ids[0])
        else:
            pair = (
                (record["from"], record["into"]) if op == "merge" else (record["id"], record["as"])
            )
        docs = record.get("docs") or []
        if not isinstance(docs, list) or not all(isinstance(d, str) and d for d in docs):
            raise BadInputError("'docs' is a list of document ids")
        n = record.get("n", 0)
        if not isinstance(n, int) or n < 0:
            raise BadInputError("'n' is a judgement number")
        text = {k: record.get(k) for k in ("name", "wikidata", "at", "note")}
        if not all(v is None or isinstance(v, str) for v in text.values()):
            raise BadInputError("'name', 'wikidata', 'at' and 'note' are strings")
        return cls(str(op), pair, tuple(docs), text["name"], text["wikidata"], n,
                   text["at"] or "", text["note"] or "")  # fmt: skip


@dataclass
class Judgements:
    """A consistent set of judgements, ready to apply to extracted documents."""

    items: list[Judgement] = field(default_factory=list)
    merges: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, str], str] = field(default_factory=dict)
    apart: dict[frozenset[str], Judgement] = field(default_factory=dict)
    names: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    split_docs: set[str] = field(default_factory=set)
    _fences: dict[str | None, set[frozenset[str]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, items: Iterable[Judgement]) -> tuple[Judgements, list[tuple[Judgement, str]]]:
        """The judgements that fit together, in order, and those refused with the reason
        (a later one that contradicts an earlier one is refused)."""
        result, refused = cls(), []
        for item in items:
            try:
                result.add(item)
            except BadInputError as exc:
                refused.append((item, exc.message))
        return result, refused

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, item: Judgement) -> None:
        """Add ``item``, or raise :class:`BadInputError` (nothing changed) when it
        contradicts the judgements already here."""
        a, b = item.ids
        if item.op == "merge" and a in self.merges:
            raise BadInputError(f"{a} is already merged into {self.merges[a]} "
                                f"({self._source_of(a)})")  # fmt: skip
        if item.op == "keep-apart" and frozenset(item.ids) in self.apart:
            raise BadInputError(f"{a} and {b} are already kept apart")
        if item.op == "split":
            taken = [d for d in item.docs if (a, d) in self.splits]
            if taken:
                raise BadInputError(f"{a} is already split in {', '.join(taken)}")
        trial = Judgements(list(self.items), dict(self.merges), dict(self.splits),
                           dict(self.apart), dict(self.names), set(self.split_docs))  # fmt: skip
        trial._put(item)
        trial._check(item)
        self.__dict__.update(trial.__dict__)

    def _put(self, item: Judgement) -> None:
        a, b = item.ids
        self.items.append(item)
        if item.op == "merge":
            self.merges[a] = b
        elif item.op == "split":
            self.splits.update({(a, doc): b for doc in item.docs})
            self.split_docs.update(item.docs)
        else:
            self.apart[frozenset(item.ids)] = item
        if item.op != "keep-apart" and (item.name or item.wikidata) and b not in self.names:
            self.names[b] = (item.name, item.wikidata)

    def _check(self, item: Judgement) -> None:
        """Refuse a cycle, or a judgement that would join two ids kept apart."""
        contexts: list[str | None] = [None, *sorted(self.split_docs)]
        for doc in contexts:
            for entity in item.ids:
                self.resolve(entity, doc)  # raises on a cycle
        for pair, rule in self.apart.items():
            a, b = sorted(pair)
            for doc in contexts:
                if self.resolve(a, doc) != self.resolve(b, doc):
                    continue
                where = f" in document {doc}" if doc else ""
                if item is rule:
                    raise BadInputError(
                        f"{a} and {b} are already joined{where} by the "
                        "judgements; drop the one that joins them first"
                    )
                raise BadInputError(
                    f"this would join {a} and {b}{where}, which #{rule.n} keeps apart"
                )

    def _source_of(self, entity: str) -> str:
        found = [j for j in self.items if j.op == "merge" and j.ids[0] == entity]
        return found[0].describe() if found else "?"

    def resolve(self, entity: str, doc: str | None = None) -> str:
        """The id ``entity`` stands for in document ``doc`` (``None``: outside splits)."""
        seen = {entity}
        while True:
            nxt = self.splits.get((entity, doc)) if doc is not None else None
            if nxt is None:
                nxt = self.merges.get(entity)
            if nxt is None:
                return entity
            if nxt in seen:
                raise BadInputError(f"the judgements join {entity} and {nxt} in a cycle")
            seen.add(nxt)
            entity = nxt

    def touched(self, item: Judgement) -> tuple[set[str], set[str]]:
        """The entity ids whose stored documents ``item`` may change, as these judgements
        resolve them (ask before and after the change), and the documents it names. A
        split changes only its documents; a merge or keep-apart, any document that
        mentions one of its ids."""
        if item.op == "split":
            return set(), set(item.docs)
        return set(item.ids) | {self.resolve(i) for i in item.ids}, set()

    def apply(self, extracted: ExtractedDocument) -> ExtractedDocument:
        """The document as the judgements say it is (the same object when they change
        nothing in it)."""
        doc_id = extracted.document.id
        finals = {e.id: self.resolve(e.id, doc_id) for e in extracted.entities}
        groups: dict[str, list[Entity]] = {}
        for entity in extracted.entities:
            groups.setdefault(finals[entity.id], []).append(entity)
        changed = any(len(g) > 1 or g[0].id != final for final, g in groups.items())
        entities = (
            [self._combined(final, g) for final, g in groups.items()]
            if changed
            else list(extracted.entities)
        )
        relations = list(extracted.relations)
        if changed:
            relations = [
                replace(
                    r,
                    subject=finals.get(r.subject, r.subject),
                    object=finals.get(r.object, r.object),
                )
                for r in relations
            ]
        if self.apart:
            entities = [replace(e, aliases=set(e.aliases)) for e in entities]
            changed |= fence(extracted.document.text, entities, relations,
                             self._fenced(doc_id), self, doc_id)  # fmt: skip
        if not changed:
            return extracted
        relations = [r for r in relations if r.subject != r.object]
        return ExtractedDocument(extracted.document, entities, relations)

    def _fenced(self, doc_id: str) -> set[frozenset[str]]:
        """The kept-apart pairs as they resolve in ``doc_id`` (the same in every document
        no split names, so computed once for those)."""
        key = doc_id if doc_id in self.split_docs else None
        if key not in self._fences:
            self._fences[key] = {frozenset((self.resolve(a, key), self.resolve(b, key)))
                                 for a, b in (sorted(pair) for pair in self.apart)}  # fmt: skip
        return self._fences[key]

    def entity(self, final: str, name: str, type_: str) -> Entity:
        """An empty entity ``final`` of ``type_``: named as the judgements say, else
        ``name``; keyed when the name does not spell the id."""
        given, wikidata = self.names.get(final, (None, None))
        name = given or name
        key = None if _spells(name, type_, final) else final
        return Entity(name, type_, set(), wikidata, 0, key)

    def _combined(self, final: str, group: list[Entity]) -> Entity:
        if len(group) == 1 and group[0].id == final:  # untouched in this document
            return group[0]
        own = next((e for e in group if e.id == final), group[0])
        result = self.entity(final, own.name, own.type)
        for entity in group:
            result.aliases |= entity.aliases | {entity.name}
            result.mentions += max(entity.mentions, 1)
        result.wikidata = (
            result.wikidata or own.wikidata or next((e.wikidata for e in group if e.wikidata), None)
        )
        return result


def _spells(name: str, type_: str, entity: str) -> bool:
    try:
        return entity_id(name, type_) == entity
    except SchemaError:
        return False
