"""The benches' own Cypher: one statement per file under ``bench/cypher/``."""

from __future__ import annotations

from pathlib import Path

from newsgraph.graph.cypher import CypherFile, parse_cypher_file

__all__ = ["statement"]

HERE = Path(__file__).resolve().parent / "cypher"


def statement(name: str) -> CypherFile:
    """``bench/cypher/<name>.cypher``, parsed (header checked)."""
    return parse_cypher_file(HERE / f"{name}.cypher", name)
