"""A graph's fingerprint: counts per label and relationship type plus one hash of the data.

Two stores hold the same graph exactly when their fingerprints are equal. Tests use it to
say "equal to a clean ingest": after a replayed batch, two racing writers, a crash and a
rerun, or a ``forget``.

The digest covers every node but ``IngestRun`` records (which differ by run) with its
labels and properties, and every relationship with its end ids, type and properties
(sources, evidence, aggregates): each one serialised as canonical JSON, sorted, hashed
with SHA-256. Properties that record *when* something was written (``ingested_at``) are
left out, so two ingests of the same documents at different times compare equal.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.graph.stores.base import GraphStore

__all__ = ["VOLATILE", "Fingerprint", "fingerprint", "graph_rows"]

VOLATILE = frozenset({"ingested_at"})
"""Properties left out of the digest: they say when, not what."""


@dataclass(frozen=True)
class Fingerprint:
    """``counts``: ``nodes``, ``relationships``, then ``label:<L>`` and ``type:<T>`` per
    label and relationship type; ``digest``: hex SHA-256 over the sorted rows."""

    counts: dict[str, int] = field(default_factory=dict)
    digest: str = ""


def graph_rows(store: GraphStore) -> tuple[list[str], list[str]]:
    """The canonical JSON rows of every node and relationship, each list sorted."""
    lib = store.info.library
    nodes = sorted(
        _canonical([sorted(r["labels"]), _clean(r["properties"])])
        for r in store.run(lib.get("ingest/dump_nodes").text).records()
    )
    edges = sorted(
        _canonical([r["source"], r["type"], r["target"], _clean(r["properties"])])
        for r in store.run(lib.get("ingest/dump_edges").text).records()
    )
    return nodes, edges


def fingerprint(store: GraphStore) -> Fingerprint:
    """The fingerprint of the store's graph (IngestRun records left out)."""
    nodes, edges = graph_rows(store)
    counts: Counter[str] = Counter({"nodes": len(nodes), "relationships": len(edges)})
    digest = hashlib.sha256()
    for row in nodes:
        for label in json.loads(row)[0]:
            counts[f"label:{label}"] += 1
        digest.update(b"N" + row.encode() + b"\n")
    for row in edges:
        counts[f"type:{json.loads(row)[1]}"] += 1
        digest.update(b"E" + row.encode() + b"\n")
    return Fingerprint(dict(sorted(counts.items())), digest.hexdigest())


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in VOLATILE}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
