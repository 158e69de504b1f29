"""The embedded FalkorDB's life cycle: start, share, persist, stop, recover."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.graph.errors import SchemaError, StoreUnavailableError
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import (
    EmbeddedServer,
    FalkorDBStore,
    SnapshotShelf,
    check_snapshot,
    explain,
    open_store,
)
from newsgraph.graph.stores.falkordb_journal import encode_journal, journal_key

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
OPEN_AND_REPORT = """
import json, sys, time
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import open_store, EmbeddedServer
settings = Settings(data_dir=sys.argv[1])
store = open_store(settings)
info = EmbeddedServer(settings.data_dir).status()
print(json.dumps({"pid": info.pid}), flush=True)
time.sleep(float(sys.argv[2]))
store.close()
"""


def newsgraph(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI."""
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [NEWSGRAPH, *prefix, *args], capture_output=True, text=True, timeout=120
    )


def _count(settings: Settings) -> int:
    store = open_store(settings)
    try:
        return int(store.run("MATCH (n:Entity) RETURN count(n)").scalar())
    finally:
        store.close()


def _write_entities(settings: Settings, n: int) -> None:
    store = open_store(settings)
    try:
        ensure_schema(store)
        rows = [{"id": f"company:c{i}", "name": f"C{i}"} for i in range(n)]
        store.write([("UNWIND $rows AS r MERGE (e:Entity {id: r.id}) SET e.name = r.name",
                      {"rows": rows})])  # fmt: skip
    finally:
        store.close()


def test_data_survives_db_stop_and_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert newsgraph("db", "start", data_dir=data).returncode == 0
    settings = Settings(data_dir=data)
    _write_entities(settings, 50)
    assert EmbeddedServer(data).status() is not None  # pinned: still up after close
    stop = newsgraph("db", "stop", data_dir=data)
    assert stop.returncode == 0 and "stopped" in stop.stdout
    assert EmbeddedServer(data).status() is None
    assert (data / "graph.rdb").stat().st_size > 0
    assert newsgraph("db", "start", data_dir=data).returncode == 0
    assert _count(settings) == 50
    status = json.loads(newsgraph("status", "--json", data_dir=data).stdout)
    assert status["ready"] is True and status["entities"] == 50
    newsgraph("db", "stop", data_dir=data)


