"""The ingest progress bar: documents done out of a total, rate and time remaining.

The ingest job reports after each committed batch (200 documents by default) and each
skipped or failed document, which left the bar at "0 docs" for most of a short run.
:class:`IngestBar` also counts every document as the extractor hands it back (spaCy
works in batches of 32), so the bar moves with the extraction, and it counts the inputs
first (files, and lines of ``.jsonl`` files) to show a total and an ETA.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsgraph.ingest.jobs import DocumentExtractor, IngestProgress
from newsgraph.ingest.sources import TEXT_SUFFIXES, SourceProblem

__all__ = ["CountingExtractor", "IngestBar", "count_inputs"]


def _articles_in(path: Path, limit: int | None) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as handle:
            return sum(1 for _ in islice((line for line in handle if line.strip()), limit))
    except OSError:
        return 1


def count_inputs(paths: Sequence[str | Path], limit: int | None = None) -> int:
    """How many articles ``paths`` hold, as the ingest job will read them (unreadable
    files count once: they are reported as failures), at most ``limit``: counting stops
    there, so a trial run on a large feed does not read it all first."""
    total = 0
    for file in _input_files(paths):
        if limit is not None and total >= limit:
            return limit
        total += _articles_in(file, None if limit is None else limit - total)
    return total if limit is None else min(total, limit)


def _input_files(paths: Sequence[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = (p for p in path.rglob("*") if p.is_file())
            yield from (p for p in files if p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


class CountingExtractor:
    """An extractor that counts on ``bar`` every document it extracts (its failures reach
    the bar through the job's callback)."""

    def __init__(self, inner: DocumentExtractor, bar: IngestBar) -> None:
        self.inner = inner
        self.bar = bar

    def extract(self, documents: Iterable[Any], workers: int = 1) -> Iterator[Any]:
        """The inner extractor's output, counted as it passes."""
        for item in self.inner.extract(documents, workers=workers):
            if not isinstance(item, SourceProblem):
                self.bar.extracted += 1
                self.bar.refresh()
            yield item


class IngestBar:
    """A rich progress bar on stderr fed by the job's callback and a counting extractor.

    Done = extracted documents + skipped and failed ones. The job's callback counts a
    committed batch (documents it has already seen extracted) and each skip or failure
    (one document, no entities or relations) alike; a report that adds entities or
    relations, or more than one document, is a commit and is not counted again.
    """

    def __init__(self, console: Console, total: int) -> None:
        self.extracted = 0
        self.other = 0
        self.entities = 0
        self.relations = 0
        self._seen = IngestProgress(started=0.0)
        columns = (
            TextColumn("[bold]ingest[/]"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            TextColumn("docs  {task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[entities]} entities  {task.fields[relations]} relations"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        self.progress = Progress(*columns, console=console, transient=True)
        self.task = self.progress.add_task("ingest", total=total or None, rate=0.0,
                                           entities=0, relations=0)  # fmt: skip

    def __call__(self, state: IngestProgress) -> None:
        """The job's progress callback."""
        added = state.documents - self._seen.documents
        grew = state.entities > self._seen.entities or state.relations > self._seen.relations
        if added == 1 and not grew:  # a skipped or failed document
            self.other += 1
        self.entities, self.relations = state.entities, state.relations
        self._seen = IngestProgress(state.documents, state.entities, state.relations, 0.0)
        self.refresh()

    @property
    def done(self) -> int:
        """Documents finished so far (extracted, skipped or failed)."""
        done = self.extracted + self.other
        total = self.progress.tasks[0].total
        return min(done, int(total)) if total else done

    def refresh(self) -> None:
        """Redraw with the current counts."""
        elapsed = self.progress.tasks[0].elapsed or 0.0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        self.progress.update(self.task, completed=self.done, rate=rate,
                             entities=self.entities, relations=self.relations)  # fmt: skip

    def __enter__(self) -> IngestBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()
