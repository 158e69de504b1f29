"""Saved queries over HTTP vs straight through the store, on a generated graph.

    python -m bench.api [--docs 20000] [--requests 2000] [--clients 8]
    python -m bench.api --docs 0 [--entities 100000] [--per-entity 5] ...

By default writes ``docs`` generated news documents (``bench/synthetic.py``) through the
writer into a scratch data folder: hubs (China, Tesla, Nvidia in 45%, 30% and 20% of the
documents), edges with many sources, evidence records, as an ingest leaves them. With
``--docs 0`` it generates the flat graph instead: ``entities`` companies and
``entities * per-entity`` PARTNERS_WITH relations with one source each. Then it serves
the API with uvicorn on loopback (a separate process, ``api.app:create_app --factory``)
and runs ``entity_profile``, ``neighbourhood`` and (news graph) ``evidence_for`` with
``clients`` concurrent clients, both over HTTP (keep-alive connections, one per client)
and through ``GraphStore.run`` with the same Cypher and parameters; one request in
ten asks for a hub. Prints p50/p99 latency and requests/s side by side.

The HTTP clients are a minimal HTTP/1.1 reader over a socket (status line,
``content-length``, body), as load generators such as wrk are: on a 2-core machine
the load generator shares the cores with uvicorn and FalkorDB, so its own CPU shows
up as server latency. ``http.client`` parses every response's headers with the
``email`` package, which cost about as much CPU as FastAPI's routing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from bench.statements import statement
from bench.synthetic import HUB_EDGE, HUBS, documents
from newsgraph.graph.cypher import parse_cypher_file
from newsgraph.graph.migrations import ensure_schema
from newsgraph.graph.query.registry import load_registry
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore, open_store
from newsgraph.ingest.writer import GraphWriter

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "queries"
GRAPH = "bench_api"


def _statement(name: str) -> str:
    return parse_cypher_file(FIXTURES / f"{name}.cypher", name).text


def generate(store: GraphStore, entities: int, per_entity: int, batch: int = 10_000) -> None:
    """Fill the store with the synthetic graph, printing the load rate."""
    start = time.perf_counter()
    nodes, edges = _statement("many_entities"), _statement("many_relations")
    for first in range(0, entities, batch):
        store.write([(nodes, {"start": first, "stop": min(first + batch, entities)})])
    step = max(1, batch // per_entity)
    for first in range(0, entities, step):
        stop = min(first + step, entities)
        store.write([(edges, {"start": first, "stop": stop, "n": entities, "k": per_entity})])
    elapsed = time.perf_counter() - start
    rows = entities * (1 + per_entity)
    print(f"generated {entities:,} entities and {entities * per_entity:,} relations "
          f"in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s)")  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """uvicorn serving ``create_app()`` for the scratch store; returns once /ready answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env |= {"NEWSGRAPH_DATA_DIR": str(data_dir), "NEWSGRAPH_GRAPH_NAME": GRAPH}
    command = [sys.executable, "-m", "uvicorn", "newsgraph.api.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
               "--no-access-log", "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[1])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("uvicorn did not become ready")


class RawHTTP:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def get(self, target: str) -> tuple[int, bytes]:
        """``(status, body)`` of ``GET target``; the server must send ``content-length``."""
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        data = b""
        while (end := data.find(b"\r\n\r\n")) < 0:
            data += self._recv()
        head, body = data[:end].decode("latin-1"), data[end + 4 :]
        status = int(head.split(" ", 2)[1])
        length = next((int(line.split(":", 1)[1]) for line in head.split("\r\n")[1:]
                       if line.lower().startswith("content-length:")), None)  # fmt: skip
        if length is None:
            raise RuntimeError(f"GET {target}: no content-length in {head!r}")
        while len(body) < length:
            body += self._recv()
        if len(body) != length:
            raise RuntimeError(f"GET {target}: {len(body)} bytes after a {length}-byte body")
        return status, body

    def _recv(self) -> bytes:
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("server closed the connection")
        return chunk


def measure(call: Callable[[Any, dict[str, Any]], None], make: Callable[[], Any],
            params: list[dict[str, Any]], clients: int) -> dict[str, float]:  # fmt: skip
    """Run ``call(client, params)`` for every params dict with ``clients`` threads."""
    local = threading.local()
    latencies: list[float] = []
    lock = threading.Lock()

    def one(p: dict[str, Any]) -> None:
        if not hasattr(local, "client"):
            local.client = make()
        t0 = time.perf_counter()
        call(local.client, p)
        elapsed = time.perf_counter() - t0
        with lock:
            latencies.append(elapsed)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, params))
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    return {"p50": cuts[49] * 1000, "p99": cuts[98] * 1000, "rps": len(latencies) / wall}


