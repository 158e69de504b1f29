"""The code stays ruff- and mypy-clean (CONVENTIONS.md, practice 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "tools/typecheck.py"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_declares_all() -> None:
    missing = [
        str(path.relative_to(REPO))
        for package in ("graph", "ingest", "api", "cli")
        for path in (REPO / package).rglob("*.py")
        if path.name != "__init__.py" and "__all__" not in path.read_text()
    ]
    assert missing == []
