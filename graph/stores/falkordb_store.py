"""FalkorDB through its native client (not the Bolt port, which crashed on large UNWINDs).

A write transaction is a ``MULTI``/``EXEC`` pipeline of ``GRAPH.QUERY`` commands:
the server applies nothing until ``EXEC`` arrives, so a client killed half-way
leaves no trace, and no other client's query runs in between. A write that deletes
is sent outside ``MULTI``/``EXEC`` under a journal instead (``falkordb_journal``).

The first write takes the store's writer lock (``writer_lock``) and holds it until
:meth:`FalkorDBStore.close`, replaying first any journal a killed writer left. No
command is ever retried by the client: a read that timed out is not sent again, and a
write is never sent twice. A store that owns the embedded server restarts it when it
stops answering (:meth:`FalkorDBStore.ping`, and a read that finds it gone).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import redis
import redis.asyncio
from falkordb import FalkorDB

from newsgraph.graph.cypher import CypherLibrary, declares_deletion
from newsgraph.graph.errors import (
    NewsgraphError,
    QueryTimeoutError,
    SchemaError,
    StoreUnavailableError,
)
from newsgraph.graph.stores.base import ColumnResult, QueryResult, Step, StoreInfo
from newsgraph.graph.stores.falkordb_decode import decode_columns
from newsgraph.graph.stores.falkordb_journal import (
    decode_journal,
    encode_journal,
    failed_key,
    journal_key,
)
from newsgraph.graph.stores.falkordb_params import params_header
from newsgraph.graph.stores.falkordb_server import ServerInfo
from newsgraph.graph.stores.falkordb_wire import (
    PartialTransactionError,
    as_text,
    discard,
    no_retry,
    no_retry_async,
    read_reply,
    store_error,
    to_plain,
    transaction_replies,
    write_stats,
)
from newsgraph.graph.stores.snapshots import save_snapshot
from newsgraph.graph.stores.writer_lock import FileWriterLock, KeyWriterLock, WriterLock

__all__ = ["FalkorDBStore"]

T = TypeVar("T")
log = logging.getLogger("newsgraph.store")
_convert = to_plain  # the name the decoder's tests import
_TIMEOUT_GRACE_S = 0.5  # the client gives up this long after the server-side timeout
_RECONNECT_EVERY_S = 0.5  # at most one reconnection attempt per this interval


class FalkorDBStore:
    """A graph in a FalkorDB server, embedded or external."""

    engine = "falkordb"

    def __init__(
        self,
        *,
        graph: str,
        url: str,
        unix_socket: str | None = None,
        host: str = "127.0.0.1",
        port: int = 6379,
        password: str | None = None,
        on_close: Callable[[], None] | None = None,
        persist_snapshots: bool = True,
        revive: Callable[[], ServerInfo] | None = None,
        lock_path: Path | None = None,
        write_lock_timeout_s: float = 60.0,
        after_save: Callable[[], None] | None = None,
    ) -> None:
        self.url = url
        self.graph_name = graph
        self.connect_args: dict[str, Any] = {
            "graph": graph, "url": url, "unix_socket": unix_socket, "host": host, "port": port,
            "password": password, "persist_snapshots": False,
        }  # fmt: skip
        """How another process reaches this graph: ``FalkorDBStore(**connect_args)``. That
        store neither owns the embedded server nor snapshots it (parallel export readers)."""
        self._on_close = on_close
        self._snapshots = persist_snapshots
        self._revive = revive
        self._after_save = after_save
        self._password = password
        self._connect(unix_socket, host, port)
        self._library = CypherLibrary(self.engine)
        self._aio: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, redis.asyncio.Redis] = (
            weakref.WeakKeyDictionary()
        )
        self._lock: WriterLock = (
            FileWriterLock(lock_path, url) if lock_path is not None
            else KeyWriterLock(self._db.connection, f"newsgraph:writer:{graph}", url)
        )  # fmt: skip
        self._lock_timeout_s = write_lock_timeout_s
        self._writing = False
        self._last_reconnect = 0.0
        self._reconnecting = threading.Lock()

    def _connect(self, unix_socket: str | None, host: str, port: int) -> None:
        """Open the client (it connects at once, to ask whether this is a Sentinel)."""
        where: dict[str, Any] = (
            {"unix_socket_path": unix_socket} if unix_socket else {"host": host, "port": port}
        )
        try:
            self._db = FalkorDB(**where, password=self._password, retry=no_retry())
        except (redis.exceptions.RedisError, OSError) as exc:
            raise store_error(exc, self.url) from exc
        self._graph = self._db.select_graph(self.graph_name)

    @property
    def info(self) -> StoreInfo:
        """Engine, URL, library; another process reaches this graph through
        ``connect_args`` (a store that neither owns the embedded server nor snapshots)."""
        reach = {"engine": self.engine, **self.connect_args}
        return StoreInfo(self.engine, self.url, self._library, single_writer=True, reach=reach)

    @property
    def library(self) -> CypherLibrary:
        """The Cypher statements with FalkorDB overrides applied."""
        return self._library

    def _command(self, *args: Any) -> Any:
        try:
            return self._db.connection.execute_command(*args)
        except (redis.exceptions.RedisError, OSError) as exc:
            raise store_error(exc, self.url) from exc

    def _query_args(self, command: str, statement: str, params: Mapping[str, Any] | None) -> list:
        return [command, self.graph_name, params_header(params) + statement, "--compact"]

    def _result(self, reply: list[Any]) -> QueryResult:
        """A compact reply (``[header, rows, stats]`` or ``[stats]``) as a :class:`QueryResult`."""
        for part in (reply[0], reply[-1]):  # run-time errors come inside the reply
            if isinstance(part, redis.exceptions.ResponseError):
                raise store_error(part, self.url)
        header, raw_rows = (reply[0], reply[1]) if len(reply) > 1 else ([], [])
        columns = [as_text(column[1]) for column in header]
        if not raw_rows:
            return QueryResult(columns, [], write_stats(reply[-1]))
        values = decode_columns(raw_rows, self._graph, to_plain)
        return ColumnResult(columns, values, write_stats(reply[-1]))

    def _text_result(self, reply: list[Any]) -> QueryResult:
        """A verbose reply (``[header, rows, stats]``: column names, rows of values as the
        server sent them) as a :class:`ColumnResult`."""
        for part in (reply[0], reply[-1]):
            if isinstance(part, redis.exceptions.ResponseError):
                raise store_error(part, self.url)
        header, rows = (reply[0], reply[1]) if len(reply) > 1 else ([], [])
        columns = [as_text(name) for name in header]
        if not rows:
            return QueryResult(columns, [], write_stats(reply[-1]))
        return ColumnResult(columns, list(zip(*rows, strict=True)), write_stats(reply[-1]))

    def run(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        explain: bool = False,
    ) -> QueryResult:
        """Run one read-only statement (``GRAPH.RO_QUERY``), or plan it (``explain``,
        ``GRAPH.EXPLAIN``). A store found gone raises :class:`StoreUnavailableError` and is
        reconnected (its embedded server restarted) for the calls that follow."""
        try:
            if explain:
                return QueryResult(["plan"], [[line] for line in self._explain(statement, params)])
            return self._result(self._command(*self._read_args(statement, params, timeout_ms)))
        except StoreUnavailableError:
            self._reconnect()
            raise

    def _read_args(
        self,
        statement: str,
        params: Mapping[str, Any] | None,
        timeout_ms: int | None,
        typed: bool = True,
    ) -> list:
        args = self._query_args("GRAPH.RO_QUERY", statement, params)
        if not typed:
            args.remove("--compact")
        if timeout_ms:
            args += ["timeout", int(timeout_ms)]
        return args

    def read_pages(
        self, reads: Iterable[Step], *, timeout_ms: int | None = None, typed: bool = True
    ) -> Generator[QueryResult, None, None]:
        """Each read's result in order. The next read is sent before this one's result is
        handed over, so the server runs it while the caller decodes (on a connection of
        its own held until the reply is read; no thread is involved).

        ``typed=False`` asks for FalkorDB's verbose replies, whose values carry no kind:
        integers, strings and nulls come as they are, and every other value as text
        (floats, booleans, dates; arrays and maps in a form that cannot be read back).
        The client then has nothing to decode: for the 129k relations of the export
        bench's graph, 0.15 s of the client's time against 0.49 s for compact replies
        parsed and decoded. Only for statements whose columns' types the caller knows."""
        pending: deque[Callable[[], Any]] = deque()
        result = self._result if typed else self._text_result
        try:
            for statement, params in reads:
                args = self._read_args(statement, params, timeout_ms, typed)
                pending.append(self._begin([args], read_reply))
                if len(pending) > 1:
                    yield result(pending.popleft()())
            while pending:
                yield result(pending.popleft()())
        finally:  # stopped early: read what is in flight, so no connection keeps a reply
            for finish in pending:
                with contextlib.suppress(NewsgraphError):
                    finish()

    async def run_async(
        self,
        statement: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> QueryResult:
        """:meth:`run` on the running event loop, over an asyncio connection pool: no
        worker thread waits for the server, so request threads never queue for the
        interpreter lock behind each other.

        The server stops the query at ``timeout_ms``; the client waits at most half a
        second longer and never sends it again. A store found gone answers this read
        with :class:`StoreUnavailableError` (the read is not sent again: it may be the
        query that brought the server down) and is reconnected, its embedded server
        restarted, for the reads that follow."""
        args = self._read_args(statement, params, timeout_ms)
        try:
            reply = await self._send_async(args, timeout_ms)
        except StoreUnavailableError:
            await asyncio.to_thread(self._reconnect)
            raise
        return self._result(reply)

    async def _send_async(self, args: list, timeout_ms: int | None) -> Any:
        limit = timeout_ms / 1000 + _TIMEOUT_GRACE_S if timeout_ms else None
        try:
            return await asyncio.wait_for(self._async_client().execute_command(*args), limit)
        except TimeoutError:  # the cancelled command's connection is dropped, not reused
            message = f"query timed out after {timeout_ms} ms on {self.url}"
            raise QueryTimeoutError(message) from None
        except (redis.exceptions.RedisError, OSError) as exc:
            raise store_error(exc, self.url) from exc

    def _async_client(self) -> redis.asyncio.Redis:
        """The asyncio client of the running loop: one per loop, made on first use, since
        asyncio connections belong to the loop that opened them. No socket timeout (the
        query's own timeout bounds each call) and no retries."""
        loop = asyncio.get_running_loop()
        client = self._aio.get(loop)
        if client is None:
            kwargs = self._db.connection.connection_pool.connection_kwargs
            where = ({"unix_socket_path": kwargs["path"]} if "path" in kwargs
                     else {"host": kwargs.get("host"), "port": kwargs.get("port")})  # fmt: skip
            client = self._aio[loop] = redis.asyncio.Redis(
                **where, password=kwargs.get("password"), decode_responses=True,
                socket_timeout=None, retry=no_retry_async(),
            )  # fmt: skip
        return client

    def _reconnect(self) -> bool:
        """Reach the server again after it went away: restart the embedded server when this
        store owns one, open fresh clients; True when it answers. At most one attempt per
        half second, so a dead store is not hammered by every request."""
        with self._reconnecting:
            now = time.monotonic()
            if now - self._last_reconnect < _RECONNECT_EVERY_S:
                return False
            self._last_reconnect = now
            return self._reopen()

    def _reopen(self) -> bool:
        try:
            if self._revive is not None:
                info = self._revive()
                self._connect(info.unix_socket, "127.0.0.1", info.port or 0)
            self._aio = weakref.WeakKeyDictionary()
            return bool(self._db.connection.ping())
        except (NewsgraphError, redis.exceptions.RedisError, OSError):
            return False

    def _close_async(self) -> None:
        """Close the asyncio connections of :meth:`run_async`: on a loop that is not
        running, there and now; on one running in another thread, on it (a second at
        most). Those of a closed loop, or of the loop this is called on, are dropped."""
        clients, self._aio = list(self._aio.items()), weakref.WeakKeyDictionary()
        try:
            current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        for loop, client in clients:
            if loop.is_closed() or loop is current:
                continue
            with contextlib.suppress(redis.exceptions.RedisError, OSError, RuntimeError,
                                     TimeoutError):  # fmt: skip
                if not loop.is_running():
                    loop.run_until_complete(client.aclose())
                else:
                    asyncio.run_coroutine_threadsafe(client.aclose(), loop).result(1.0)

    def write(self, steps: Sequence[Step], *, schema: bool = False) -> list[QueryResult]:
        """Run the steps as one write: one ``MULTI``/``EXEC`` transaction, or, when a step
        deletes, journaled statements outside it (see ``falkordb_journal``). ``schema``:
        each statement as a plain ``GRAPH.QUERY``, without the writer lock."""
        if schema:
            return [self._result(self._command(*self._query_args("GRAPH.QUERY", text, params)))
                    for text, params in steps]  # fmt: skip
        return self._begin_write(steps)()

    def write_batches(
        self, batches: Iterable[Sequence[Step]]
    ) -> Generator[list[QueryResult], None, None]:
        """Each batch as :meth:`write`, its results yielded once committed. While the
        server runs one batch the caller's iterable builds the next, which is encoded
        before the one in flight is waited for; at most one batch is in flight."""
        finish: Callable[[], list[QueryResult]] | None = None
        waiting: list[list[QueryResult]] = []

        def after() -> None:
            nonlocal finish
            if finish is not None:
                done, finish = finish, None
                waiting.append(done())

        try:
            for steps in batches:
                finish = self._begin_write(steps, after=after)
                if waiting:
                    yield waiting.pop()
            if finish is not None:
                done, finish = finish, None
                yield done()
        finally:  # stopped early: read the replies of what is in flight
            if finish is not None:
                with contextlib.suppress(NewsgraphError):
                    finish()

    def _begin_write(
        self, steps: Sequence[Step], after: Callable[[], object] | None = None
    ) -> Callable[[], list[QueryResult]]:
        """Send the steps as one ``MULTI``/``EXEC`` transaction and return the function
        that reads its replies.

        The server runs the transaction while the caller goes on (the ingest writer
        builds its next batch meanwhile), on one connection held until the replies are
        read; no thread is involved, so the caller's Python never competes with a
        reader thread for the interpreter lock. ``after`` (the previous write's
        finish) is called once the parameters are encoded and before anything is sent,
        so the encoding overlaps the previous transaction too. A write that deletes runs
        here, journaled, and the returned function only hands back its results.
        """
        self._hold_writer_lock()
        if any(declares_deletion(text) for text, _ in steps):
            if after is not None:
                after()
            results = self._journaled(steps)
            return lambda: results
        commands = [self._query_args("GRAPH.QUERY", text, params) for text, params in steps]
        if after is not None:
            after()
        if len(commands) == 1:
            finish_one = self._begin(commands, read_reply)
            return lambda: [self._result(finish_one())]
        finish = self._begin(
            [("MULTI",), *commands, ("EXEC",)],
            lambda conn: transaction_replies(conn, len(commands)),
        )

        def finish_all() -> list[QueryResult]:
            try:
                replies = finish()
            except SchemaError as exc:
                if not isinstance(exc.__cause__, PartialTransactionError):
                    raise
                self._command("SET", journal_key(self.graph_name), encode_journal(steps))
                raise SchemaError(
                    f"{exc.message} (FalkorDB cannot roll back a transaction: the write is "
                    "journaled, the next writer replays it, `newsgraph db check` shows it)"
                ) from exc
            return [self._result(reply) for reply in replies]

        return finish_all

    def _hold_writer_lock(self) -> bool:
        """Take the store's writer lock (waiting up to the configured timeout) unless held,
        then replay any write a killed writer left half done. Held until :meth:`close`."""
        if self._writing:
            return True
        self._lock.acquire(self._lock_timeout_s)
        self._writing = True
        try:
            self.recover()
        except BaseException:
            self._writing = False
            self._lock.release()
            raise
        return True

    def _journaled(self, steps: Sequence[Step]) -> list[QueryResult]:
        """Each step as its own ``GRAPH.QUERY``, between storing the whole write under the
        journal key and deleting it."""
        key = journal_key(self.graph_name)
        self._command("SET", key, encode_journal(steps))
        results = []
        for text, params in steps:
            try:
                reply = self._command(*self._query_args("GRAPH.QUERY", text, params))
                results.append(self._result(reply))
            except (SchemaError, QueryTimeoutError):  # replaying it would fail again
                self._command("RENAME", key, failed_key(self.graph_name))
                raise
        self._command("DEL", key)
        return results

    def recover(self) -> int:
        """Replay the journaled write a killed writer (or a restored snapshot) left half
        done; the number of statements replayed (0 when there was none). A write whose
        replay fails on the query itself is moved aside (``pending_writes()["failed"]``,
        ``newsgraph db check``) and logged, so it does not stop every later write."""
        raw = self._command("GET", journal_key(self.graph_name))
        if raw is None:
            return 0
        steps = decode_journal(raw)
        try:
            self._journaled(steps)
        except SchemaError as exc:  # kept under the failed key for `newsgraph db check`
            log.warning("a write left half done on %s fails again: %s", self.url, exc.message)
            return 0
        return len(steps)

    def pending_writes(self) -> dict[str, int]:
        """Statements of a half-done write waiting for replay (``pending``) and of one whose
        replay failed on the query itself (``failed``): ``newsgraph db check``."""
        counts = {}
        for name, key in (("pending", journal_key(self.graph_name)),
                          ("failed", failed_key(self.graph_name))):  # fmt: skip
            raw = self._command("GET", key)
            counts[name] = len(decode_journal(raw)) if raw is not None else 0
        return counts

    def _begin(
        self, commands: Sequence[Sequence[Any]], read: Callable[[Any], T]
    ) -> Callable[[], T]:
        """Send ``commands`` on a connection of the pool and return the function that
        reads their replies with ``read`` and gives the connection back. A connection
        that failed half-way is dropped, never reused with replies left unread."""
        pool = self._db.connection.connection_pool
        conn = pool.get_connection()
        try:
            conn.send_packed_command(conn.pack_commands(commands))
        except BaseException as exc:
            discard(pool, conn)
            if isinstance(exc, (redis.exceptions.RedisError, OSError)):
                raise store_error(exc, self.url) from exc
            raise

        def finish() -> T:
            try:
                replies = read(conn)
            except BaseException as exc:
                discard(pool, conn)
                if isinstance(exc, (redis.exceptions.RedisError, OSError)):
                    raise store_error(exc, self.url) from exc
                raise
            pool.release(conn)
            return replies

        return finish

    def _explain(self, statement: str, params: Mapping[str, Any] | None) -> list[str]:
        """``GRAPH.EXPLAIN``: plan without running; raises :class:`SchemaError` if invalid."""
        query = params_header(params) + statement
        plan = self._command("GRAPH.EXPLAIN", self.graph_name, query)
        if not isinstance(plan, list):  # DDL answers with one string, e.g. "Create Index"
            plan = [plan]
        return [line.decode() if isinstance(line, bytes) else str(line) for line in plan]

    def persist(self, *, wait: bool = False) -> None:
        """Snapshot now: ``BGSAVE``, and with ``wait`` until it is on disk (``save_snapshot``:
        never a blocking ``SAVE``, which races FalkorDB's readers). After a waited snapshot
        the embedded store also shelves a checked copy (``snapshots``)."""
        if not self._snapshots:
            return
        try:
            if wait:
                save_snapshot(self._db.connection)
                if self._after_save is not None:
                    self._after_save()
            else:
                self._db.connection.bgsave()
        except redis.exceptions.ResponseError as exc:
            if wait or "in progress" not in str(exc):  # a running BGSAVE covers a BGSAVE
                raise store_error(exc, self.url) from exc
        except (redis.exceptions.RedisError, OSError) as exc:
            raise store_error(exc, self.url) from exc

    def delete_graph(self) -> None:
        """Drop the whole graph (tests and ``newsgraph db reset``)."""
        with contextlib.suppress(redis.exceptions.ResponseError):
            self._graph.delete()

    def close(self) -> None:
        """Give back the writer lock, close the connection, and release the embedded server
        if this process leased it."""
        if self._writing:
            self._writing = False
            self._lock.release()
        self._close_async()
        with contextlib.suppress(redis.exceptions.RedisError, OSError):
            self._db.connection.close()
        if self._on_close is not None:
            callback, self._on_close = self._on_close, None
            callback()
