"""``neo4j-import``: CSV files in the header format of ``neo4j-admin database import full``.

One file per kind of node and relationship, every property of docs/graph-shape.md
as a typed column (``count:int``, ``confidence:float``, ``aliases:string[]``), ids in
their own ID space (``id:ID(Entity)``; the ``id`` property is kept), labels in a
``:LABEL`` column and relation types in ``:TYPE``. Labels and array elements are
joined with the array delimiter, the first character no array element of the export
holds (``;``, neo4j-admin's default, then ``|``, TAB, the ASCII separators and so on:
see :func:`choose_delimiter`), because neo4j-admin splits an array cell on that one
character and has no quoting inside it. Nothing is ever rewritten: while the files
are written, array elements are joined with a lone surrogate (which no text UTF-8 can
carry holds) and put in the chosen delimiter's place at the end; a cell holding the
empty string is written quoted (``""``), which neo4j-admin reads as ``""``, not as
"no value". Properties graph-shape does not list are left out and counted.

The whole-graph export of a large FalkorDB graph runs in several processes: the
pages of ids of each file are cut into contiguous shares, this process writes the
first share and worker processes (plain ``python -c`` children, see
:func:`_write_parts`) the others, each into part files with its own connection; the
parts are joined in order at the end, so the files are byte for byte those one process
writes. Decoding FalkorDB's replies and writing CSV are CPU-bound and hold the
interpreter lock, so threads would not help. Measured on 500,000 relations with
evidence (2 cores): 13-14 s in one process, 9-10 s in two (docs/exports.md).
"""

from __future__ import annotations

import csv
import json
import os
import shlex
import subprocess
import sys
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import IO, Any

from newsgraph.graph import errors
from newsgraph.graph.errors import BadInputError, BadParameterError, NewsgraphError, SchemaError
from newsgraph.graph.export.files import atomic_dir
from newsgraph.graph.export.read import (
    PAGE_SIZE,
    EdgeBatch,
    Job,
    NodeBatch,
    OnRows,
    id_pages,
    read_ahead,
)
from newsgraph.graph.gcpause import gc_paused
from newsgraph.graph.stores.base import GraphStore, QueryResult

__all__ = [
    "FILES",
    "Neo4jImport",
    "choose_delimiter",
    "delimiter_option",
    "export_neo4j_import",
    "import_command",
    "write_neo4j_import",
]

_WORKER_CODE = "from newsgraph.graph.export.neo4j_import import _worker; _worker()"
_SENTINEL = "\ud800"  # joins array elements in the part files; the delimiter at the end
_EMPTY = "\udbff"  # a cell that is the empty string; written as "" (quoted) at the end
_PART_ERRORS = "surrogatepass"  # part files carry the two markers (lone surrogates)
_DELIMITERS = (";", "|", "\t", "\x1f", "\x1e", "\x1d", "\x1c")
"""Array delimiters looked for in every page's array elements, in order of preference."""
_NEVER = frozenset(',"\r\n\x00')  # the CSV delimiter, quote, line ends and NUL

_ENTITY = [("name", "string"), ("type", "string"), ("aliases", "string[]"),
           ("alias_text", "string"), ("wikidata", "string"), ("first_seen", "date"),
           ("last_seen", "date"), ("mention_count", "int"),
           ("document_count", "int"), ("alias_counts", "int[]")]  # fmt: skip
_DOCUMENT = [("title", "string"), ("url", "string"), ("source", "string"),
             ("published", "date"), ("published_text", "string"), ("text", "string"),
             ("content_hash", "string"),
             ("word_count", "int"), ("ingested_at", "string"),
             ("extractor_version", "string")]  # fmt: skip
_RUN = [("started_at", "string"), ("finished_at", "string"), ("status", "string"),
        ("settings", "string"), ("paths", "string[]"), ("documents_new", "int"),
        ("documents_unchanged", "int"), ("documents_updated", "int"),
        ("documents_failed", "int"), ("failures", "string[]"), ("entities", "int"),
        ("relations", "int")]  # fmt: skip
_RELATION = [("sources", "string[]"), ("source_dates", "date[]"),
             ("evidence_count", "int"), ("confidence", "float"), ("first_seen", "date"),
             ("last_seen", "date"), ("extractor_version", "string"), ("source_count", "int"),
             ("reference_count", "int"), ("datasets", "string[]"),
             ("provenance", "string")]  # fmt: skip
