"""Shards as Parquet: the fields of ``docs/shard.schema.json`` as typed, nested columns.

pyarrow comes with the ``ray`` extra (``pip install 'newsgraph[ray]'``) and is imported
only here, when a ``.parquet`` shard is written or read. One explicit schema, so every
shard has the same column types whatever its records hold (an all-null ``wikidata``
column is still a string column).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsgraph.graph.errors import BadInputError
from newsgraph.ingest.sources import SourceProblem

__all__ = ["read_parquet", "shard_schema", "write_parquet"]


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise BadInputError(
            "Parquet shards need pyarrow: pip install 'newsgraph[ray]'"
        ) from None
    return pyarrow


def shard_schema() -> Any:
    """The pyarrow schema of a shard record."""
    pa = _pyarrow()
    s = pa.string()
    evidence = pa.struct([("doc_id", s), ("sentence", s), ("start", pa.int64()),
                          ("end", pa.int64()), ("rule", s), ("confidence", pa.float64())])
    relation = pa.struct([("subject", s), ("type", s), ("object", s),
                          ("confidence", pa.float64()), ("provenance", s), ("dataset", s),
                          ("evidence", pa.list_(evidence))])
    entity = pa.struct([("name", s), ("type", s), ("aliases", pa.list_(s)), ("wikidata", s),
                        ("mentions", pa.int64())])
    document = pa.struct([(name, s) for name in ("id", "text", "title", "url", "source",
                                                 "published", "path", "content_hash")])
    problem = pa.struct([("path", s), ("line", pa.int64()), ("reason", s)])
    return pa.schema([("shard_format", pa.int64()), ("extractor_version", s),
                      ("document", document), ("entities", pa.list_(entity)),
                      ("relations", pa.list_(relation)), ("problem", problem)])  # fmt: skip


def write_parquet(path: Path, records: Sequence[dict[str, Any]]) -> None:
    """Write shard records to one Parquet file."""
    pa = _pyarrow()
    table = pa.Table.from_pylist(list(records), schema=shard_schema())
    pa.parquet.write_table(table, path)


def read_parquet(path: Path) -> Iterator[tuple[int, Any]]:
    """``(row number from 1, record)`` for each row, or one problem if the file is unreadable."""
    pa = _pyarrow()
    try:
        rows = pa.parquet.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        yield 0, SourceProblem(str(path), None, f"cannot read Parquet shard: {exc}")
        return
    yield from enumerate(rows, 1)
