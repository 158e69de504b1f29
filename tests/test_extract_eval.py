"""The bars: the shared scorer on the seed articles and on CoNLL04 test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="shared/eval not present"),
]


def _score(
    gold: Path, inputs: list[Path], tmp_path: Path, *bars: str
) -> subprocess.CompletedProcess[str]:
    predictions = tmp_path / "predictions.jsonl"
    with predictions.open("w") as out:
        extract = [sys.executable, "-m", "cli.main", "extract", *map(str, inputs)]
        subprocess.run(extract, stdout=out, check=True, timeout=600)
    score = [sys.executable, str(EVAL / "score.py"), str(gold), str(predictions), *bars]
    return subprocess.run(score, capture_output=True, text=True, timeout=120, check=False)


def test_seed_articles(tmp_path: Path) -> None:
    seeds = sorted((EVAL / "seeds").glob("*.txt"))
    result = _score(EVAL / "seeds" / "gold.json", seeds, tmp_path,
                    "--min-entity-f1", "0.90", "--min-relation-f1", "0.80")
    assert result.returncode == 0, result.stdout


def test_conll04_test(tmp_path: Path) -> None:
    conll = EVAL / "conll04"
    result = _score(conll / "test.gold.json", [conll / "test.jsonl"], tmp_path,
                    "--types", "LOCATED_IN,WORKS_FOR,LEADS",
                    "--min-entity-f1", "0.75", "--min-relation-f1", "0.45")
    assert result.returncode == 0, result.stdout
