"""Idempotent schema set-up and data migrations.

The DDL is engine-specific, so each engine has its own files under
``cypher/schema/<engine>/``, run in name order. Re-running is harmless: Neo4j's
files say ``IF NOT EXISTS``; FalkorDB has no such clause, so its "already
indexed" answers are expected and ignored.

:func:`migrate_store` brings a store written before evidence records (every source of
a relation in lists on the edge, entity summaries recomputed from mentions) to the
shape of ``docs/graph-shape.md``: one Evidence record per edge and document, bounded
edge samples, per-alias counts. A store whose edges still copy their sample's sentences
(``ev_*`` lists, ``source_counts``) loses those copies (the records keep them). It is
set-like and cheap to call when there is nothing to do (one look-up that stops at the
first old-shape edge, but reads every entity-to-entity edge of a store that has none),
so :func:`ensure_schema` runs it.

:func:`migrate_dates` turns dates kept as ISO text (stores written before dates were
Cypher ``date`` values) into dates: Document ``published``, Entity and relation
``first_seen``/``last_seen``, relation ``source_dates``, MENTIONS and Evidence ``date``.
It is set-like too, and finding nothing to do costs four look-ups.
"""

from __future__ import annotations

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.stores.base import GraphStore

__all__ = ["EDGE_SAMPLE", "ensure_schema", "migrate_dates", "migrate_store"]

_ALREADY = ("already indexed", "already exists", "equivalent")
EDGE_SAMPLE = 20
"""How many source documents an edge keeps in its ``sources``/``source_dates`` lists (the
newest); every source's evidence is in its Evidence record."""


def ensure_schema(store: GraphStore, *, migrate: bool = True) -> list[str]:
    """Apply every schema file for the store's engine, then (``migrate``)
    :func:`migrate_store`; return the names applied anew. ``copy`` passes
    ``migrate=False``: its target holds whatever shape the source has."""
    applied: list[str] = []
    for name in store.info.library.names(f"schema/{store.info.engine}"):
        statement = store.info.library.get(name)
        try:
            store.write([(statement.text, {})], schema=True)
        except SchemaError as exc:
            if any(marker in exc.message.lower() for marker in _ALREADY):
                continue
            raise SchemaError(f"{statement.path}: {exc.message}") from exc
        applied.append(name)
    if migrate and migrate_store(store):
        applied.append("admin/migrate_evidence")
    if migrate and migrate_dates(store):
        applied.append("admin/migrate_dates")
    return applied


def migrate_store(store: GraphStore) -> bool:
    """Move relations kept in an older shape to the current one, in one transaction;
    return whether there was anything to migrate."""
    lib = store.info.library
    shape = store.run(lib.get("admin/legacy_shape").text).scalar()
    if shape is None:
        return False
    steps = []
    if shape == "lists":
        steps = [
            (lib.get("admin/migrate_entities").text, {}),
            (lib.get("admin/migrate_evidence").text, {}),
            (lib.get("admin/migrate_edges").text, {"sample": EDGE_SAMPLE}),
        ]
    steps.append((lib.get("admin/drop_edge_evidence").text, {}))
    store.write(steps)
    return True


_DATE_STEPS = ("document", "entity", "mention", "evidence", "edge")


def migrate_dates(store: GraphStore) -> bool:
    """Turn dates stored as ISO text into Cypher dates, in one transaction; return whether
    there was anything to convert. Free-text ``published`` values become null."""
    lib = store.info.library
    if store.run(lib.get("admin/string_dates").text).scalar() is not True:
        return False
    store.write([(lib.get(f"admin/migrate_{kind}_dates").text, {}) for kind in _DATE_STEPS])
    return True
