"""``neo4j-import``: CSV files in the header format of ``neo4j-admin database import full``.

One file per kind of node and relationship, every property of docs/graph-shape.md
as a typed column (``count:int``, ``confidence:float``, ``aliases:string[]``), ids in
their own ID space (``id:ID(Entity)``; the ``id`` property is kept), labels in a
``:LABEL`` column and relation types in ``:TYPE``. Labels and array elements are
joined with the array delimiter: ``;`` (neo4j-admin's default) unless an array
element contains one, then ``|``, then TAB; the command printed names the one used.
Properties graph-shape does not list are left out and counted.
"""

from __future__ import annotations

import csv
import shlex
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import IO, Any

from graph.errors import BadInputError, SchemaError
from graph.export_files import atomic_dir
from graph.export_read import EdgeBatch, Job, NodeBatch, OnRows, id_pages, read_ahead
from graph.stores.base import GraphStore, QueryResult

__all__ = ["FILES", "Neo4jImport", "export_neo4j_import", "import_command", "write_neo4j_import"]

_SENTINEL = "\x1f"  # written first, replaced by the chosen delimiter at the end
_DELIMITERS = (";", "|", "\t")

_ENTITY = [("name", "string"), ("type", "string"), ("aliases", "string[]"),
           ("alias_text", "string"), ("wikidata", "string"), ("first_seen", "string"),
           ("last_seen", "string"), ("mention_count", "int"),
           ("document_count", "int")]  # fmt: skip
_DOCUMENT = [("title", "string"), ("url", "string"), ("source", "string"),
             ("published", "string"), ("text", "string"), ("content_hash", "string"),
             ("word_count", "int"), ("ingested_at", "string"),
             ("extractor_version", "string")]  # fmt: skip
_RUN = [("started_at", "string"), ("finished_at", "string"), ("status", "string"),
        ("settings", "string"), ("paths", "string[]"), ("documents_new", "int"),
        ("documents_unchanged", "int"), ("documents_updated", "int"),
        ("documents_failed", "int"), ("failures", "string[]"), ("entities", "int"),
        ("relations", "int")]  # fmt: skip
_RELATION = [("sources", "string[]"), ("source_counts", "int[]"), ("source_dates", "string[]"),
             ("evidence_count", "int"), ("ev_doc", "string[]"), ("ev_sentence", "string[]"),
             ("ev_start", "int[]"), ("ev_end", "int[]"), ("ev_rule", "string[]"),
             ("ev_confidence", "float[]"), ("confidence", "float"), ("first_seen", "string"),
             ("last_seen", "string"), ("extractor_version", "string")]  # fmt: skip
_MENTION = [("count", "int")]

