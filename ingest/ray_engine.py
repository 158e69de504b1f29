"""``newsgraph extract --engine ray``: extraction spread over Ray, written as shards.

Ray Data reads the input files (``read_binary_files``: folders, ``.txt``/``.md``/
``.html``/``.jsonl`` articles, ``.parquet`` tables of articles), a light step turns
each file into documents exactly as ``ingest`` reads them (same ids, same problems
with file and line), and a pool of actors, each loading spaCy once, extracts batches of
documents and writes each batch as one shard file into the output folder. Shards are
named by the position of their first document in the input (``part-FFFFFFFFF-LLLLLLLLL``:
file number, line), so reading the folder in sorted order gives the documents in input
order, and ``ingest --extracted`` writes exactly what ``ingest`` of the inputs would.

Local mode (one machine) unless an address is given, then ``ray.init(address=...)``:
every node needs newsgraph installed and the output folder on a shared filesystem.
Ray is an optional extra: nothing else imports this module, and it imports Ray only
inside its functions.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.graph.errors import BadParameterError, NewsgraphError
from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings, get_settings
from newsgraph.ingest.shard_extract import fresh_output
from newsgraph.ingest.shards import problem_record, shard_record, write_shard
from newsgraph.ingest.sources import TEXT_SUFFIXES, SourceProblem

__all__ = ["INPUT_SUFFIXES", "RayExtractSummary", "extract_with_ray", "input_files", "parse_file"]

INPUT_SUFFIXES = TEXT_SUFFIXES | {".parquet"}
BATCH_SIZE = 64
"""Documents per actor call, and so per shard file."""
BLOCK_BYTES = 64 * 1024
"""Ray Data's target block size for this pipeline: a few dozen parsed articles."""


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise NewsgraphError(
            "the Ray engine needs Ray: pip install 'newsgraph[ray]'", code="missing_extra"
        ) from None
    return ray


@dataclass
class RayExtractSummary:
    """What one Ray extraction wrote."""

    output: str
    files: int = 0
    documents: int = 0
    problems: int = 0
    shards: int = 0
    actors: int = 0
    startup_seconds: float = 0.0
    """Starting (or connecting to) Ray; the rest of ``elapsed`` is the pipeline."""
    elapsed: float = 0.0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return asdict(self) | {"startup_seconds": round(self.startup_seconds, 3),
                               "elapsed": round(self.elapsed, 3)}  # fmt: skip


