"""neo4j-import files: parsed back with the csv module against neo4j-admin's header format."""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

import pytest
from test_export_formats import cypher_counts, run_fixture

from newsgraph.graph.errors import BadParameterError, SchemaError
from newsgraph.graph.export.neo4j_import import FILES, export_neo4j_import
from newsgraph.graph.export.networkx import export_to
from newsgraph.graph.export.read import full_batches
from newsgraph.graph.stores import GraphStore

NODE_FILES = ("entities.csv", "documents.csv", "ingest_runs.csv", "evidence.csv")
EDGE_FILES = ("relations.csv", "mentions.csv", "states.csv")


@pytest.fixture
def store(falkordb_store: GraphStore) -> GraphStore:
    """The session FalkorDB with the small export graph written in."""
    run_fixture(falkordb_store, "small_graph")
    return falkordb_store


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def parse(header: list[str], row: list[str], delimiter: str) -> dict[str, object]:
    """One row typed by its header (``name:type``, ``name:type[]``), as neo4j-admin would."""
    casts = {"int": int, "float": float, "string": str}
    out: dict[str, object] = {}
    for column, cell in zip(header, row, strict=True):
        name, _, kind = column.partition(":")
        if cell == "":
            continue
        if kind == "LABEL":
            out[":LABEL"] = cell.split(delimiter)
        elif kind.endswith("[]"):
            out[name] = [casts[kind[:-2]](item) for item in cell.split(delimiter)]
        elif kind in casts:
            out[name] = casts[kind](cell)
        else:  # id:ID(...), :START_ID(...), :END_ID(...), :TYPE
            out[column] = cell
    return out