FILES: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {
    "Entity": ("entities.csv", ["id:ID(Entity)", ":LABEL"], _ENTITY),
    "Document": ("documents.csv", ["id:ID(Document)", ":LABEL"], _DOCUMENT),
    "IngestRun": ("ingest_runs.csv", ["id:ID(IngestRun)", ":LABEL"], _RUN),
    "Entity->": ("relations.csv", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"], _RELATION),
    "Document->": ("mentions.csv", [":START_ID(Document)", ":END_ID(Entity)", ":TYPE"], _MENTION),
}
"""Node key label (or ``<start label>->`` for relationships) -> file, id columns, properties."""


@dataclass
class Neo4jImport:
    """What was written: rows per file, the array delimiter, properties left out."""

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    array_delimiter: str = ";"
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def command(self) -> str:
        """The ``neo4j-admin database import full`` command that loads these files."""
        return import_command(self.folder, self.array_delimiter)


def import_command(folder: Path, array_delimiter: str = ";", database: str = "neo4j") -> str:
    """The exact ``neo4j-admin`` command for the files in ``folder``."""
    folder = folder.resolve()
    parts = ["neo4j-admin", "database", "import", "full"]
    for key, (name, _, _) in FILES.items():
        option = "--relationships" if key.endswith("->") else "--nodes"
        parts.append(f"{option}={shlex.quote(str(folder / name))}")
    delimiter = "TAB" if array_delimiter == "\t" else array_delimiter
    parts += [f"--array-delimiter={shlex.quote(delimiter)}", "--multiline-fields=true", database]
    return " ".join(parts)


class _Writer:
    """One CSV per kind, written a page at a time, column by column: array cells joined
    with the sentinel, the delimiters some array element holds noted."""

    def __init__(self, folder: Path, report: Neo4jImport) -> None:
        self.report = report
        self.clashes: set[str] = set()
        self.handles: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        for key, (name, ids, props) in FILES.items():
            handle = (folder / name).open("w", encoding="utf-8", newline="")
            self.handles[key] = handle
            self.writers[key] = csv.writer(handle)
            self.writers[key].writerow(ids + [f"{p}:{kind}" for p, kind in props])
            report.rows[name] = 0

    def add(self, key: str, rows: list[list[Any]]) -> int:
        """Write ``rows`` (id columns, then the properties of :data:`FILES`) to the file of
        ``key``; return how many property values they hold (a node's id is one)."""
        if not rows:
            return 0
        name, ids, spec = FILES[key]
        kinds = ["string[]" if column == ":LABEL" else "string" for column in ids]
        kinds += [kind for _, kind in spec]
        columns = list(zip(*rows, strict=True))
        held = sum(len(column) - column.count(None) for column in columns[len(ids) :])
        if not key.endswith("->"):
            held += len(rows)  # the id
        cells = [self.cells(column, kind) for column, kind in zip(columns, kinds, strict=True)]
        self.writers[key].writerows(zip(*cells, strict=True))
        self.report.rows[name] += len(rows)
        return held

    def cells(self, values: Sequence[Any], kind: str) -> Sequence[Any]:
        """One column's cells (``None`` is written as an empty cell)."""
        if kind == "boolean":
            return [None if v is None else "true" if v else "false" for v in values]
        if not kind.endswith("[]"):
            return values
        join = _SENTINEL.join
        if kind != "string[]":
            return [join(map(str, v)) if v else None for v in values]
        strings = True
        try:  # every element, one a line: the delimiters any of them holds
            elements = "\n".join(chain.from_iterable(filter(None, values)))
        except TypeError:  # an element that is not a string
            strings = False
            elements = "\n".join(map(str, chain.from_iterable(filter(None, values))))
        self.clashes.update(d for d in _DELIMITERS if d in elements)
        if strings and _SENTINEL not in elements:
            return [join(v) if v else None for v in values]
        return [join(str(e).replace(_SENTINEL, " ") for e in v) if v else None for v in values]

    def skip(self, key: str, properties: Iterable[Mapping[str, Any]]) -> None:
        """Count the properties :data:`FILES` has no column for."""
        known = {"id", *(p for p, _ in FILES[key][2])}
        for props in properties:
            if not known.issuperset(props):
                self.report.skipped.update(props.keys() - known)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def _finish(folder: Path, clashes: set[str]) -> str:
    """Pick the first delimiter no array element contains and put it in for the sentinel."""
    delimiter = next((d for d in _DELIMITERS if d not in clashes), None)
    if delimiter is None:
        raise BadInputError("array elements contain ';', '|' and TAB: no array delimiter fits")
    for name, _, _ in FILES.values():
        path, done = folder / name, folder / f"{name}.done"
        with (
            path.open(encoding="utf-8", newline="") as src,
            done.open("w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(1 << 20):
                dst.write(chunk.replace(_SENTINEL, delimiter))
        done.replace(path)
    return delimiter


def _write(folder: Path, fill: Callable[[_Writer], None]) -> Neo4jImport:
    report = Neo4jImport(folder)
    with atomic_dir(folder) as tmp:
        writer = _Writer(tmp, report)
        try:
            fill(writer)
        finally:
            writer.close()
        report.array_delimiter = _finish(tmp, writer.clashes)
    return report


def write_neo4j_import(batches: Iterable[NodeBatch | EdgeBatch], folder: Path) -> Neo4jImport:
    """Write ``batches`` (from :func:`graph.export_read.full_batches` or a saved query's
    subgraph) as neo4j-admin import files into ``folder``, atomically."""

    def fill(writer: _Writer) -> None:
        for batch in batches:
            head: tuple[str, ...] = ("id", "labels")
            if isinstance(batch, NodeBatch):
                key = batch.key_label
            else:
                key, head = f"{batch.start_label}->", ("source", "target", "type")
            names = [p for p, _ in FILES[key][2]]
            writer.add(key, [[*map(row.get, head), *map(row["properties"].get, names)]
                             for row in batch.rows])  # fmt: skip
            writer.skip(key, (row["properties"] for row in batch.rows))

    return _write(folder, fill)


def export_neo4j_import(
    store: GraphStore, folder: Path, *, on_rows: OnRows | None = None
) -> Neo4jImport:
    """The whole graph of ``store`` as neo4j-admin import files in ``folder``, atomically.

    Read with ``cypher/export/neo4j_*.cypher``, whose columns are those of :data:`FILES`
    plus each row's property count: a page whose rows hold more properties than their
    columns is read again whole (``*_full.cypher``) to count the ones left out.
    """
    ids = {name: id_pages(store, name) for name in {read[0] for read in READS.values()}}
    jobs: list[Job[tuple[str, list[str], QueryResult]]] = [
        (statement, page, partial(_tagged, key, page))
        for key, (id_name, statement, _) in READS.items()
        for page in ids[id_name]
    ]

    def fill(writer: _Writer) -> None:
        for key, page, result in read_ahead(store, jobs, on_rows):
            name, id_columns, spec = FILES[key]
            if result.columns[len(id_columns) :] != [*(p for p, _ in spec), "property_count"]:
                raise SchemaError(f"{READS[key][1]} does not return the columns of {name}")
            counts = [row.pop() for row in result.rows]
            if writer.add(key, result.rows) != sum(counts):  # some property has no column
                full = store.run(store.library.get(f"export/{READS[key][2]}").text, {"ids": page})
                writer.skip(key, (row["properties"] for row in full.records()))

    return _write(folder, fill)


def _tagged(key: str, page: list[str], result: QueryResult) -> tuple[str, list[str], QueryResult]:
    return key, page, result


READS = {
    "Entity": ("entity_ids", "neo4j_entities", "entities_full"),
    "Document": ("document_ids", "neo4j_documents", "documents_full"),
    "IngestRun": ("run_ids", "neo4j_runs", "runs_full"),
    "Entity->": ("entity_ids", "neo4j_relations", "relations_full"),
    "Document->": ("document_ids", "neo4j_mentions", "mentions_full"),
}
""":data:`FILES` key -> the statements of ``cypher/export/`` for its ids, its pages in the
columns of its file, and the same pages with every property."""
