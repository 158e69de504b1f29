"""Issue 12, case 9 (export): errors are one line, and leftovers of a killed export go.

Before: ``export`` to a folder or an unwritable path printed a traceback, and a killed
export left ``.partial`` files behind for good.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import open_store

pytestmark = pytest.mark.stress

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))


def _export(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSGRAPH, "--data-dir", str(data), "export", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_export_errors_are_one_line_and_leftovers_are_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_store(Settings(data_dir=data))
    store.write([("CREATE (:Entity {id: 'company:x', name: 'X', type: 'Company'})", {})])
    store.close()
    folder = tmp_path / "out"
    folder.mkdir()
    cases = {
        ("-f", "graphml", "-o", str(folder)): "is a folder",
        ("-f", "json", "-o", str(tmp_path / "missing" / "g.json")): "does not exist",
    }
    for args, words in cases.items():
        result = _export(data, *args)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and "Traceback" not in result.stderr
    target = folder / "graph.json"
    leftover = folder / ".graph.json.abc123.partial"  # as a killed export leaves it
    leftover.write_text("half")
    leftover_dir = folder / ".graph.json.def456.partial"
    leftover_dir.mkdir()
    ok = _export(data, "-f", "json", "-o", str(target))
    assert ok.returncode == 0, ok.stderr
    assert target.exists() and not leftover.exists() and not leftover_dir.exists()