class StdlibHTTP:
    """:class:`RawHTTP`'s interface over ``http.client`` (``--client stdlib``), to compare."""

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def get(self, target: str) -> tuple[int, bytes]:
        """``(status, body)`` of ``GET target``."""
        self.conn.request("GET", target)
        response = self.conn.getresponse()
        return response.status, response.read()


def generate_news(store: GraphStore, docs: int, batch: int = 200) -> None:
    """Write ``docs`` generated news documents through the writer, printing the rate."""
    start = time.perf_counter()
    writer = GraphWriter(store, extractor_version="bench")
    writer.write_batches((list(documents(min(batch, docs - first), start=first)), None, None)
                         for first in range(0, docs, batch))  # fmt: skip
    counts = store.run(store.info.library.get("admin/counts").text).records()[0]
    print(f"wrote {docs:,} generated documents in {time.perf_counter() - start:.1f} s: "
          f"{counts['entities']:,} entities, {counts['relations']:,} relations, "
          f"{counts['evidence_records']:,} evidence records")  # fmt: skip


def _params(store: GraphStore, name: str, args: argparse.Namespace,
            rng: random.Random) -> list[dict[str, Any]]:  # fmt: skip
    """Request parameters: random entities (or edges), one in ten a hub."""
    if not args.docs:
        return [{"id": f"company:c{rng.randrange(args.entities)}"} for _ in range(args.requests)]
    if name == "evidence_for":
        edges = store.run(statement("sample_edges").text).rows
        hub = list(HUB_EDGE)
        picks = [hub if rng.random() < 0.1 else rng.choice(edges) for _ in range(args.requests)]
        return [{"from": a, "type": t, "to": b} for a, t, b in picks]
    ids = [row[0] for row in store.run(statement("sample_entities").text).rows]
    hubs = sorted(HUBS)
    return [{"id": rng.choice(hubs) if rng.random() < 0.1 else rng.choice(ids)}
            for _ in range(args.requests)]  # fmt: skip


def _sides(
    url: str, settings: Settings, name: str, client: str = "raw"
) -> dict[str, tuple[Callable, Callable]]:
    host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port
    store_text = load_registry("falkordb").get(name)

    def via_http(conn: RawHTTP | StdlibHTTP, p: dict[str, Any]) -> None:
        status, body = conn.get(f"/queries/{name}?{urlencode(p)}")
        if status != 200 or not body.startswith(b'{"query":'):
            raise RuntimeError(f"{name}: HTTP {status}: {body[:200]!r}")

    def via_store(store: GraphStore, p: dict[str, Any]) -> None:
        bound = store_text.bind(store_text.parse_text(p))
        bound["limit"] = min(bound["limit"], settings.row_cap) + 1
        store.run(store_text.text, bound, timeout_ms=settings.query_timeout_ms)

    return {
        "store": (via_store, lambda: open_store(settings)),
        "http": (via_http, lambda: (RawHTTP if client == "raw" else StdlibHTTP)(host, port or 80)),
    }


def run(args: argparse.Namespace) -> None:
    """Generate, serve, measure and print."""
    data_dir = Path(tempfile.mkdtemp(prefix="newsgraph-bench-api-"))
    settings = Settings(data_dir=data_dir, graph_name=GRAPH)
    store = open_store(settings)
    ensure_schema(store)
    if args.docs:
        generate_news(store, args.docs)
    else:
        generate(store, args.entities, args.per_entity)
    port = _free_port()
    server = start_server(data_dir, port, args.workers)
    rng = random.Random(11)
    try:
        print(f"\n{args.requests:,} requests per side, {args.clients} concurrent clients "
              f"({args.client} HTTP client), uvicorn ({args.workers} process(es)) "
              f"on 127.0.0.1:{port}\n")  # fmt: skip
        header = f"{'query':<16}{'side':<8}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}"
        print(header + "\n" + "-" * len(header))
        names = ("entity_profile", "neighbourhood", "evidence_for")
        for name in names if args.docs else names[:2]:
            params = _params(store, name, args, rng)
            results = {}
            sides = _sides(f"http://127.0.0.1:{port}", settings, name, args.client)
            for side, (call, make) in sides.items():
                measure(call, make, params[:200], args.clients)  # warm-up
                results[side] = measure(call, make, params, args.clients)
                r = results[side]
                print(f"{name:<16}{side:<8}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['rps']:>9.0f}")
            added = results["http"]["p50"] - results["store"]["p50"]
            print(f"{'':<16}{'HTTP +':<8}{added:>9.2f} ms at p50")
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000,
                        help="generated news documents written through the writer "
                             "(0: the flat generated graph of --entities instead)")  # fmt: skip
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--per-entity", type=int, default=5)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--client", choices=("raw", "stdlib"), default="raw",
                        help="HTTP client of the load generator: a minimal socket reader "
                             "(default) or http.client")  # fmt: skip
    run(parser.parse_args())


if __name__ == "__main__":
    main()