def test_headers_follow_neo4j_admin_format(store: GraphStore, tmp_path: Path) -> None:
    run_fixture(store, "plain_evidence")
    result = export_to(store, "neo4j-import", tmp_path / "import")
    assert result.neo4j is not None and result.neo4j.array_delimiter == ";"
    header, rows = read(tmp_path / "import" / "entities.csv")
    assert header[:2] == ["id:ID(Entity)", ":LABEL"]
    assert "aliases:string[]" in header and "mention_count:int" in header
    assert len(rows) == cypher_counts(store)["entities"]
    li = next(r for r in rows if r[0] == "person:li-qiang")
    assert li[1] == "Entity;Person;Official"
    header, rows = read(tmp_path / "import" / "relations.csv")
    assert header[:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
    assert {"sources:string[]", "evidence_count:int", "confidence:float",
            "ev_confidence:float[]", "ev_start:int[]"} <= set(header)  # fmt: skip
    assert len(rows) == cypher_counts(store)["relations"]
    header, rows = read(tmp_path / "import" / "mentions.csv")
    assert header == [":START_ID(Document)", ":END_ID(Entity)", ":TYPE", "count:int",
                      "aliases:string[]", "date:string"]  # fmt: skip
    assert len(rows) == cypher_counts(store)["mentions"]
    command = shlex.split(result.neo4j.command)
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    assert "--array-delimiter=;" in command and "--multiline-fields=true" in command
    for name in NODE_FILES:
        assert f"--nodes={(tmp_path / 'import' / name).resolve()}" in command
    for name in EDGE_FILES:
        assert f"--relationships={(tmp_path / 'import' / name).resolve()}" in command


def test_values_match_the_store(store: GraphStore, tmp_path: Path) -> None:
    result = export_to(store, "neo4j-import", tmp_path / "import")
    assert result.neo4j is not None
    delimiter = result.neo4j.array_delimiter
    assert delimiter == "\t"  # the evidence holds ';' and '|'
    assert "--array-delimiter=TAB" in result.neo4j.command
    written: dict[str, dict[str, object]] = {}
    for name in NODE_FILES:
        header, rows = read(tmp_path / "import" / name)
        for row in rows:
            values = parse(header, row, delimiter)
            written[str(values.pop(header[0]))] = values
    edges: dict[tuple[str, str, str], dict[str, object]] = {}
    for name in EDGE_FILES:
        header, rows = read(tmp_path / "import" / name)
        for row in rows:
            values = parse(header, row, delimiter)
            key = tuple(str(values.pop(c)) for c in header[:3])
            edges[key] = values  # type: ignore[index]
    nodes_seen = edges_seen = 0
    for batch in full_batches(store):
        for row in batch.rows:
            if "labels" in row:
                nodes_seen += 1
                expected = {k: v for k, v in row["properties"].items() if k != "id"}
                assert written[row["id"]] == {":LABEL": row["labels"], **expected}
            else:
                edges_seen += 1
                assert edges[(row["source"], row["target"], row["type"])] == row["properties"]
    assert (nodes_seen, edges_seen) == (len(written), len(edges))


def test_properties_without_a_column_are_counted(store: GraphStore, tmp_path: Path) -> None:
    store.write([
        ("MATCH (e:Entity {id: 'company:tesla'}) SET e.legacy_score = 3, e.note = 'x'", {}),
        ("MATCH (:Entity)-[r:LEADS]->(:Entity) SET r.note = 'y'", {}),
    ])  # fmt: skip
    whole = export_to(store, "neo4j-import", tmp_path / "whole")
    assert whole.neo4j is not None
    assert whole.neo4j.skipped == {"legacy_score": 1, "note": 2}
    header, rows = read(tmp_path / "whole" / "entities.csv")
    assert len(rows) == cypher_counts(store)["entities"]
    assert "legacy_score" not in ",".join(header)
    sub = export_to(store, "neo4j-import", tmp_path / "sub", query="neighbourhood",
                    params={"id": "company:tesla", "depth": 1})  # fmt: skip
    assert sub.neo4j is not None and sub.neo4j.skipped == {"legacy_score": 1, "note": 2}


def test_odd_array_elements(store: GraphStore, tmp_path: Path) -> None:
    store.write([
        ("MATCH (e:Entity {id: 'company:tesla'}) SET e.aliases = ['a\x1fb', 'c']", {}),
        ("MATCH (e:Entity {id: 'place:china'}) SET e.aliases = [7, 'x;y']", {}),  # FalkorDB only
    ])  # fmt: skip
    result = export_to(store, "neo4j-import", tmp_path / "out")
    assert result.neo4j is not None
    header, rows = read(tmp_path / "out" / "entities.csv")
    tesla = parse(header, next(r for r in rows if r[0] == "company:tesla"), "\t")
    assert tesla["aliases"] == ["a b", "c"]  # the sentinel inside an element became a space
    china = parse(header, next(r for r in rows if r[0] == "place:china"), "\t")
    assert china["aliases"] == ["7", "x;y"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_worker_processes_write_the_same_files(store: GraphStore, tmp_path: Path) -> None:
    run_fixture(store, "plain_evidence")
    # an alias with ';' on the last entity: only the last worker meets it, and every
    # file must still use the delimiter chosen across all of them
    last = max(r["id"] for r in store.run("MATCH (e:Entity) RETURN e.id AS id").records())
    store.write([("MATCH (e:Entity {id: $id}) SET e.aliases = ['x;y', 'z']", {"id": last})])
    serial = export_neo4j_import(store, tmp_path / "one", workers=1, page_size=1)
    seen: list[int] = []
    parallel = export_neo4j_import(
        store, tmp_path / "three", workers=3, page_size=1, on_rows=seen.append
    )
    assert (serial.workers, parallel.workers) == (1, 3)
    assert parallel.array_delimiter == serial.array_delimiter == "|"
    assert parallel.rows == serial.rows and parallel.skipped == serial.skipped
    assert _files(tmp_path / "three") == _files(tmp_path / "one")  # byte for byte
    assert sorted(p.name for p in (tmp_path / "three").iterdir()) == sorted(
        name for name, _, _ in FILES.values()
    )  # no part files left
    counts = cypher_counts(store)
    assert sum(seen) == sum(serial.rows.values()) == counts["nodes"] + counts["relationships"]
    header, rows = read(tmp_path / "three" / "entities.csv")
    assert parse(header, next(r for r in rows if r[0] == last), "|")["aliases"] == ["x;y", "z"]


def test_a_failing_worker_fails_the_export(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "entities.csv").write_text("kept\n")
    args = dict(store.connect_args)  # type: ignore[attr-defined]
    store.connect_args = {**args, "graph": "no_such_graph_here"}  # type: ignore[attr-defined]
    try:
        with pytest.raises(SchemaError, match="does not exist yet"):  # said by worker 1
            export_neo4j_import(store, tmp_path / "out", workers=2, page_size=3)
    finally:
        store.connect_args = args  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left
    assert (tmp_path / "out" / "entities.csv").read_text() == "kept\n"  # the old export stays


def test_workers_must_be_positive(store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(BadParameterError, match="workers"):
        export_neo4j_import(store, tmp_path / "out", workers=0)
    assert not (tmp_path / "out").exists()
