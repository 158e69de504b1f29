"""FalkorDB's wire, below the store: client settings, reply decoding, error mapping."""

from __future__ import annotations

from typing import Any

import redis
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FPath
from redis.backoff import NoBackoff

from newsgraph.graph.errors import (
    NewsgraphError,
    QueryTimeoutError,
    SchemaError,
    StoreUnavailableError,
)
from newsgraph.graph.stores.base import WRITE_COUNTERS, node_value, plain, relationship_value

__all__ = [
    "PartialTransactionError",
    "as_text",
    "discard",
    "no_retry",
    "no_retry_async",
    "read_reply",
    "store_error",
    "to_plain",
    "transaction_replies",
    "write_stats",
]

_STAT_NAMES = {"indices_created": "indexes_added"}  # FalkorDB's name -> ours


def no_retry() -> redis.retry.Retry:
    """Never resend a command: a read that timed out would run again (and again), and a
    write could be applied twice."""
    return redis.retry.Retry(NoBackoff(), 0)


def no_retry_async() -> Any:
    import redis.asyncio.retry

    return redis.asyncio.retry.Retry(NoBackoff(), 0)


def to_plain(value: Any) -> Any:
    if isinstance(value, Node):
        return node_value(str(value.id), value.labels or [], value.properties)
    if isinstance(value, Edge):
        return relationship_value(
            str(value.id), value.relation, str(_node_id(value.src_node)),
            str(_node_id(value.dest_node)), value.properties,
        )  # fmt: skip
    if isinstance(value, FPath):
        return {
            "nodes": [to_plain(n) for n in value.nodes()],
            "relationships": [to_plain(e) for e in value.edges()],
        }
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return plain(value)


def as_text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def write_stats(lines: Any) -> dict[str, int]:
    """``["Nodes created: 1", ...]`` as ``{"nodes_created": 1, ...}`` (every counter present)."""
    stats = dict.fromkeys(WRITE_COUNTERS, 0)
    for line in lines if isinstance(lines, list) else []:
        name, _, value = as_text(line).partition(": ")
        key = name.strip().lower().replace(" ", "_")
        key = _STAT_NAMES.get(key, key)
        if key in stats:
            stats[key] = int(float(value.split()[0]))
    return stats


def _node_id(node: Any) -> Any:
    return node.id if isinstance(node, Node) else node


def store_error(exc: Exception, where: str) -> NewsgraphError:
    text = str(exc)
    if "timed out" in text.lower():
        return QueryTimeoutError(f"query timed out on {where}")
    if isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError | OSError):
        return StoreUnavailableError(
            f"FalkorDB at {where} (NEWSGRAPH_GRAPH_URL) is unreachable: {text}", url=where
        )
    if "empty key" in text:
        return SchemaError(
            f"graph at {where} does not exist yet: nothing was ingested there (run `newsgraph "
            "ingest PATH` or `newsgraph demo`, or name the store that holds your graph with "
            "--data-dir / NEWSGRAPH_DATA_DIR or open_store(data_dir=...))"
        )
    return SchemaError(f"FalkorDB rejected the query: {text}")


def discard(pool: Any, conn: Any) -> None:
    """Drop a connection whose replies may still be unread, so it is never reused."""
    conn.disconnect()
    pool.release(conn)


def read_reply(conn: Any) -> Any:
    """The reply of the one command sent on ``conn``."""
    return conn.read_response()


def transaction_replies(conn: Any, queued: int) -> list[Any]:
    """Read the replies of ``MULTI``, ``queued`` commands and ``EXEC``; raise the first
    error (a command refused when queued aborts the whole transaction)."""
    conn.read_response()  # +OK for MULTI
    refused: list[redis.exceptions.ResponseError] = []
    for _ in range(queued):
        try:
            conn.read_response()  # +QUEUED
        except redis.exceptions.ResponseError as exc:
            refused.append(exc)
    try:
        replies = conn.read_response()
    except redis.exceptions.ExecAbortError as exc:
        raise (refused[0] if refused else exc) from None
    if refused:
        raise refused[0]
    for number, reply in enumerate(replies, 1):
        if isinstance(reply, redis.exceptions.ResponseError):
            raise PartialTransactionError(
                f"statement {number} of {queued} failed: {reply}; the others were applied"
            )
    return list(replies)


class PartialTransactionError(redis.exceptions.ResponseError):
    """A statement failed inside ``EXEC``: Redis ran the others, and nothing rolls back."""
