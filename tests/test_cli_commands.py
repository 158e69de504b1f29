"""The command line as a user meets it: --version, one-line errors (JSON under --json),
port in use, "did you mean", and plain TSV rows when stdout is a pipe."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "fixtures" / "articles"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``newsgraph ARGS`` with stdout and stderr as pipes (not a terminal)."""
    command = [sys.executable, "-m", "newsgraph.cli.main", *args]
    environment = os.environ | {"NEWSGRAPH_GRAPH_URL": ""} | (env or {})
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=environment)  # fmt: skip


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An embedded store holding the test articles, ingested with the CLI."""
    folder = tmp_path_factory.mktemp("cli") / "data"
    done = run("--data-dir", str(folder), "ingest", str(ARTICLES), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents_new"] >= 4
    yield folder
    run("--data-dir", str(folder), "db", "stop")


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout == f"newsgraph {version('newsgraph')}\n"


def test_bad_setting_is_one_line_naming_the_variable() -> None:
    done = run("status", env={"NEWSGRAPH_BATCH_SIZE": "abc"})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: NEWSGRAPH_BATCH_SIZE: ") and "'abc'" in done.stderr


def test_errors_are_json_under_json() -> None:
    done = run("status", "--json", env={"NEWSGRAPH_ROW_CAP": "0"})
    assert done.returncode == 2 and done.stderr == ""
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "bad_input" and error["variable"] == "NEWSGRAPH_ROW_CAP"
    typo = run("query", "top_entitys", "--format", "json")
    assert typo.returncode == 2
    assert json.loads(typo.stdout)["error"]["suggestions"] == ["top_entities"]


def test_did_you_mean_a_query_name() -> None:
    done = run("query", "neighborhood")
    assert done.returncode == 2
    wanted = "error: no saved query named 'neighborhood'; did you mean neighbourhood?\n"
    assert done.stderr == wanted
    nothing = run("query", "zzzz")
    assert "see `newsgraph queries`" in nothing.stderr and nothing.returncode == 2


def test_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        served = run("--data-dir", str(tmp_path / "d"), "serve", "--port", port)
        demo = run("--data-dir", str(tmp_path / "d"), "demo", "--port", port)
    for done in (served, demo):
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == (f"error: port {port} on 127.0.0.1 is already in use; "
                               "choose another with --port\n")  # fmt: skip


def test_piped_rows_are_tsv(data_dir: Path) -> None:
    done = run("--data-dir", str(data_dir), "query", "top_entities", "--limit", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["id", "name", "type"] and len(lines) == 4
    assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)
    assert "│" not in done.stdout and "━" not in done.stdout


def test_date_parameters_and_dates_on_the_command_line(data_dir: Path) -> None:
    entity = "company:toyota"  # named by feeds.jsonl's article published 2024-05-02
    done = run("--data-dir", str(data_dir), "query", "documents_mentioning", "-p", f"id={entity}",
               "-p", "since=2024-05-01", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["rows"]
    assert [row[4] for row in rows] == ["2024-05-02"]  # a date value, printed as ISO text
    bad = run("--data-dir", str(data_dir), "query", "timeline", "-p", f"id={entity}",
              "-p", "since=2024-02-30")  # fmt: skip
    assert bad.returncode == 2 and bad.stdout == ""
    assert "'since'" in bad.stderr and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