_EVIDENCE = [("edge", "string"), ("src", "string"), ("type", "string"), ("dst", "string"),
             ("doc", "string"), ("date", "date"), ("count", "int"), ("confidence", "float"),
             ("provenance", "string"), ("dataset", "string"), ("sentences", "string[]"),
             ("starts", "int[]"), ("ends", "int[]"), ("rules", "string[]"),
             ("confidences", "float[]")]  # fmt: skip
_MENTION = [("count", "int"), ("aliases", "string[]"), ("date", "date")]

FILES: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {
    "Entity": ("entities.csv", ["id:ID(Entity)", ":LABEL"], _ENTITY),
    "Document": ("documents.csv", ["id:ID(Document)", ":LABEL"], _DOCUMENT),
    "IngestRun": ("ingest_runs.csv", ["id:ID(IngestRun)", ":LABEL"], _RUN),
    "Evidence": ("evidence.csv", ["id:ID(Evidence)", ":LABEL"], _EVIDENCE),
    "Entity->": ("relations.csv", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"], _RELATION),
    "Document->": ("mentions.csv", [":START_ID(Document)", ":END_ID(Entity)", ":TYPE"], _MENTION),
    "Evidence->": ("states.csv", [":START_ID(Document)", ":END_ID(Evidence)", ":TYPE"], []),
}
"""Node key label (or ``<label>->`` for the relationships read by pages of that label's
ids: STATES by pages of evidence records) -> file, id columns, properties."""


@dataclass
class Neo4jImport:
    """What was written: rows per file, the array delimiter, properties left out."""

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    array_delimiter: str = ";"
    skipped: Counter[str] = field(default_factory=Counter)
    workers: int = 1
    """Processes that wrote the files (this one included)."""
    worker_traced_peak: int = 0
    """The worker processes' tracemalloc peaks added up, in bytes: 0 unless they trace
    (``PYTHONTRACEMALLOC`` set), as the export benchmark does to count their memory."""

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
    parts += [f"--array-delimiter={shlex.quote(delimiter_option(array_delimiter))}",
              "--multiline-fields=true", database]  # fmt: skip
    return " ".join(parts)


def delimiter_option(delimiter: str) -> str:
    """How ``--array-delimiter`` names ``delimiter``: ``TAB``, a printable ASCII character
    itself, anything else as ``U+XXXX`` (forms neo4j-admin 5's option accepts)."""
    if delimiter == "\t":
        return "TAB"
    if "!" <= delimiter <= "~":
        return delimiter
    return f"U+{ord(delimiter):04X}"


def _candidates() -> Iterator[str]:
    """Every possible array delimiter, in order of preference: the usual ones, the other
    ASCII control characters, printable ASCII, then the rest of the BMP (private use
    first). Never the CSV delimiter, quote, a line end, NUL or a surrogate."""
    yield from _DELIMITERS
    controls = [chr(c) for c in (*range(1, 32), 127)]
    printable = [chr(c) for c in range(33, 127)]
    rest = [chr(c) for c in (*range(0xE000, 0xF900), *range(0xA0, 0xD800),
                              *range(0xF900, 0xFFFE))]  # fmt: skip
    for c in chain(controls, printable, rest):
        if c not in _NEVER and c not in _DELIMITERS:
            yield c


def choose_delimiter(clashes: set[str], held: Callable[[], set[str]]) -> str:
    """The first of :data:`_DELIMITERS` not in ``clashes`` (those array elements hold);
    when every one is taken, the first candidate of :func:`_candidates` absent from
    ``held()`` (every character the files hold). Raises only if the export holds every
    character of the BMP."""
    for delimiter in _DELIMITERS:
        if delimiter not in clashes:
            return delimiter
    present = held()
    for delimiter in _candidates():
        if delimiter not in present:
            return delimiter
    raise BadInputError("the export holds every character of the BMP: no array delimiter fits")


class _Writer:
    """One CSV per kind, written a page at a time, column by column: array cells joined
    with the sentinel, empty strings marked, the delimiters some array element holds
    noted."""

    def __init__(self, folder: Path, report: Neo4jImport, part: int = 0) -> None:
        """Part 0 writes each file with its header; part ``n`` its rows to ``NAME.part<n>``."""
        self.report = report
        self.clashes: set[str] = set()
        self.handles: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        for key, (name, ids, props) in FILES.items():
            handle = (folder / _part_name(name, part)).open(
                "w", encoding="utf-8", errors=_PART_ERRORS, newline=""
            )
            self.handles[key] = handle
            self.writers[key] = csv.writer(handle)
            if part == 0:
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
        heads = [*ids, *(p for p, _ in spec)]
        cells = [self.cells(column, kind, f"{name} column {head}")
                 for column, kind, head in zip(columns, kinds, heads, strict=True)]  # fmt: skip
        self.writers[key].writerows(zip(*cells, strict=True))
        self.report.rows[name] += len(rows)
        return held

    def cells(self, values: Sequence[Any], kind: str, where: str = "") -> Sequence[Any]:
        """One column's cells (``None`` is written as an empty cell, ``""`` as a quoted one)."""
        if kind == "boolean":
            return [None if v is None else "true" if v else "false" for v in values]
        if not kind.endswith("[]"):
            if kind != "string":
                return values
            try:
                text = "\n".join(filter(None, values))
            except TypeError:  # a value that is not a string
                text = "\n".join(v for v in values if isinstance(v, str))
            _check_markers(text, where)
            if "" not in values:
                return values
            return [_EMPTY if v == "" else v for v in values]
        join = _SENTINEL.join
        if kind != "string[]":
            return [join(map(str, v)) if v else None for v in values]
        try:  # every element, one a line: the delimiters any of them holds
            elements = "\n".join(chain.from_iterable(filter(None, values)))
            strings = True
        except TypeError:  # an element that is not a string
            elements = "\n".join(map(str, chain.from_iterable(filter(None, values))))
            strings = False
        _check_markers(elements, where)
        self.clashes.update(d for d in _DELIMITERS if d in elements)
        if strings:
            return [join(v) if v else None for v in values]
        return [join(map(str, v)) if v else None for v in values]

    def skip(self, key: str, properties: Iterable[Mapping[str, Any]]) -> None:
        """Count the properties :data:`FILES` has no column for."""
        known = {"id", *(p for p, _ in FILES[key][2])}
        for props in properties:
            if not known.issuperset(props):
                self.report.skipped.update(props.keys() - known)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def _part_name(name: str, part: int) -> str:
    return name if part == 0 else f"{name}.part{part}"


def _check_markers(text: str, where: str) -> None:
    """Refuse text holding one of the two markers: lone surrogates, which UTF-8 (and so
    any CSV file neo4j-admin reads) cannot carry at all."""
    for marker in (_SENTINEL, _EMPTY):
        if marker in text:
            raise BadInputError(
                f"{where}: a value holds U+{ord(marker):04X}, a lone surrogate UTF-8 cannot carry"
            )


def _held(folder: Path, parts: int) -> set[str]:
    """Every character the part files hold (the markers' stand-ins excluded)."""
    seen: set[str] = set()
    for name, _, _ in FILES.values():
        for part in range(parts):
            path = folder / _part_name(name, part)
            with path.open(encoding="utf-8", errors=_PART_ERRORS, newline="") as src:
                while chunk := src.read(1 << 20):
                    seen.update(chunk)
    return seen - {_SENTINEL, _EMPTY}


def _finish(folder: Path, clashes: set[str], parts: int = 1) -> str:
    """Choose the array delimiter (:func:`choose_delimiter`), put it in for the sentinel
    and ``""`` for the empty-string marker, and join each file's parts in order."""
    delimiter = choose_delimiter(clashes, partial(_held, folder, parts))
    for name, _, _ in FILES.values():
        done = folder / f"{name}.done"
        with done.open("w", encoding="utf-8", newline="") as dst:
            for part in range(parts):
                path = folder / _part_name(name, part)
                with path.open(encoding="utf-8", errors=_PART_ERRORS, newline="") as src:
                    while chunk := src.read(1 << 20):
                        chunk = chunk.replace(_SENTINEL, delimiter).replace(_EMPTY, '""')
                        try:
                            dst.write(chunk)
                        except UnicodeEncodeError as exc:
                            raise BadInputError(
                                f"{name}: a value holds U+{ord(exc.object[exc.start]):04X}, "
                                "a lone surrogate UTF-8 cannot carry"
                            ) from None
                if part:
                    path.unlink()
        done.replace(folder / name)
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
    """Write ``batches`` (from :func:`newsgraph.graph.export.read.full_batches` or a saved query's
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
    store: GraphStore,
    folder: Path,
    *,
    on_rows: OnRows | None = None,
    workers: int | None = None,
    page_size: int = PAGE_SIZE,
) -> Neo4jImport:
    """The whole graph of ``store`` as neo4j-admin import files in ``folder``, atomically.

    Read with ``cypher/export/neo4j_*.cypher``, whose columns are those of :data:`FILES`
    plus each row's property count: a page whose rows hold more properties than their
    columns is read again whole (``*_full.cypher``) to count the ones left out.

    ``workers`` processes share the pages (default: one per core, at most
    :data:`MAX_WORKERS`, when there are enough pages and the store can be reached from
    another process, as FalkorDB can); 1 keeps everything in this process.
    """
    ids = {name: id_pages(store, name, page_size) for name in {read[0] for read in READS.values()}}
    pages = {key: ids[id_name] for key, (id_name, _, _) in READS.items()}
    count = _worker_count(store, workers, pages)
    shares = [[(key, page) for key in READS for page in _share(pages[key], n, count)]
              for n in range(count)]  # fmt: skip
    report = Neo4jImport(folder, workers=count)
    with atomic_dir(folder) as tmp:
        if count == 1:
            parts = [_write_part(store, tmp, 0, shares[0], on_rows)]
        else:
            parts = _write_parts(store, tmp, shares, on_rows)
        for part in parts:
            for name, rows in part.rows.items():
                report.rows[name] = report.rows.get(name, 0) + rows
            report.skipped.update(part.skipped)
            report.worker_traced_peak += part.traced_peak
        report.array_delimiter = _finish(tmp, set().union(*(p.clashes for p in parts)), count)
    return report


MAX_WORKERS = 4
"""Processes a whole-graph neo4j-import uses at most by default (``workers=None``)."""


def _worker_count(store: GraphStore, workers: int | None, pages: dict[str, list]) -> int:
    if workers is not None and workers < 1:
        raise BadParameterError(f"workers must be at least 1, not {workers}", param="workers")
    if store.info.reach is None:
        return 1  # no way for another process to reach this store
    if workers is None:
        workers = min(MAX_WORKERS, os.cpu_count() or 1)
    return max(1, min(workers, max(map(len, pages.values()), default=1)))


def _share(items: list[Any], n: int, count: int) -> list[Any]:
    """Share ``n`` of ``count`` contiguous, near-equal shares of ``items``."""
    return items[n * len(items) // count : (n + 1) * len(items) // count]


@dataclass
class _Part:
    """What one process wrote: rows per file, delimiters met, properties left out."""

    rows: dict[str, int]
    clashes: set[str]
    skipped: Counter[str]
    traced_peak: int = 0


def _write_part(
    store: GraphStore, folder: Path, part: int, share: list[tuple[str, list[str]]],
    on_rows: OnRows | None,
) -> _Part:  # fmt: skip
    """Write the pages of ``share`` (in order) as part ``part`` of every file."""
    report = Neo4jImport(folder)
    writer = _Writer(folder, report, part)
    jobs: list[Job[tuple[str, list[str], QueryResult]]] = [
        (READS[key][1], page, partial(_tagged, key, page)) for key, page in share
    ]
    try:
        for key, page, result in read_ahead(store, jobs, on_rows):
            name, id_columns, spec = FILES[key]
            if result.columns[len(id_columns) :] != [*(p for p, _ in spec), "property_count"]:
                raise SchemaError(f"{READS[key][1]} does not return the columns of {name}")
            counts = [row.pop() for row in result.rows]
            if writer.add(key, result.rows) != sum(counts):  # some property has no column
                text = store.info.library.get(f"export/{READS[key][2]}").text
                full = store.run(text, {"ids": page})
                writer.skip(key, (row["properties"] for row in full.records()))
    finally:
        writer.close()
    return _Part(report.rows, writer.clashes, report.skipped)


def _write_parts(
    store: GraphStore, folder: Path, shares: list[list[tuple[str, list[str]]]],
    on_rows: OnRows | None,
) -> list[_Part]:  # fmt: skip
    """Part 0 here, the others in worker processes (``python -c``, see :func:`_worker`),
    each told its share on stdin and answering with one line per page's row count and
    a last line with its :class:`_Part`. Plain subprocesses, not ``multiprocessing``:
    its ``spawn`` re-imports the caller's main module, which breaks any script that
    calls the export without an ``if __name__ == "__main__"`` guard."""
    args = dict(store.info.reach or {})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p or "." for p in sys.path)}
    workers = []
    try:
        for n, share in enumerate(shares[1:], start=1):
            worker = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            )  # fmt: skip
            workers.append(worker)
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(json.dumps({"args": args, "folder": str(folder), "part": n,
                                           "share": share}).encode())  # fmt: skip
            worker.stdin.close()
            worker.stdin = None  # so communicate() does not touch it again
            os.set_blocking(worker.stdout.fileno(), False)
        lines: dict[int, bytes] = {}

        def report(rows: int) -> None:  # after each page of part 0
            if on_rows is not None:
                on_rows(rows)
            _worker_rows(workers, lines, on_rows)
            for n, worker in enumerate(workers):
                if worker.poll() not in (None, 0):  # failed: stop now, not after part 0
                    _worker_result(n, worker, lines, on_rows)

        parts = [_write_part(store, folder, 0, shares[0], report)]
        for n, worker in enumerate(workers):
            done = _worker_result(n, worker, lines, on_rows)
            parts.append(_Part(done["rows"], set(done["clashes"]), Counter(done["skipped"]),
                               done["traced_peak"]))  # fmt: skip
        return parts
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()


def _worker_result(n: int, worker: subprocess.Popen[bytes], lines: dict[int, bytes],
                   on_rows: OnRows | None) -> dict[str, Any]:  # fmt: skip
    """Wait for worker ``n`` (0-based) and return its result line, its last row counts
    reported; raise the error it reported if it failed."""
    assert worker.stdout is not None
    os.set_blocking(worker.stdout.fileno(), True)
    rest, stderr = worker.communicate()
    *counts, last = (lines.pop(n, b"") + rest).decode().splitlines() or [""]
    if worker.returncode != 0:
        raise _worker_error(n + 1, last, stderr)
    if on_rows is not None:
        for line in counts:
            on_rows(int(line))
    result: dict[str, Any] = json.loads(last)
    return result


def _worker_rows(workers: list[subprocess.Popen[bytes]], lines: dict[int, bytes],
                 on_rows: OnRows | None) -> None:  # fmt: skip
    """Report the row counts the workers have written so far (never blocks)."""
    for n, worker in enumerate(workers):
        chunk = worker.stdout.read() if worker.stdout else None  # None: nothing yet
        if not chunk:
            continue
        *complete, lines[n] = (lines.get(n, b"") + chunk).split(b"\n")
        for line in complete:
            if not line.isdigit():  # the worker's result line: keep it for the end
                lines[n] = line + b"\n" + lines[n]
            elif on_rows is not None:
                on_rows(int(line))


def _worker_error(n: int, last: str, stderr: bytes) -> NewsgraphError:
    """The error a worker reported (``{"error": class name, "message"}``), raised again
    here as the same newsgraph error; anything else with the end of its stderr."""
    try:
        reported = json.loads(last)
        kind = getattr(errors, reported["error"])
        if isinstance(kind, type) and issubclass(kind, NewsgraphError):
            return kind(reported["message"])
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    tail = " / ".join(stderr.decode(errors="replace").strip().splitlines()[-3:])
    return NewsgraphError(f"neo4j-import worker {n} failed: {tail or 'no message'}")


def _worker() -> None:
    """A worker process: write the share of the pages read from stdin as its part."""
    from newsgraph.graph.stores import reopen

    task = json.load(sys.stdin)

    def report(rows: int) -> None:
        print(rows, flush=True)

    try:
        store = reopen(task["args"])
        try:
            with gc_paused():
                share = [(key, page) for key, page in task["share"]]
                part = _write_part(store, Path(task["folder"]), task["part"], share, report)
        finally:
            store.close()
    except NewsgraphError as exc:
        print(json.dumps({"error": type(exc).__name__, "message": exc.message}), flush=True)
        sys.exit(1)
    peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else 0
    print(json.dumps({"rows": part.rows, "clashes": sorted(part.clashes),
                      "skipped": dict(part.skipped), "traced_peak": peak}), flush=True)  # fmt: skip


def _tagged(key: str, page: list[str], result: QueryResult) -> tuple[str, list[str], QueryResult]:
    return key, page, result


READS = {
    "Entity": ("entity_ids", "neo4j_entities", "entities_full"),
    "Document": ("document_ids", "neo4j_documents", "documents_full"),
    "IngestRun": ("run_ids", "neo4j_runs", "runs_full"),
    "Entity->": ("entity_ids", "neo4j_relations", "relations_full"),
    "Document->": ("document_ids", "neo4j_mentions", "mentions_full"),
    "Evidence": ("evidence_ids", "neo4j_evidence", "evidence_full"),
    "Evidence->": ("evidence_ids", "neo4j_states", "states_full"),
}
""":data:`FILES` key -> the statements of ``cypher/export/`` for its ids, its pages in the
columns of its file, and the same pages with every property."""
