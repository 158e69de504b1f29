"""A graph's fingerprint: counts plus one hash of every node and edge with its properties.

Temporary minimal version (the ``shape`` branch brings the real one, same signature):
two stores hold the same graph when their fingerprints are equal. IngestRun records
and ``ingested_at`` (when, not what) are left out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from newsgraph.graph.stores.base import GraphStore

__all__ = ["Fingerprint", "fingerprint"]

_VOLATILE = frozenset({"ingested_at"})


@dataclass(frozen=True)
class Fingerprint:
    """``counts`` (nodes, relationships) and ``digest``, a SHA-256 over the sorted rows."""

    counts: dict[str, int] = field(default_factory=dict)
    digest: str = ""


def _row(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _stable(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in _VOLATILE}


def fingerprint(store: GraphStore) -> Fingerprint:
    """The fingerprint of the store's graph."""
    lib = store.library
    nodes = sorted(
        _row([sorted(r["labels"]), _stable(r["properties"])])
        for r in store.run(lib.get("ingest/dump_nodes").text).records()
    )
    edges = sorted(
        _row([r["source"], r["type"], r["target"], r["properties"]])
        for r in store.run(lib.get("ingest/dump_edges").text).records()
    )
    digest = hashlib.sha256("\n".join(["N", *nodes, "E", *edges]).encode()).hexdigest()
    return Fingerprint({"nodes": len(nodes), "relationships": len(edges)}, digest)
