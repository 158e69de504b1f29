"""Idempotent schema set-up: indexes, constraints and full-text indexes.

The DDL is engine-specific, so each engine has its own files under
``cypher/schema/<engine>/``, run in name order. Re-running is harmless: Neo4j's
files say ``IF NOT EXISTS``; FalkorDB has no such clause, so its "already
indexed" answers are expected and ignored.
"""

from __future__ import annotations

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.stores.base import GraphStore

__all__ = ["ensure_schema"]

_ALREADY = ("already indexed", "already exists", "equivalent")


def ensure_schema(store: GraphStore) -> list[str]:
    """Apply every schema file for the store's engine; return the names applied anew."""
    applied: list[str] = []
    for name in store.library.names(f"schema/{store.engine}"):
        statement = store.library.get(name)
        try:
            store.run_ddl(statement.text)
        except SchemaError as exc:
            if any(marker in exc.message.lower() for marker in _ALREADY):
                continue
            raise SchemaError(f"{statement.path}: {exc.message}") from exc
        applied.append(name)
    return applied
