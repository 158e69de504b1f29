"""The API, export and write-scale benchmarks run end to end at a tiny size and print their
comparisons.

Figures are not asserted (speed belongs to the benchmark, not to tests); this
keeps the command working: graph generation, uvicorn, both client sides.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_api_runs_and_prints_both_sides() -> None:
    command = [sys.executable, "-m", "bench.api", "--docs", "400",
               "--requests", "60", "--clients", "2"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^wrote 400 generated documents .* [1-9][\d,]* evidence records$",
                     done.stdout, re.M), done.stdout  # fmt: skip
    for name in ("entity_profile", "neighbourhood", "evidence_for"):
        for side in ("store", "http"):
            assert re.search(rf"^{name}\s+{side}\s+[\d.]+\s+[\d.]+\s+\d+$", done.stdout, re.M), (
                name, side, done.stdout,
            )  # fmt: skip
    assert len(re.findall(r"HTTP \+\s+-?[\d.]+ ms at p50", done.stdout)) == 3


def test_bench_export_runs_every_step(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bench.export", "--docs", "300",
               "--data-dir", str(tmp_path), "--repeat", "2"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    store = r"^store: [\d,]+ nodes \([\d,]+ entities, 300 documents, [\d,]+ evidence records\), "
    assert re.search(store + r"[\d,]+ relationships", done.stdout, re.M), done.stdout
    assert re.search(r"^graph: \d+ nodes, \d+ edges", done.stdout, re.M), done.stdout
    times = r"\s+[\d.]+\s+[\d.]+-[\d.]+\s+[\d.]+\s+[\d.]+-[\d.]+\s+"
    cpu = r"\s+[\d.]+\s+[\d.]+\s+[\d.]+"  # x build, cpu s, cpu x floor
    for step in ("to_networkx", "export graphml", "export gexf", "export json", "export csv"):
        assert re.search(rf"^{step}{times}<= 1.5x (met|NOT met){cpu}$", done.stdout, re.M), step
    for step in ("floor: read \\+ build", "floor: compact read \\+ build", "floor: build alone",
                 "build alone, collector running",
                 "export neo4j-import, 1 proc", "export neo4j-import, \\d proc"):  # fmt: skip
        assert re.search(rf"^{step}{times}-{cpu}$", done.stdout, re.M), (step, done.stdout)


def test_bench_scale_writes_runs_to_a_checkpoint() -> None:
    command = [sys.executable, "-m", "bench.scale_writes", "--max-docs", "400",
               "--batch-size", "100", "--checkpoints", "200,400"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = re.findall(r"^\s+(\d+)\s+[\d.]+ms\s+[\d.]+ms\s+[\d.]+ms\s+(\d[\d,]*)\s+(\d+)\s",
                      done.stdout, re.M)  # fmt: skip
    assert [int(r[0]) for r in rows] == [200, 400], done.stdout
    assert all(int(r[1].replace(",", "")) > 0 and 0 < int(r[2]) <= 20 for r in rows)
    forget = r"^forget of 10 documents, slowest: \d+ ms \(goal < 1000 ms\)$"
    assert re.search(forget, done.stdout, re.M), done.stdout
    assert "(goal <= 1.5x)" in done.stdout and "(goal < 10 ms)" in done.stdout


def test_bench_memory_runs_every_step() -> None:
    command = [sys.executable, "-m", "bench.memory", "--gigabytes", "0.015", "--docs", "5",
               "--long-docs", "20"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    peaks = re.findall(r"^(10|15) MB, --workers ([12])\s+5\s+\d+(?:\s+[1-9][\d,]*){3}\s+\d+$",
                       done.stdout, re.M)  # fmt: skip
    assert sorted(peaks) == [("10", "1"), ("10", "2"), ("15", "1"), ("15", "2")], done.stdout
    assert done.stdout.count("goal: within 1.1x, where holding the file") == 2
    assert re.search(r"^all of the 15 MB file .*: [\d,]+ articles read", done.stdout, re.M)
    assert re.search(r"^0-999\s+[1-9][\d,]*\s+[1-9][\d,]*\s+[1-9][\d,]*$", done.stdout, re.M)
