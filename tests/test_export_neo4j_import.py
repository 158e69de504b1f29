"""neo4j-import files: parsed back with the csv module against neo4j-admin's header format."""

from __future__ import annotations

import csv
import json
import shlex
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from live_server import DEMO_CORPUS
from test_export_formats import cypher_counts, run_fixture

from newsgraph.graph.errors import BadInputError, BadParameterError, SchemaError
from newsgraph.graph.export.neo4j_import import (
    _DELIMITERS,
    FILES,
    choose_delimiter,
    delimiter_option,
    export_neo4j_import,
    write_neo4j_import,
)
from newsgraph.graph.export.networkx import export_to
from newsgraph.graph.export.read import NodeBatch, full_batches
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
    casts = {"int": int, "float": float, "string": str, "date": date.fromisoformat}
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


DATE_COLUMNS = {p for _, _, spec in FILES.values() for p, kind in spec if kind.startswith("date")}


def typed(props: dict[str, Any]) -> dict[str, Any]:
    """Store properties (dates come back as ISO text, see graph.stores.base.plain) with the
    date columns as :class:`datetime.date`, as neo4j-admin reads them from the files."""
    out = dict(props)
    for key in DATE_COLUMNS & out.keys():
        value = out[key]
        out[key] = ([date.fromisoformat(v) for v in value] if isinstance(value, list)
                    else date.fromisoformat(value))  # fmt: skip
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
            "source_dates:date[]"} <= set(header)  # fmt: skip
    assert not any(c.startswith("ev_") for c in header)  # sentences: evidence.csv
    assert len(rows) == cypher_counts(store)["relations"]
    header, rows = read(tmp_path / "import" / "mentions.csv")
    assert header == [":START_ID(Document)", ":END_ID(Entity)", ":TYPE", "count:int",
                      "aliases:string[]", "date:date"]  # fmt: skip
    header, _ = read(tmp_path / "import" / "documents.csv")
    assert "published:date" in header
    header, _ = read(tmp_path / "import" / "relations.csv")
    assert {"first_seen:date", "last_seen:date", "source_dates:date[]"} <= set(header)
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
                expected = {k: v for k, v in typed(row["properties"]).items() if k != "id"}
                assert written[row["id"]] == {":LABEL": row["labels"], **expected}
            else:
                edges_seen += 1
                expected = typed(row["properties"])
                assert edges[(row["source"], row["target"], row["type"])] == expected
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
    assert tesla["aliases"] == ["a\x1fb", "c"]  # kept as it was
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


# --- neo4j-admin's reading of the files, rule for rule -------------------------------
# A port of what neo4j-admin's CSV reader does (BufferedCharSeeker with the defaults the
# printed command keeps: ',' delimiter, '"' quote, RFC 4180 doubled quotes, no backslash
# escapes, --multiline-fields=true, no trimming) and of its value extractors: an empty
# unquoted cell is no value, a quoted empty one is "" for a string column; an array cell
# is split on the one array delimiter character and an empty one is no value.


def admin_cells(text: str) -> list[list[tuple[str, bool]]]:
    """Rows of (cell text, had quotes), as neo4j-admin's CSV reader cuts them."""
    rows: list[list[tuple[str, bool]]] = []
    row: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, parts = i + 1, []
            while True:
                k = text.index('"', j)  # a missing end quote is an error there too
                parts.append(text[j:k])
                if text.startswith('"', k + 1):
                    parts.append('"')
                    j = k + 2
                else:
                    break
            cell, quoted, i = "".join(parts), True, k + 1
        else:
            k = i
            while k < n and text[k] not in ",\r\n":
                k += 1
            cell, quoted, i = text[i:k], False, k
        row.append((cell, quoted))
        if i < n and text[i] == ",":
            i += 1
            if i < n and text[i] not in "\r\n":
                continue
            row.append(("", False))  # a comma that ends the line: one empty last cell
        rows.append(row)
        row = []
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            assert text[i] in "\r\n", f"data after a closing quote at {i}"
            i += 1
    if row:
        rows.append(row)
    return rows


CASTS: dict[str, Any] = {"int": int, "long": int, "float": float, "double": float,
                         "string": str, "date": date.fromisoformat}  # fmt: skip


def admin_value(kind: str, cell: str, quoted: bool, delimiter: str) -> Any:
    """The value neo4j-admin stores for one cell of a ``name:kind`` column (None: none)."""
    if kind.endswith("[]"):
        if cell == "":
            return None  # an empty array: no property
        return [CASTS[kind[:-2]](item) for item in cell.split(delimiter)]
    if cell == "" and (kind != "string" or not quoted):
        return None
    return CASTS[kind](cell)


