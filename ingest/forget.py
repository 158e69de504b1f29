"""``newsgraph forget``: retract documents and everything only they contributed."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.stores.base import GraphStore
from newsgraph.ingest.jobs import stored_documents
from newsgraph.ingest.writer import GraphWriter

__all__ = ["forget_documents"]


def forget_documents(store: GraphStore, doc_ids: Sequence[str]) -> list[str]:
    """Remove the documents in one transaction; return their ids.

    Their evidence leaves every edge, edges with no other source go, and so do entities
    no other document mentions. Unknown ids are a :class:`BadInputError` and nothing is
    removed.
    """
    ids = sorted(set(doc_ids))
    stored = stored_documents(store, ids)
    unknown = [doc_id for doc_id in ids if doc_id not in stored]
    if unknown:
        raise BadInputError(
            f"no stored document with id {', '.join(repr(i) for i in unknown)}; nothing was "
            "forgotten",
            unknown=unknown,
        )
    GraphWriter(store).forget({doc_id: stored[doc_id]["entities"] or [] for doc_id in ids})
    store.persist(wait=True)
    return ids
