"""``newsgraph merge``, ``split``, ``keep-apart`` and ``judgements`` as subprocesses on an
embedded store (articles from tests/fixtures/judgements/, see test_judgements_store.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "judgements"
pytestmark = pytest.mark.slow


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``newsgraph --data-dir DATA ARGS`` to completion."""
    command = [sys.executable, "-m", "newsgraph.cli.main", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=os.environ | {"NEWSGRAPH_GRAPH_URL": ""})  # fmt: skip


def ok(data_dir: Path, *args: str) -> str:
    """Run, expect success, return stdout."""
    done = run(data_dir, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def profile(data_dir: Path, entity: str) -> list[dict[str, object]]:
    """``newsgraph query entity_profile`` rows of ``entity``, as column -> value."""
    out = json.loads(ok(data_dir, "query", "entity_profile", "--param", f"id={entity}",
                        "--format", "json"))  # fmt: skip
    return [dict(zip(out["columns"], row, strict=True)) for row in out["rows"]]


def test_judgement_commands_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(data, "ingest", str(FIXTURES / "first.jsonl"))
    saved = json.loads(ok(data, "merge", "person:h-brenn", "person:halvard-brenn", "--json",
                          "--note", "same chief executive"))  # fmt: skip
    assert saved["judgement"]["n"] == 1 and sorted(saved["rewritten"]) == ["j1", "j2", "j3"]
    assert profile(data, "person:h-brenn") == []
    assert ok(data, "keep-apart", "person:brenn", "person:halvard-brenn").startswith("saved #2")

    refused = run(data, "merge", "person:brenn", "person:halvard-brenn")
    assert refused.returncode == 2
    assert "#2 keeps apart" in refused.stderr and "Traceback" not in refused.stderr
    refused = run(data, "merge", "person:brenn", "person:h-brenn", "--json")  # a chain
    assert refused.returncode == 2
    assert "keeps apart" in json.loads(refused.stdout)["error"]["message"]

    split = json.loads(ok(data, "split", "company:petra-lindqvist", "--docs", "j3",
                          "--name", "Petra Lindqvist Jr", "--json"))  # fmt: skip
    assert split["judgement"]["as"] == "company:petra-lindqvist-jr"
    assert split["rewritten"] == ["j3"]
    assert profile(data, "company:petra-lindqvist-jr")[0]["name"] == "Petra Lindqvist Jr"
    listed = json.loads(ok(data, "judgements", "--json"))
    assert [j["op"] for j in listed["judgements"]] == ["merge", "keep-apart", "split"]
    assert listed["judgements"][0]["note"] == "same chief executive"
    assert "#1 merge person:h-brenn into person:halvard-brenn" in ok(data, "judgements")

    dropped = json.loads(ok(data, "judgements", "--drop", "3", "--json"))
    assert dropped["rewritten"] == ["j3"]
    assert [j["n"] for j in json.loads(ok(data, "judgements", "--json"))["judgements"]] == [1, 2]


def test_a_bad_judgements_file_names_file_and_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "judgements.jsonl"
    path.write_text(
        '{"newsgraph": "judgements", "version": 1}\n'
        '{"n": 1, "op": "merge", "from": "person:h-brenn", "into": "person:halvard-brenn"}\n'
        "{oops\n"
        '{"n": 3, "op": "merge", "from": "person:brenn"}\n'
    )
    listed = run(data, "judgements")
    assert listed.returncode == 2
    assert f"{path}:3: not JSON" in listed.stderr
    assert f"{path}:4: a merge needs 'into'" in listed.stderr
    assert "#1 merge person:h-brenn into person:halvard-brenn" in listed.stdout

    done = run(data, "ingest", str(FIXTURES / "first.jsonl"))
    assert done.returncode == 0, done.stderr
    assert f"{path}:3: not JSON" in done.stderr
    assert profile(data, "person:h-brenn") == []  # the good line was applied
    assert any("H. Brenn" in str(row["aliases"]) for row in profile(data, "person:halvard-brenn"))

    path.write_text('{"newsgraph": "judgements", "version": 9}\n')
    refused = run(data, "ingest", str(FIXTURES / "more.jsonl"))
    assert refused.returncode == 2 and f"{path}:1: not a newsgraph judgements file" in (
        refused.stderr)  # fmt: skip
