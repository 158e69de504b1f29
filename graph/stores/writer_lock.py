"""One writer per store: the lock a store takes before its first write and holds until closed.

Two designs, one behaviour (wait up to ``NEWSGRAPH_WRITE_LOCK_TIMEOUT_S``, then refuse
with a message naming the holder):

- :class:`FileWriterLock` for the embedded store: ``flock`` on ``writer.lock`` in the
  data folder. The kernel drops it when the holder dies, however it dies, so there is no
  expiry to tune and a killed run never blocks the next one.
- :class:`KeyWriterLock` for an external FalkorDB: a Redis key ``SET NX PX`` holding the
  owner, refreshed by a heartbeat thread and deleted only by its owner. A holder that
  dies stops refreshing and the key expires after ``ttl_s``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Protocol

import redis

from newsgraph.graph.errors import StoreUnavailableError

__all__ = ["FileWriterLock", "KeyWriterLock", "WriterLock", "owner_info"]

_POLL_S = 0.05
# Delete or refresh the key only while it still names us (compare-and-act in one step).
_RELEASE = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)
_REFRESH = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then "
    "return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
)


class WriterLock(Protocol):
    """A lock one process holds while it writes to a store."""

    def acquire(self, timeout_s: float) -> None:
        """Wait up to ``timeout_s`` for the lock; :class:`StoreUnavailableError` after."""
        ...

    def release(self) -> None:
        """Give the lock back (a no-op when not held)."""
        ...


def owner_info() -> dict[str, Any]:
    """Who holds a lock: host, pid, command line and since when (for the refusal message)."""
    return {"host": socket.gethostname(), "pid": os.getpid(),
            "command": " ".join(sys.argv)[:300], "since": time.time()}  # fmt: skip


def _busy(where: str, holder: dict[str, Any] | None, waited: float) -> StoreUnavailableError:
    who = "another process"
    if holder:
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(float(holder.get("since", 0))))
        who = (f"pid {holder.get('pid')} on {holder.get('host')} "
               f"(`{holder.get('command', '?')}`, since {since} UTC)")  # fmt: skip
    return StoreUnavailableError(
        f"{where} is being written by {who}; waited {waited:.1f}s "
        "(NEWSGRAPH_WRITE_LOCK_TIMEOUT_S). Only one writer at a time: try again when it "
        "has finished.",
        holder=holder,
    )


class FileWriterLock:
    """``flock`` on a file of the embedded store's data folder."""

    def __init__(self, path: Path, where: str) -> None:
        self.path = path
        self.where = where
        self._handle: Any = None

    def acquire(self, timeout_s: float) -> None:
        """Take the lock, waiting up to ``timeout_s``."""
        if self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 (held open while the lock is held)
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise _busy(self.where, self._holder(), timeout_s) from None
                time.sleep(_POLL_S)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(owner_info()))
        handle.flush()
        self._handle = handle

    def _holder(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.path.read_text() or "null")
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def release(self) -> None:
        """Unlock and close the file (the owner text stays, for the next message)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


class KeyWriterLock:
    """A Redis key with an owner and an expiry, kept alive by a heartbeat thread."""

    def __init__(self, client: redis.Redis, key: str, where: str, ttl_s: float = 30.0) -> None:
        self.client = client
        self.key = key
        self.where = where
        self.ttl_ms = int(ttl_s * 1000)
        self._token: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self, timeout_s: float) -> None:
        """Take the lock, waiting up to ``timeout_s``."""
        if self._token is not None:
            return
        token = json.dumps(owner_info() | {"token": uuid.uuid4().hex})
        deadline = time.monotonic() + timeout_s
        while not self.client.set(self.key, token, nx=True, px=self.ttl_ms):
            if time.monotonic() >= deadline:
                raise _busy(self.where, self._holder(), timeout_s)
            time.sleep(_POLL_S)
        self._token = token
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name="writer-lock", daemon=True)
        self._thread.start()

    def _holder(self) -> dict[str, Any] | None:
        with contextlib.suppress(redis.exceptions.RedisError, ValueError, TypeError):
            value = json.loads(self.client.get(self.key) or "null")
            return value if isinstance(value, dict) else None
        return None

    def _beat(self) -> None:
        while not self._stop.wait(self.ttl_ms / 3000):
            with contextlib.suppress(redis.exceptions.RedisError, OSError):
                self.client.eval(_REFRESH, 1, self.key, self._token or "", self.ttl_ms)

    def release(self) -> None:
        """Stop the heartbeat and delete the key if it still names this holder."""
        token, self._token = self._token, None
        if token is None:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        with contextlib.suppress(redis.exceptions.RedisError, OSError):
            self.client.eval(_RELEASE, 1, self.key, token)
