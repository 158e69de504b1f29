"""The ingest progress bar counts documents as they are extracted, against a total."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from rich.console import Console

from newsgraph.cli.progress import CountingExtractor, IngestBar, count_inputs
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.jobs import IngestOptions, IngestProgress, run_ingest

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def test_count_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Two.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n')
    (tmp_path / "d.png").write_bytes(b"\x89PNG")
    assert count_inputs([tmp_path]) == 5
    assert count_inputs([tmp_path / "a.txt", tmp_path / "c.jsonl"]) == 4


class Recording(IngestBar):
    """The bar, remembering what it showed and when the job reported."""

    def __init__(self, console: Console, total: int) -> None:
        self.shown: list[int] = []
        self.reports: list[int] = []
        super().__init__(console, total)

    def refresh(self) -> None:
        super().refresh()
        self.shown.append(self.done)

    def __call__(self, state: IngestProgress) -> None:
        self.reports.append(len(self.shown))
        super().__call__(state)


def _ingest(store: GraphStore, folder: Path) -> Recording:
    from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor

    console = Console(file=io.StringIO(), force_terminal=True, width=160)
    options = IngestOptions(paths=(str(folder),), batch_size=200,
                            extractor_version=EXTRACTOR_VERSION)  # fmt: skip
    with Recording(console, count_inputs([folder])) as bar:
        run_ingest(store, CountingExtractor(Extractor(Settings()), bar), options, bar)
    return bar


def test_bar_moves_per_document_before_the_batch_commits(
    falkordb_store: GraphStore, tmp_path: Path
) -> None:
    for name in ("acme_talks.txt", "chip_curbs.md", "officials.txt", "satellites.html"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    first = _ingest(falkordb_store, tmp_path)
    before_commit = first.shown[: first.reports[-1]]
    assert before_commit[:4] == [1, 2, 3, 4], first.shown  # one step per document
    assert first.done == 4 and first.progress.tasks[0].total == 4
    assert first.entities > 0
    again = _ingest(falkordb_store, tmp_path)  # all unchanged: skips move the bar
    assert again.shown == [1, 2, 3, 4] and again.extracted == 0
