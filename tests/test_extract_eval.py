"""The bars: the shared scorer on the seed articles, CoNLL04 test and DWIE dev.

Each set's per-type precision and recall are printed (``pytest -s`` shows them). The guards
sit just under the figures measured when they were last raised; issue 17's own bars (DWIE
relation F1 0.45 at P 0.55, entity 0.80; CoNLL04 relation 0.65, entity 0.86; seeds entity
0.95, relation 0.93) are met on every set (CoNLL04 test: relation 0.673, entity 0.864)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="shared/eval not present"),
]


def _score(gold: Path, inputs: list[Path], work: Path, *options: str) -> dict[str, Any]:
    """Run ``newsgraph extract`` and the shared scorer; the scorer's JSON report."""
    predictions = work / "predictions.jsonl"
    with predictions.open("w") as out:
        extract = [sys.executable, "-m", "newsgraph.cli.main", "extract", *map(str, inputs)]
        subprocess.run(extract, stdout=out, check=True, timeout=600)
    score = [sys.executable, str(EVAL / "score.py"), str(gold), str(predictions), "--json"]
    result = subprocess.run([*score, *options], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    _print(gold.parent.name, report)
    return report


def _print(name: str, report: dict[str, Any]) -> None:
    """Per-set and per-type precision and recall, for the test log."""
    rows = [("entities", report["entities"]), ("relations", report["relations"]),
            *sorted(report.get("relations_by_type", {}).items())]
    for label, r in rows:
        print(f"{name:8} {label:14} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}")


def test_seed_articles(tmp_path: Path) -> None:
    seeds = sorted((EVAL / "seeds").glob("*.txt"))
    report = _score(EVAL / "seeds" / "gold.json", seeds, tmp_path)
    # issue 17: seeds stay at entity >= 0.95, relation >= 0.93 (measured 0.983 / 0.970)
    assert report["entities"]["f1"] >= 0.95, report["entities"]
    assert report["relations"]["f1"] >= 0.93, report["relations"]


@pytest.fixture(scope="module")
def conll04(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """CoNLL04 test, scored on the relation types it annotates."""
    conll = EVAL / "conll04"
    work = tmp_path_factory.mktemp("conll04")
    types = ("--types", "LOCATED_IN,WORKS_FOR,LEADS")
    return _score(conll / "test.gold.json", [conll / "test.jsonl"], work, *types)


def test_conll04_relations_hold_their_level(conll04: dict[str, Any]) -> None:
    # Measured P 0.719 R 0.634 F1 0.673 (was 0.613; issue 17 asks 0.65: met). About 25 of the 65
    # "spurious" are town-region pairs ("born in Lowell, Mass.") true but unannotated, where the
    # gold names "Town, Region" as one place; most others are true facts the gold leaves out
    # (heads of state, ambassadors of a country, dateline bureaus).
    assert conll04["relations"]["f1"] >= 0.665, conll04["relations"]
    assert conll04["relations"]["precision"] >= 0.71, conll04["relations"]
    by_type = conll04["relations_by_type"]
    assert by_type["WORKS_FOR"]["recall"] >= 0.56, by_type["WORKS_FOR"]  # 0.574 (was 0.393)
    assert by_type["LOCATED_IN"]["recall"] >= 0.60, by_type["LOCATED_IN"]  # 0.608 (was 0.559)
    assert by_type["LEADS"]["recall"] >= 0.95, by_type["LEADS"]  # 1.000


def test_conll04_entities_hold_their_level(conll04: dict[str, Any]) -> None:
    # Measured P 0.863 R 0.866 F1 0.864 (was 0.855; issue 17 asks 0.86: met). Many errors are
    # the gold's conventions: "Town, Region" as one place (the region then counts spurious), an
    # initialism ("NASA", "BSP") apart from the name it stands for.
    assert conll04["entities"]["f1"] >= 0.86, conll04["entities"]


@pytest.fixture(scope="module")
def dwie(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """DWIE dev (98 news articles never tuned on by rule), scored on four relation types."""
    dev = EVAL / "dwie-dev"
    if not (dev / "gold.json").is_file():
        pytest.skip("DWIE dev set not present")
    work = tmp_path_factory.mktemp("dwie")
    types = ("--types", "LOCATED_IN,LEADS,WORKS_FOR,MET_WITH")
    return _score(dev / "gold.json", [dev / "articles.jsonl"], work, *types)


def test_dwie_relations_hold_their_level(dwie: dict[str, Any]) -> None:
    # Measured P 0.783 R 0.462 F1 0.581 (was 0.580; issue 17 asks F1 0.45 at P 0.55: met).
    assert dwie["relations"]["f1"] >= 0.57, dwie["relations"]
    assert dwie["relations"]["precision"] >= 0.77, dwie["relations"]
    by_type = dwie["relations_by_type"]
    assert by_type["LEADS"]["recall"] >= 0.48, by_type["LEADS"]  # measured 0.493 (was 0.480)
    assert by_type["WORKS_FOR"]["recall"] >= 0.50, by_type["WORKS_FOR"]  # 0.515 (was 0.505)
    assert by_type["LOCATED_IN"]["recall"] >= 0.43, by_type["LOCATED_IN"]  # 0.438 (was 0.436)


def test_dwie_entities_hold_their_level(dwie: dict[str, Any]) -> None:
    # Measured P 0.777 R 0.856 F1 0.815 (issue 17 asks 0.80: met; was 0.804).
    assert dwie["entities"]["f1"] >= 0.81, dwie["entities"]