def input_files(paths: Iterable[str | Path]) -> tuple[list[str], list[SourceProblem]]:
    """The input files in the order ``ingest`` reads them (folders walked sorted), and a
    problem for each path that is missing or of an unknown type."""
    found: list[str] = []
    problems: list[SourceProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += [str(p) for p in sorted(c for c in path.rglob("*") if c.is_file())
                      if p.suffix.lower() in INPUT_SUFFIXES]  # fmt: skip
        elif not path.is_file():
            problems.append(SourceProblem(str(path), None, "no such file or folder"))
        elif path.suffix.lower() not in INPUT_SUFFIXES:
            kind = path.suffix or "(none)"
            problems.append(SourceProblem(str(path), None, f"unknown file type {kind!r}"))
        else:
            found.append(str(path))
    return found, problems


Parsed = list[tuple[int, Document | SourceProblem]]


def parse_file(path: str, data: bytes, max_bytes: int) -> Parsed:
    """The documents (or problems) of one input file's bytes, each with its line (0 for a
    whole-file article), read as ``ingest`` reads the file (``ingest.sources``)."""
    from newsgraph.ingest import sources

    suffix = Path(path).suffix.lower()
    if suffix == ".parquet":
        return _parse_parquet(path, data, max_bytes)
    if suffix == ".jsonl":
        return _parse_jsonl(path, data, max_bytes)
    text = _decode(path, data, max_bytes)
    if isinstance(text, SourceProblem):
        return [(0, text)]
    record: dict[str, Any] = {"id": Path(path).stem, "text": text}
    if suffix in (".html", ".htm"):
        article = sources.read_html(text, fallback=sources.html_to_text(text))
        record |= {"text": article.text, **article.metadata()}
    document = sources._document(Path(path), None, record, max_bytes, sources.MAX_CHARS,
                                 id_from="file name")  # fmt: skip
    return [(0, document)]


def _parse_jsonl(path: str, data: bytes, max_bytes: int) -> Parsed:
    """A JSONL file's bytes line by line, as ``ingest.sources._read_jsonl`` reads a file."""
    import io

    from newsgraph.ingest import sources

    parsed: Parsed = []
    for number, line in sources._jsonl_lines(io.BufferedReader(io.BytesIO(data))):
        if line is None:
            parsed.append((number, SourceProblem(
                path, number, "not valid UTF-8 text (raw NUL or bad byte); line refused")))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            parsed.append((number, SourceProblem(path, number, f"not valid JSON: {exc.msg}")))
            continue
        parsed.append((number, sources._document(Path(path), number, record, max_bytes,
                                                 sources.MAX_CHARS, id_from=None)))  # fmt: skip
    return parsed or [(0, SourceProblem(path, None, "no text (empty file)"))]


def _decode(path: str, data: bytes, max_bytes: int) -> str | SourceProblem:
    """Bytes to text with the checks of ``ingest.sources._decode`` (empty, too big, binary,
    byte-order mark, UTF-8)."""
    from newsgraph.ingest import sources

    if not data.strip():
        return SourceProblem(path, None, "no text (empty file)")
    if len(data) > max_bytes:
        return SourceProblem(path, None, f"article is {len(data)} bytes, over {max_bytes}")
    encoding = next((enc for bom, enc in sources._BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        return SourceProblem(path, None, "binary file, not text (NUL bytes, no BOM)")
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        return SourceProblem(path, None, f"not valid {encoding or 'UTF-8'} (byte {exc.start})")


def _parse_parquet(path: str, data: bytes, max_bytes: int) -> Parsed:
    import io

    import pyarrow.parquet

    from newsgraph.ingest import sources

    try:
        rows = pyarrow.parquet.read_table(io.BytesIO(data)).to_pylist()
    except Exception as exc:  # pyarrow raises several kinds for a bad file
        return [(0, SourceProblem(path, None, f"cannot read Parquet: {exc}"))]
    return [(n, sources._document(Path(path), n, row, max_bytes, sources.MAX_CHARS, id_from=None))
            for n, row in enumerate(rows, 1)]  # fmt: skip


class _Parse:
    """Ray Data ``flat_map``: one input file's row to one row per document or problem."""

    def __init__(self, files: list[str], max_bytes: int) -> None:
        """``files``: the inputs as given, in order (Ray reports them resolved)."""
        self.order = {str(Path(f).resolve()): (n, f) for n, f in enumerate(files)}
        self.max_bytes = max_bytes

    def __call__(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        resolved = str(row["path"])
        known = self.order.get(resolved) or self.order.get("/" + resolved)
        if known is None:  # the shard names would lose the input order
            raise NewsgraphError(f"Ray read {resolved!r}, which is not among the inputs")
        number, path = known
        out = []
        for line, item in parse_file(path, bytes(row["bytes"]), self.max_bytes):
            kind = "problem" if isinstance(item, SourceProblem) else "document"
            out.append({"key": f"{number:09d}-{line:09d}", "kind": kind,
                        "payload": json.dumps(asdict(item))})  # fmt: skip
        return out


class _ShardWriter:
    """A Ray actor: loads spaCy once, then extracts each batch and writes it as a shard."""

    def __init__(self, output: str, settings: Settings, version: str, suffix: str) -> None:
        from newsgraph.ingest.extract import Extractor

        self.output = Path(output)
        self.version = version
        self.suffix = suffix
        self.extractor = Extractor(settings)
        self.extractor.nlp  # noqa: B018  (load the model now, once per actor)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = sorted(zip(batch["key"], batch["kind"], batch["payload"], strict=True))
        docs = [Document(**json.loads(p)) for _, kind, p in rows if kind == "document"]
        results = iter(self.extractor.extract(docs))
        records = []
        for _, kind, payload in rows:
            item = (next(results) if kind == "document"
                    else SourceProblem(**json.loads(payload)))  # fmt: skip
            records.append(problem_record(item, self.version) if isinstance(item, SourceProblem)
                           else shard_record(item, self.version))  # fmt: skip
        name = f"part-{rows[0][0]}{self.suffix}"
        write_shard(self.output / name, records)
        problems = sum(1 for r in records if r["problem"])
        failures = [str(SourceProblem(**r["problem"])) for r in records if r["problem"]]
        return {"shard": [name], "documents": [len(records) - problems],
                "problems": [problems], "failures": [json.dumps(failures)]}  # fmt: skip


def extract_with_ray(
    paths: Sequence[str | Path],
    output: Path,
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    settings: Settings | None = None,
    shard_format: str = "jsonl",
    batch_size: int = BATCH_SIZE,
) -> RayExtractSummary:
    """Extract the articles under ``paths`` with Ray and write shards into ``output``.

    Local Ray with ``num_cpus`` CPUs (default: all) unless ``address`` names a cluster
    (``auto``, ``ray://host:10001``). Already initialised Ray is used as it is. One actor
    per CPU; Ray Data's own progress bars report on stderr."""
    from newsgraph.ingest.shards import extractor_version

    if shard_format not in ("jsonl", "parquet"):
        raise BadParameterError("shard format is jsonl or parquet", param="--shard-format")
    settings = settings or get_settings()
    ray = _ray()
    started = time.monotonic()
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False)
    summary = RayExtractSummary(str(output), startup_seconds=time.monotonic() - started)
    version = extractor_version(settings.spacy_model)
    files, problems = input_files(paths)
    fresh_output(output)
    suffix = f".{shard_format}"
    if problems:
        records = [problem_record(p, version) for p in problems]
        write_shard(output / f"part-inputs{suffix}", records)
        summary.problems += len(problems)
        summary.failures += [str(p) for p in problems]
    summary.files = len(files)
    if files:
        _run_pipeline(ray, files, output, settings, version, suffix, batch_size, summary,
                      num_cpus)  # fmt: skip
    summary.elapsed = time.monotonic() - started
    return summary


def _run_pipeline(
    ray: Any, files: list[str], output: Path, settings: Settings, version: str, suffix: str,
    batch_size: int, summary: RayExtractSummary, num_cpus: int | None,
) -> None:  # fmt: skip
    context = ray.data.DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.target_max_block_size)
    context.execution_options.preserve_order = True  # shards cover contiguous input runs
    # Small blocks, so that one big JSONL file still feeds every actor (a repartition would
    # need a CPU slot of its own, and every slot runs an actor).
    context.target_max_block_size = BLOCK_BYTES
    try:
        _stream(ray, files, output, settings, version, suffix, batch_size, summary, num_cpus)
    finally:  # the caller's Ray Data settings, as they were
        context.execution_options.preserve_order, context.target_max_block_size = saved


def _stream(
    ray: Any, files: list[str], output: Path, settings: Settings, version: str, suffix: str,
    batch_size: int, summary: RayExtractSummary, num_cpus: int | None,
) -> None:  # fmt: skip
    cpus = int(ray.cluster_resources().get("CPU", 1))
    summary.actors = max(1, min(num_cpus or cpus, cpus))
    # Reading and parsing are light: they take no CPU slot, so every slot runs an actor.
    dataset = ray.data.read_binary_files(
        [str(Path(f).resolve()) for f in files], include_paths=True, num_cpus=0
    ).flat_map(_Parse(files, settings.max_article_bytes), num_cpus=0)  # fmt: skip
    written = dataset.map_batches(
        _ShardWriter, fn_constructor_kwargs={"output": str(output.resolve()),
                                             "settings": settings, "version": version,
                                             "suffix": suffix},
        batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=summary.actors),
        num_cpus=1, batch_format="numpy",
    )  # fmt: skip
    for batch in written.iter_batches(batch_size=None, batch_format="numpy"):
        summary.shards += len(batch["shard"])
        summary.documents += int(sum(batch["documents"]))
        summary.problems += int(sum(batch["problems"]))
        for failures in batch["failures"]:
            summary.failures += json.loads(failures)
