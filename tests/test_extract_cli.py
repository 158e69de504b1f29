"""End to end: ``newsgraph extract`` in a subprocess on the fixture corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsgraph.cli.main", "extract", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def corpus_run() -> subprocess.CompletedProcess[str]:
    return _run(str(FIXTURES))


def test_one_json_object_per_document(corpus_run: subprocess.CompletedProcess[str]) -> None:
    assert corpus_run.returncode == 0, corpus_run.stderr
    lines = [json.loads(line) for line in corpus_run.stdout.splitlines()]
    ids = [p["id"] for p in lines]
    assert ids == ["acme_talks", "chip_curbs", "feed-ev-01", "feed-reg-02", "officials",
                   "satellites"]
    feed = lines[2]
    assert feed["title"] == "Toyota and Panasonic deepen ties" and feed["source"] == "Example Wire"


def test_output_has_typed_entities_and_evidenced_relations(
    corpus_run: subprocess.CompletedProcess[str],
) -> None:
    texts = {p.stem: p.read_text() for p in FIXTURES.glob("*.txt")}
    by_id = {p["id"]: p for p in map(json.loads, corpus_run.stdout.splitlines())}
    talks = by_id["acme_talks"]
    assert {"name": "Volvo", "type": "Company"}.items() <= next(
        e for e in talks["entities"] if e["name"] == "Volvo").items()
    triples = {(r["subject"], r["type"], r["object"]) for r in talks["relations"]}
    assert ("Jim Rowan", "LEADS", "Volvo") in triples
    assert ("Wang Chuanfu", "LEADS", "BYD") in triples
    assert not any(t == "PARTNERS_WITH" for _, t, _ in triples)  # only considered
    assert not any("Lei Jun" in (s, o) for s, _, o in triples)  # denied
    for rel in talks["relations"]:
        for ev in rel["evidence"]:
            assert texts["acme_talks"][ev["start"] : ev["end"]] == ev["sentence"]
            assert ev["rule"] and 0 < ev["confidence"] <= 1


def test_bad_inputs_go_to_stderr_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "feed.jsonl").write_text('{"id": "a", "text": "Nvidia grew."}\n{oops\n')
    result = _run(str(tmp_path / "empty.txt"), str(tmp_path / "feed.jsonl"),
                  str(tmp_path / "missing.txt"), str(FIXTURES / "officials.txt"))
    assert result.returncode == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "officials"]
    assert "empty.txt: no text" in result.stderr
    assert "feed.jsonl:2: not valid JSON" in result.stderr
    assert "missing.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_workers_give_the_same_output(corpus_run: subprocess.CompletedProcess[str]) -> None:
    result = _run(str(FIXTURES), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == corpus_run.stdout
