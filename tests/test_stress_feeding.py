"""Issue 18, item 5: with ``workers > 1`` the extraction pool is fed on demand.

``Pool.imap``'s feeder thread used to drain the whole input (a large JSONL feed, already
streamed line by line) into memory ahead of the workers. Now at most two chunks per
worker are in flight.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsgraph.graph.model import Document
from newsgraph.graph.settings import Settings
from newsgraph.ingest.extract import _CHUNK, Extractor

pytestmark = pytest.mark.stress


def test_the_pool_does_not_drain_the_input() -> None:
    pulled = 0

    def documents() -> Iterator[Document]:
        nonlocal pulled
        for n in range(2000):
            pulled += 1
            yield Document(text=f"Acme met Globex in Paris on day {n}.", id=f"d{n}")

    workers = 2
    results = Extractor(Settings()).extract(documents(), workers=workers)
    first = next(results)
    assert first.document.id == "d0"  # type: ignore[union-attr]
    assert pulled <= (2 * workers + 1) * _CHUNK
    results.close()  # type: ignore[attr-defined]
