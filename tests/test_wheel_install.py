"""The wheel is the product: built from this checkout, installed into a fresh virtual
environment outside it, and used from an unrelated folder, it runs the main job.

This is what a user of ``pip install newsgraph`` (or pipx, or ``uv tool install``) gets:
no repository beside the code, only the package and its package data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]

NOTEBOOK_SNIPPET = """
from newsgraph import open_store, run_query, to_networkx

store = open_store(data_dir={data_dir!r})
graph = to_networkx(store)
rows = run_query("meetings", store=store, dataframe=False)
store.close()
print(graph.number_of_nodes(), graph.number_of_edges(), len(rows))
"""


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)  # fmt: skip
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel .`` of the files this checkout would commit (tracked and new, not
    ignored), copied to a clean folder: an in-tree build reuses ``build/lib``, which keeps
    files since deleted from the sources."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                  cwd=REPO, env=env)  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
         cwd=out, env=env)  # fmt: skip
    (built,) = out.glob("newsgraph-*.whl")
    return built


def test_wheel_carries_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"newsgraph"}, tops  # one import name: no graph/, api/, cli/, ingest/
    assert "newsgraph/cypher/queries/meetings.cypher" in names
    assert "newsgraph/cypher/write/merge_documents.cypher" in names
    assert "newsgraph/graph/schema.yaml" in names
    assert "newsgraph/ingest/data/gazetteer.jsonl" in names
    assert "newsgraph/examples/articles/techpolicy.jsonl" in names
    cypher = [name for name in names if name.endswith(".cypher")]
    in_repo = list((REPO / "cypher").rglob("*.cypher"))
    assert len(cypher) == len(in_repo)


@pytest.mark.slow
def test_installed_wheel_runs_the_main_job_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("NEWSGRAPH_", "PYTHON", "VIRTUAL_ENV"))}  # fmt: skip
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")  # the user data folder, fresh
    _run([sys.executable, "-m", "venv", str(venv)], cwd=work, env=env)
    python, newsgraph = str(venv / "bin" / "python"), str(venv / "bin" / "newsgraph")
    _run([python, "-m", "pip", "install", "-q", str(wheel)], cwd=work, env=env, timeout=900)

    listing = _run([python, "-m", "pip", "show", "-f", "newsgraph"], cwd=work, env=env)
    assert "newsgraph/cypher/queries/meetings.cypher" in listing
    assert "newsgraph/ingest/data/gazetteer.jsonl" in listing

    _run([newsgraph, "demo", "--no-serve"], cwd=work, env=env)
    data_dir = tmp_path / "xdg" / "newsgraph"
    assert (data_dir / "graph.rdb").exists()  # the user's data folder, not the working one
    assert not (work / ".newsgraph").exists()
    meetings = _run([newsgraph, "query", "meetings", "--format", "csv"], cwd=work, env=env)
    assert len(meetings.strip().splitlines()) > 1, meetings
    _run([newsgraph, "export", "--format", "graphml", "--output", "g.graphml"], cwd=work,
         env=env)  # fmt: skip
    exported = nx.read_graphml(work / "g.graphml")
    assert exported.number_of_nodes() > 10

    printed = _run([python, "-c", NOTEBOOK_SNIPPET.format(data_dir=str(data_dir))], cwd=work,
                   env=env)  # fmt: skip
    nodes, edges, rows = map(int, printed.split())
    assert (nodes, edges) == (exported.number_of_nodes(), exported.number_of_edges())
    assert rows > 0

    for name in ("graph", "api", "cli", "ingest"):
        result = subprocess.run([python, "-c", f"import {name}"], cwd=work, env=env,
                                capture_output=True, text=True, check=False)  # fmt: skip
        assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr, name