def admin_read(path: Path, delimiter: str) -> tuple[list[str], list[dict[str, Any]]]:
    """A file's header and its rows as neo4j-admin types them (absent: no property)."""
    with path.open(encoding="utf-8", newline="") as f:  # line ends as they are
        header, *rows = admin_cells(f.read())
    columns = [cell for cell, _ in header]
    out = []
    for row in rows:
        assert len(row) == len(columns), f"{path.name}: {row}"
        values: dict[str, Any] = {}
        for column, (cell, quoted) in zip(columns, row, strict=True):
            name, _, kind = column.partition(":")
            if kind == "LABEL":
                values[":LABEL"] = cell.split(delimiter)
            elif kind.startswith(("ID", "START_ID", "END_ID", "TYPE")):
                values[column] = cell
            elif (value := admin_value(kind, cell, quoted, delimiter)) is not None:
                values[name] = value
        out.append(values)
    return columns, out


CONTROLS = "".join(chr(c) for c in (*range(1, 32), 127))
ADVERSARIAL = ["semi;colon", "pipe|bar", "tab\there", "comma,here", 'double "quoted"',
               "single 'quoted'", "new\nline", "crlf\r\nend", "cr\ronly", "unit\x1fsep",
               "\x1e\x1d\x1c", "", "  padded  ", "back\\slash\\", "é 中文 😀 \u2028",
               ";|\t,\"'\x1f", CONTROLS]  # fmt: skip


def test_adversarial_text_parses_back_exactly(store: GraphStore, tmp_path: Path) -> None:
    """Every kind of troublesome character in array elements and plain strings: the
    export neither refuses nor rewrites, and neo4j-admin's reading gives the strings back."""
    store.write([("MATCH (e:Entity {id: 'company:tesla'}) SET e.aliases = $a, e.name = $n, "
                  "e.wikidata = ''", {"a": ADVERSARIAL, "n": "".join(ADVERSARIAL)})])  # fmt: skip
    result = export_to(store, "neo4j-import", tmp_path / "out")
    assert result.neo4j is not None
    delimiter = result.neo4j.array_delimiter
    assert len(delimiter) == 1 and delimiter not in "".join(ADVERSARIAL) + ',"\r\n'
    assert f"--array-delimiter={delimiter_option(delimiter)}" in shlex.split(result.neo4j.command)
    _, rows = admin_read(tmp_path / "out" / "entities.csv", delimiter)
    tesla = next(r for r in rows if r["id:ID(Entity)"] == "company:tesla")
    assert tesla["aliases"] == ADVERSARIAL
    assert tesla["name"] == "".join(ADVERSARIAL)
    assert tesla["wikidata"] == ""  # quoted: an empty string, not "no value"


def test_the_usual_delimiters_come_first(store: GraphStore, tmp_path: Path) -> None:
    store.write([("MATCH (e:Entity {id: 'company:tesla'}) SET e.aliases = $a",
                  {"a": ["a;b", "c|d", "e\tf"]})])  # fmt: skip
    result = export_to(store, "neo4j-import", tmp_path / "out")
    assert result.neo4j is not None and result.neo4j.array_delimiter == "\x1f"
    assert "--array-delimiter=U+001F" in result.neo4j.command
    _, rows = admin_read(tmp_path / "out" / "entities.csv", "\x1f")
    tesla = next(r for r in rows if r["id:ID(Entity)"] == "company:tesla")
    assert tesla["aliases"] == ["a;b", "c|d", "e\tf"]


def test_choose_delimiter_and_its_option() -> None:
    assert choose_delimiter(set(), set) == ";"
    assert choose_delimiter({";", "|"}, set) == "\t"
    everything = set(_DELIMITERS)
    assert choose_delimiter(everything, lambda: set(CONTROLS) | {";", "|"}) == "!"
    assert choose_delimiter(everything, lambda: set(CONTROLS) | set(map(chr, range(32, 127)))) \
        == "\ue000"  # fmt: skip
    assert [delimiter_option(d) for d in (";", "\t", "\x1f", "\ue000")] == [
        ";", "TAB", "U+001F", "U+E000"]  # fmt: skip


