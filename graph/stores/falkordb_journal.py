"""Writes that delete, sent outside ``MULTI``/``EXEC`` under a journal of the whole write.

FalkorDB crashed (SIGSEGV, once with a snapshot that could never be loaded again) during
``forget`` batches (deletions inside ``MULTI``/``EXEC``) under concurrent clients.
Upstream FalkorDB issue #502 names the pattern: edges deleted inside ``MULTI``/``EXEC``
while another client deletes the same edges outside it. That pattern crashes the embedded
engine (4.16.3) within seconds, and the same race with both deletions outside
``MULTI``/``EXEC`` runs clean (``tests/test_stress_delete_race.py``). So a write whose
statements delete anything (the
``deletes`` header of its ``.cypher`` file, else a ``DELETE`` clause in its text; see
:func:`graph.cypher.declares_deletion`) is sent as plain ``GRAPH.QUERY`` commands, one
per statement, each atomic on its own and run under the graph's write lock like any
other write.

Such a write is no longer one transaction, so it is journaled: before the first
statement the whole write (statements and parameters) is stored under one Redis key of
the same server, and the key is deleted after the last. The key is in every snapshot
taken meanwhile, so whatever stops the write (a killed client, a killed server, a
snapshot restored), the next writer finds the journal and replays the write from its
first statement (:meth:`FalkorDBStore.recover`). That is safe because every write
statement is idempotent: retractions and deletions find nothing the second time, and
merges are set-like.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from newsgraph.graph.stores.base import Step

__all__ = ["decode_journal", "encode_journal", "failed_key", "journal_key"]


def journal_key(graph: str) -> str:
    """The key holding the write in progress on ``graph``."""
    return f"newsgraph:journal:{graph}"


def failed_key(graph: str) -> str:
    """Where a journal goes when replaying it fails on the query itself (kept for
    ``newsgraph db check``; replaying it again would fail the same way)."""
    return f"newsgraph:journal-failed:{graph}"


def encode_journal(steps: Sequence[Step]) -> bytes:
    """The steps as one JSON value."""
    return orjson.dumps([[text, dict(params)] for text, params in steps])


def decode_journal(raw: Any) -> list[Step]:
    """The steps of a stored journal."""
    return [(str(text), dict(params)) for text, params in orjson.loads(raw)]
