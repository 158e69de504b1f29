"""Neo4j 5 through the official driver: read and write transactions with retries.

``execute_read``/``execute_write`` retry transient errors (leader switches,
deadlocks) themselves; saved queries run in READ access mode, so a cluster
routes them to readers and the server refuses any write inside them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Generator, Iterable, Mapping, Sequence
from typing import Any

import anyio.to_thread
import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from newsgraph.graph.cypher import CypherLibrary
from newsgraph.graph.errors import (
    NewsgraphError,
    QueryTimeoutError,
    SchemaError,
    StoreUnavailableError,
)
from newsgraph.graph.stores.base import (
    WRITE_COUNTERS,
    QueryResult,
    Step,
    StoreInfo,
    node_value,
    plain,
    relationship_value,
)

__all__ = ["Neo4jStore"]


def _convert(value: Any) -> Any:
    if isinstance(value, Node):
        return node_value(value.element_id, list(value.labels), dict(value.items()))
    if isinstance(value, Relationship):
        start = value.start_node.element_id if value.start_node is not None else ""
        end = value.end_node.element_id if value.end_node is not None else ""
        return relationship_value(value.element_id, value.type, start, end, dict(value.items()))
    if isinstance(value, Path):
        return {
            "nodes": [_convert(n) for n in value.nodes],
            "relationships": [_convert(r) for r in value.relationships],
        }
    if isinstance(value, list):  # strings shared, as labels and document ids repeat
        return [sys.intern(v) if type(v) is str else _convert(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _convert(v) for k, v in value.items()}
    return plain(value)


def _error(exc: Exception, url: str) -> NewsgraphError:
    if isinstance(exc, ServiceUnavailable | SessionExpired | AuthError | OSError):
        return StoreUnavailableError(f"Neo4j at {url} is unavailable: {exc}")
    code = getattr(exc, "code", "") or ""
    if "TransactionTimedOut" in code:
        return QueryTimeoutError(f"query timed out on {url}")
    return SchemaError(f"Neo4j rejected the query: {getattr(exc, 'message', None) or exc}")


def _collect(result: neo4j.Result) -> QueryResult:
    columns = list(result.keys())
    rows = [[_convert(v) for v in record.values()] for record in result]
    counters = result.consume().counters
    return QueryResult(columns, rows, {k: int(getattr(counters, k, 0)) for k in WRITE_COUNTERS})


class Neo4jStore:
    """A Neo4j 5 database (single instance, cluster or Aura)."""

    engine = "neo4j"

    def __init__(self, url: str, *, user: str, password: str, database: str) -> None:
        self.url = url
        self.database = database
        try:
            self._driver = GraphDatabase.driver(url, auth=(user, password) if password else None)
        except (ValueError, Neo4jError) as exc:
            raise StoreUnavailableError(f"bad Neo4j URL {url!r}: {exc}") from exc
        self._library = CypherLibrary(self.engine)
        self._info = StoreInfo(self.engine, url, self._library, single_writer=False)

    @property
    def info(self) -> StoreInfo:
        """Engine, URL, library. No writer lock on Neo4j yet: each write is one real
        transaction, but two concurrent ingests are not kept apart (README, Durability);
        no export workers (``reach``)."""
        return self._info

    @property
    def library(self) -> CypherLibrary:
        """The Cypher statements with Neo4j overrides applied."""
        return self._library

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=mode)

    def run(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        explain: bool = False,
    ) -> QueryResult:
        """Run one statement in a READ transaction with an optional timeout, or plan it
        (``explain``, the ``EXPLAIN`` prefix: Neo4j does not run it)."""
        if explain:
            return QueryResult(["plan"], [[line] for line in self._explain(statement, params)])

        @neo4j.unit_of_work(timeout=timeout_ms / 1000 if timeout_ms else None)
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            return _collect(tx.run(statement, dict(params or {})))

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except (Neo4jError, ServiceUnavailable, SessionExpired, OSError) as exc:
            raise _error(exc, self.url) from exc

    def read_pages(
        self, reads: Iterable[Step], *, timeout_ms: int | None = None, typed: bool = True
    ) -> Generator[QueryResult, None, None]:
        """Each read in turn (the driver's transaction functions are synchronous); the
        driver's values are typed whatever ``typed`` says."""
        for statement, params in reads:
            yield self.run(statement, params, timeout_ms=timeout_ms)

    def write(self, steps: Sequence[Step], *, schema: bool = False) -> list[QueryResult]:
        """Run the steps in one WRITE transaction (retried as a whole on transient errors);
        ``schema`` statements each in an auto-commit transaction (Neo4j refuses DDL in
        others)."""
        if schema:
            return [self._ddl(text, params) for text, params in steps]

        def work(tx: neo4j.ManagedTransaction) -> list[QueryResult]:
            return [_collect(tx.run(text, dict(params))) for text, params in steps]

        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                return session.execute_write(work)
        except (Neo4jError, ServiceUnavailable, SessionExpired, OSError) as exc:
            raise _error(exc, self.url) from exc

    async def run_async(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        """:meth:`run` in a worker thread (the synchronous driver blocks)."""
        run = functools.partial(self.run, statement, params, timeout_ms=timeout_ms)
        return await anyio.to_thread.run_sync(run)

    def write_batches(
        self, batches: Iterable[Sequence[Step]]
    ) -> Generator[list[QueryResult], None, None]:
        """Each batch as :meth:`write`, in turn (the driver is synchronous)."""
        for steps in batches:
            yield self.write(steps)

    def _ddl(self, statement: str, params: Mapping[str, Any]) -> QueryResult:
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.run(statement, dict(params)).consume()
                return QueryResult()
        except (Neo4jError, ServiceUnavailable, SessionExpired, OSError) as exc:
            raise _error(exc, self.url) from exc

    def _explain(self, statement: str, params: Mapping[str, Any] | None) -> list[str]:
        """Plan a statement with the ``EXPLAIN`` prefix (Neo4j does not run it)."""
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                summary = session.run("EXPLAIN " + statement, dict(params or {})).consume()
        except (ClientError, ServiceUnavailable, SessionExpired, OSError) as exc:
            raise _error(exc, self.url) from exc
        return [str(summary.plan)] if summary.plan else []

    def persist(self, *, wait: bool = False) -> None:
        """Neo4j commits are durable already."""

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()