def test_a_lone_surrogate_is_a_clear_error(tmp_path: Path) -> None:
    row = {"id": "x:1", "labels": ["Entity"], "properties": {"aliases": ["ok", "\ud800"]}}
    writer_input = [NodeBatch("Entity", [row])]
    with pytest.raises(BadInputError, match=r"entities.csv column aliases.*U\+D800"):
        write_neo4j_import(writer_input, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _store_values(store: GraphStore) -> tuple[dict[str, dict[str, Any]], dict[tuple, dict]]:
    """Every node (by id) and relationship (by ends and type) of the store, with the
    properties the files have columns for. An empty list is left out: neo4j-admin reads
    an empty array cell as no property (docs/exports.md says so)."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple, dict[str, Any]] = {}
    for batch in full_batches(store):
        if isinstance(batch, NodeBatch):
            known = {p for p, _ in FILES[batch.key_label][2]}
            for row in batch.rows:
                props = {k: v for k, v in typed(row["properties"]).items()
                         if k in known and v != []}  # fmt: skip
                nodes[row["id"]] = {":LABEL": row["labels"], **props}
        else:
            known = {p for p, _ in FILES[f"{batch.start_label}->"][2]}
            for row in batch.rows:
                props = {k: v for k, v in typed(row["properties"]).items()
                         if k in known and v != []}  # fmt: skip
                edges[(row["source"], row["target"], row["type"])] = props
    return nodes, edges


def test_round_trip_of_the_demo_store(falkordb_store: GraphStore, tmp_path: Path) -> None:
    """The demo corpus plus adversarial documents, ingested for real; every file read back
    with the column types of its header equals the store, value for value."""
    from newsgraph.graph.migrations import ensure_schema
    from newsgraph.graph.settings import Settings
    from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
    from newsgraph.ingest.jobs import IngestOptions, run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.jsonl").write_text("\n".join(json.dumps(doc) for doc in [
        {"id": "odd;one|two", "title": 'Tabs\tand "quotes"; pipes | and\x1fseparators',
         "published": "2025-02-03", "source": "odd, desk",
         "text": 'Tesla chief executive Elon Musk met Premier Li Qiang in Beijing; the talks | '
                 'covered "data\tsecurity", exports\x1f and more.\n\nNvidia is based in '
                 "Santa Clara, California; it makes the H20 chip.\x1e"},
        {"id": "odd-two", "title": "Controls " + CONTROLS.replace("\x00", ""),
         "text": "Apple said\x0b it would open a store in Shanghai;\x07 Tim Cook visited "
                 "Shanghai | on Monday.\x1d"},
    ]), encoding="utf-8")  # fmt: skip
    ensure_schema(falkordb_store)
    options = IngestOptions(paths=(str(DEMO_CORPUS), str(corpus)),
                            extractor_version=EXTRACTOR_VERSION)  # fmt: skip
    summary = run_ingest(falkordb_store, Extractor(Settings()), options)
    assert summary.documents_new >= 3 and not summary.documents_failed, summary
    falkordb_store.write([("MATCH (e:Entity {id: 'company:tesla'}) SET e.aliases = $a",
                           {"a": ADVERSARIAL})])  # fmt: skip
    result = export_neo4j_import(falkordb_store, tmp_path / "import", workers=2, page_size=7)
    assert result.workers == 2 and not result.skipped
    assert result.array_delimiter not in _DELIMITERS  # every usual one is in some element
    nodes, edges = _store_values(falkordb_store)
    assert any(";" in s for props in nodes.values() for s in props.get("sentences", []))
    read_nodes: dict[str, dict[str, Any]] = {}
    read_edges: dict[tuple, dict[str, Any]] = {}
    for key, (name, ids, _) in FILES.items():
        columns, rows = admin_read(tmp_path / "import" / name, result.array_delimiter)
        assert columns[: len(ids)] == ids
        for row in rows:
            if key.endswith("->"):
                read_edges[tuple(row.pop(c) for c in ids)] = row
            else:
                read_nodes[row.pop(ids[0])] = row
    assert read_nodes.keys() == nodes.keys() and read_edges.keys() == edges.keys()
    for node_id, values in nodes.items():
        assert read_nodes[node_id] == values, node_id
    for edge, values in edges.items():
        assert read_edges[edge] == values, edge
    odd = read_nodes["odd;one|two"]
    # ingest turns control characters other than TAB and line ends into spaces (so offsets
    # stay put); the aliases written above still carry them through the export
    assert odd["title"] == 'Tabs\tand "quotes"; pipes | and separators'
    assert odd["published"] == date(2025, 2, 3)  # a date in the store and in the file
    kinds = falkordb_store.run("MATCH (d:Document {id: $id})-[m:MENTIONS]->() "
                               "RETURN DISTINCT typeOf(d.published), typeOf(m.date)",
                               {"id": "odd;one|two"}).rows  # fmt: skip
    assert kinds == [["Date", "Date"]]
