"""The judgements file: ``judgements.jsonl`` in the data folder, one judgement a line.

The first line is a header naming the format and its version::

    {"newsgraph": "judgements", "version": 1}
    {"n": 1, "op": "merge", "from": "person:e-musk", "into": "person:elon-musk"}
    {"n": 2, "op": "split", "id": "person:john-smith", "as": "person:john-smith-2", "docs": ["d7"]}
    {"n": 3, "op": "keep-apart", "ids": ["company:apple", "company:apple-daily"]}

Reading never stops at a bad line: each one (not JSON, not a judgement, or contradicting
an earlier line) becomes a problem ``file:line: reason`` and the rest is used, as
``ingest.sources`` does for articles. A header with another version is refused whole
(:class:`BadInputError` naming the file), since its lines mean something else. Blank
lines and lines starting with ``#`` are skipped. Writes replace the file atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.judgements import Judgement, Judgements

__all__ = [
    "FILE_NAME",
    "FORMAT_VERSION",
    "JudgementFile",
    "judgements_path",
    "read_judgements",
    "write_judgements",
]

FILE_NAME = "judgements.jsonl"
FORMAT_VERSION = 1
_HEADER = {"newsgraph": "judgements", "version": FORMAT_VERSION}


def judgements_path(data_dir: Path) -> Path:
    """Where the judgements of the store in ``data_dir`` live."""
    return Path(data_dir) / FILE_NAME


@dataclass
class JudgementFile:
    """What a judgements file holds: every readable judgement in file order, the
    consistent set built from them, and the problems (``file:line: reason``)."""

    path: Path
    items: list[Judgement] = field(default_factory=list)
    judgements: Judgements = field(default_factory=Judgements)
    problems: list[str] = field(default_factory=list)

    @property
    def next_number(self) -> int:
        """The number a new judgement gets."""
        return max((j.n for j in self.items), default=0) + 1


def read_judgements(path: Path | None) -> JudgementFile:
    """Read the judgements at ``path`` (a missing file, or ``None``, holds none)."""
    if path is None:
        return JudgementFile(Path(os.devnull))
    result = JudgementFile(Path(path))
    if not result.path.exists():
        return result
    try:
        lines = result.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path}: cannot read the judgements file: {exc}",
                            path=str(path)) from exc  # fmt: skip
    lines_of: dict[int, int] = {}
    numbers: set[int] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
            if isinstance(record, dict) and "newsgraph" in record:
                _check_header(record, path, number)
                continue
            item = Judgement.from_record(record)
        except json.JSONDecodeError as exc:
            result.problems.append(f"{path}:{number}: not JSON ({exc.msg})")
            continue
        except BadInputError as exc:
            if exc.details.get("header"):
                raise
            result.problems.append(f"{path}:{number}: {exc.message}")
            continue
        if item.n == 0 or item.n in numbers:  # hand-written lines: number them
            item = Judgement(**{**item.__dict__, "n": max(numbers, default=0) + 1})
        numbers.add(item.n)
        lines_of[item.n] = number
        result.items.append(item)
    result.judgements, refused = Judgements.build(result.items)
    for item, reason in refused:
        result.problems.append(f"{path}:{lines_of[item.n]}: {item.describe()}: {reason}")
    return result


def _check_header(record: dict[str, object], path: Path, line: int) -> None:
    if record.get("newsgraph") != "judgements" or record.get("version") != FORMAT_VERSION:
        raise BadInputError(
            f"{path}:{line}: not a newsgraph judgements file of version {FORMAT_VERSION} "
            f"(header {json.dumps(record)})",
            path=str(path), line=line, header=True,
        )  # fmt: skip


def write_judgements(path: Path, items: list[Judgement]) -> None:
    """Replace the file at ``path`` with the header and ``items`` (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(_HEADER)] + [
        json.dumps(item.to_record(), ensure_ascii=False) for item in items
    ]
    fd, tmp = tempfile.mkstemp(prefix=".judgements.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