def test_unpinned_server_stops_with_its_last_user_and_keeps_data(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    _write_entities(settings, 7)
    assert EmbeddedServer(settings.data_dir).status() is None
    assert _count(settings) == 7


def test_indexes_survive_a_restart(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    _write_entities(settings, 2000)
    store = open_store(settings)
    try:
        plan = "\n".join(explain(store, "MATCH (e:Entity {id: $id}) RETURN e", {"id": "x"}))
    finally:
        store.close()
    assert "Index Scan" in plan


def test_two_processes_share_one_server(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    cmd = [sys.executable, "-c", OPEN_AND_REPORT, data]
    first = subprocess.Popen([*cmd, "3"], stdout=subprocess.PIPE, text=True)
    second = subprocess.Popen([*cmd, "0.5"], stdout=subprocess.PIPE, text=True)
    pids = {json.loads(p.stdout.readline())["pid"] for p in (first, second) if p.stdout}
    assert len(pids) == 1
    assert second.wait(30) == 0
    assert EmbeddedServer(Path(data)).status() is not None  # the first still holds a lease
    assert first.wait(30) == 0
    assert EmbeddedServer(Path(data)).status() is None


def test_stale_pid_and_socket_are_recovered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_entities(Settings(data_dir=data), 3)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (data / "server.json").write_text(
        json.dumps({"pid": dead.pid, "unix_socket": str(data / "falkordb.sock")})
    )
    (data / "falkordb.sock").write_text("stale")
    (data / "leases" / str(dead.pid)).touch()
    assert _count(Settings(data_dir=data)) == 3


def test_server_killed_hard_is_restarted_from_its_last_snapshot(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = EmbeddedServer(data)
    info = server.start(pin=True)
    _write_entities(Settings(data_dir=data), 5)
    info.client().save()
    os.kill(info.pid, 9)
    time.sleep(0.2)
    assert _count(Settings(data_dir=data)) == 5
    server.stop()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("scheme", ["falkordb", "bolt"])
def test_unreachable_graph_url_is_a_clear_error(scheme: str) -> None:
    url = f"{scheme}://127.0.0.1:{_closed_port()}"
    result = subprocess.run(
        [NEWSGRAPH, "--graph-url", url, "status"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 5
    assert url in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_scheme_names_the_setting() -> None:
    result = subprocess.run(
        [NEWSGRAPH, "--graph-url", "ftp://nowhere", "status"], capture_output=True, text=True
    )
    assert result.returncode == 5
    assert "NEWSGRAPH_GRAPH_URL" in result.stdout and "Traceback" not in result.stderr


def test_blocking_persist_waits_for_a_running_background_save(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    server = EmbeddedServer(settings.data_dir)
    info = server.start(pin=True)  # pinned: closing the store does not save and stop it
    _write_entities(settings, 20)
    store = open_store(settings)
    try:
        store.write([("UNWIND range(1, 200000) AS i CREATE (:Filler {i: i, s: 'padding'})", {})])
        store.persist()  # BGSAVE, still running when the next calls arrive
        store.write([("CREATE (:Entity {id: 'company:last'})", {})])
        store.persist(wait=True)
    finally:
        store.close()
    os.kill(info.pid, 9)  # no shutdown save: only the snapshot counts
    time.sleep(0.2)
    assert _count(settings) == 21
    server.stop()


def test_a_process_that_never_closes_its_store_still_releases_the_server(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = (
        "import sys\nfrom graph.settings import Settings\nfrom graph.stores import open_store\n"
        "open_store(Settings(data_dir=sys.argv[1]))\n"  # no close()
    )
    subprocess.run([sys.executable, "-c", script, str(data)], check=True, timeout=60)
    assert EmbeddedServer(data).status() is None


def test_blocking_saves_keep_checked_rotated_snapshots(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", snapshots_kept=2)
    store = open_store(settings)
    try:
        ensure_schema(store)
        for n in range(3):
            store.write([("CREATE (:Entity {id: $id})", {"id": f"company:s{n}"})])
            store.persist(wait=True)
    finally:
        store.close()
    kept = SnapshotShelf(settings.data_dir).snapshots()
    assert len(kept) == 2
    assert [check_snapshot(p).graphs for p in kept] == [{"newsgraph": 3}, {"newsgraph": 2}]


def test_a_snapshot_that_does_not_load_is_found_and_the_last_good_one_restored(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    _write_entities(Settings(data_dir=data), 12)
    store = open_store(Settings(data_dir=data))
    store.persist(wait=True)  # a checked snapshot of the 12 entities
    store.close()
    rdb = data / "graph.rdb"
    good = rdb.read_bytes()
    rdb.write_bytes(good[:40] + b"\xff" * 64 + good[104:])  # corrupted on disk
    assert not check_snapshot(rdb).ok
    check = newsgraph("db", "check", "--json", data_dir=data)
    report = json.loads(check.stdout)
    assert check.returncode == 5 and report["healthy"] is False
    assert report["current"]["ok"] is False and report["snapshots"][0]["ok"] is True
    start = newsgraph("status", data_dir=data)
    assert start.returncode == 5 and "db restore" in start.stdout + start.stderr
    restore = newsgraph("db", "restore", "--yes", data_dir=data)
    assert restore.returncode == 0, restore.stderr
    assert _count(Settings(data_dir=data)) == 12
    assert list(data.glob("graph.rdb.replaced-*"))


def test_a_write_left_half_done_is_replayed_by_the_next_writer(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    _write_entities(settings, 4)
    store = open_store(settings)
    try:
        steps = [("MATCH (e:Entity {id: 'company:c0'}) DETACH DELETE e", {}),
                 ("MERGE (e:Entity {id: $id}) SET e.name = 'Replayed'", {"id": "company:r"})]
        # as a writer killed after its first statement leaves it: applied, journal still set
        store.write([(steps[0][0], {})], schema=True)  # outside the writer lock and journal
        info = EmbeddedServer(settings.data_dir).status()
        assert info is not None
        info.client().set(journal_key(settings.graph_name), encode_journal(steps))
    finally:
        store.close()
    writer = open_store(settings)
    try:
        assert writer.pending_writes() == {"pending": 2, "failed": 0}  # type: ignore[attr-defined]
        writer.write([("CREATE (:Entity {id: 'company:after'})", {})])
        ids = sorted(r[0] for r in writer.run("MATCH (e:Entity) RETURN e.id").rows)
        assert writer.pending_writes() == {"pending": 0, "failed": 0}  # type: ignore[attr-defined]
    finally:
        writer.close()
    assert ids == ["company:after", "company:c1", "company:c2", "company:c3", "company:r"]


def test_a_second_writer_waits_then_is_refused_naming_the_holder(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", write_lock_timeout_s=0.3)
    first, second = open_store(settings), open_store(settings)
    try:
        first.write([("CREATE (:Entity {id: 'company:one'})", {})])
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError, match=f"pid {os.getpid()}"):
            second.write([("CREATE (:Entity {id: 'company:two'})", {})])
        assert 0.3 <= time.monotonic() - started < 2
        assert second.run("MATCH (e:Entity) RETURN count(e)").scalar() == 1  # reads go on
    finally:
        second.close()
        first.close()
    third = open_store(settings)
    try:
        third.write([("CREATE (:Entity {id: 'company:two'})", {})])  # free again
    finally:
        third.close()


def test_a_new_command_keeps_the_leases_of_live_processes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = EmbeddedServer(data)
    info = server.acquire()  # this process: a live user, like a running API
    os.kill(info.pid, 9)
    time.sleep(0.2)
    status = newsgraph("status", "--json", data_dir=data)  # the next command restarts it
    assert json.loads(status.stdout)["ready"] is True
    assert (data / "leases" / str(os.getpid())).exists()
    restarted = server.status()  # not stopped when that command left: we still use it
    assert restarted is not None and restarted.pid != info.pid
    server.release()
    assert server.status() is None


def test_a_statement_failing_inside_a_transaction_is_journaled_and_replayed(
    falkordb_store: FalkorDBStore,
) -> None:
    store = falkordb_store
    steps = [("MERGE (:Entity {id: 'company:first'})", {}),
             ("UNWIND $rows AS r MERGE (:Entity {id: r})", {}),  # $rows missing: fails in EXEC
             ("MERGE (:Entity {id: 'company:last'})", {})]  # fmt: skip
    with pytest.raises(SchemaError, match=r"statement 2 of 3 failed.*journaled"):
        store.write(steps)
    assert store.pending_writes() == {"pending": 3, "failed": 0}
    assert store.run("MATCH (e:Entity) RETURN count(e)").scalar() == 2  # applied in part
    other = FalkorDBStore(**store.connect_args)  # type: ignore[arg-type]
    store.close()  # the next writer replays it; it fails again, so it is moved aside
    try:
        other.write([("CREATE (:Entity {id: 'company:next'})", {})])
        assert other.pending_writes() == {"pending": 0, "failed": 3}
        assert other.run("MATCH (e:Entity) RETURN count(e)").scalar() == 3
    finally:
        other.close()


def test_a_server_that_stopped_answering_is_killed_within_the_shutdown_timeout(
    tmp_path: Path,
) -> None:
    import signal

    server = EmbeddedServer(tmp_path / "data")
    server.shutdown_timeout_s = 2.0
    info = server.start()  # unpinned: stopped when its last user releases it
    assert info.client().ping()
    os.kill(info.pid, signal.SIGSTOP)  # alive, accepting connections, answering nothing
    try:
        started = time.monotonic()
        server.release()
        elapsed = time.monotonic() - started
        gone = not _alive_pid(info.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGKILL)
    # the pause waited for once (2 s), one ping (2 s), then the kill; with redis-py's
    # retries and handshakes it took about 50 s
    assert gone and elapsed < 15, elapsed
    assert not (tmp_path / "data" / "server.json").exists()


def _alive_pid(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
