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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.errors import BadInputError
from graph.export_files import atomic_dir
from graph.export_read import EdgeBatch, NodeBatch

__all__ = ["FILES", "Neo4jImport", "import_command", "write_neo4j_import"]

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
    """One CSV per kind; array cells joined with a sentinel and the clashes noted."""

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

    def cell(self, value: Any, kind: str) -> Any:
        if value is None:
            return ""
        if kind.endswith("[]"):
            items = [str(v).replace(_SENTINEL, " ") for v in value]
            self.clashes.update(d for d in _DELIMITERS if any(d in item for item in items))
            return _SENTINEL.join(items)
        if kind == "boolean":
            return "true" if value else "false"
        return value

    def add(self, key: str, head: list[Any], props: dict[str, Any]) -> None:
        name, _, spec = FILES[key]
        known = {p for p, _ in spec}
        self.report.skipped.update(p for p in props if p not in known and p != "id")
        self.writers[key].writerow(head + [self.cell(props.get(p), kind) for p, kind in spec])
        self.report.rows[name] += 1

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


def write_neo4j_import(batches: Iterable[NodeBatch | EdgeBatch], folder: Path) -> Neo4jImport:
    """Write ``batches`` (from :func:`graph.export_read.full_batches` or a saved query's
    subgraph) as neo4j-admin import files into ``folder``, atomically."""
    report = Neo4jImport(folder)
    with atomic_dir(folder) as tmp:
        writer = _Writer(tmp, report)
        try:
            for batch in batches:
                if isinstance(batch, NodeBatch):
                    for row in batch.rows:
                        labels = _SENTINEL.join(row["labels"])
                        writer.add(batch.key_label, [row["id"], labels], row["properties"])
                else:
                    for row in batch.rows:
                        head = [row["source"], row["target"], row["type"]]
                        writer.add(f"{batch.start_label}->", head, row["properties"])
        finally:
            writer.close()
        report.array_delimiter = _finish(tmp, writer.clashes)
    return report
