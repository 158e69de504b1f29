"""The document ids one ingest run has read, with their content hashes, kept off the heap.

A run refuses a second copy of an id with different text, so it must remember every id
it has read. A dict of them grows with the input (about 250 bytes a document, some
150 MB for a 1 GB JSONL feed); :class:`SeenIds` keeps them in a private temporary
SQLite database instead, whose page cache is bounded (a few MB) and whose file SQLite
deletes when it is closed. Lookups go a chunk of ids at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["SeenIds"]

_CHUNK = 500  # ids per lookup: under SQLite's limit on bound parameters


class SeenIds:
    """Ids with their content hashes: :meth:`add` them, :meth:`lookup` them in chunks."""

    def __init__(self) -> None:
        # "" is a private on-disk database, deleted on close; the cache is 2 MB
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute("PRAGMA cache_size = -2000")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, hash TEXT) WITHOUT ROWID")

    def lookup(self, ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each of ``ids`` added before."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), _CHUNK):
            part = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(part))
            rows = self._db.execute(f"SELECT id, hash FROM seen WHERE id IN ({marks})", part)
            found.update(rows.fetchall())
        return found

    def add(self, hashes: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        """Remember ids with their hashes (an id added again keeps its first hash)."""
        items = hashes.items() if isinstance(hashes, Mapping) else hashes
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", items)

    def close(self) -> None:
        """Drop the database (SQLite deletes its file)."""
        self._db.close()
