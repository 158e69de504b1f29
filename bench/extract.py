"""Extraction throughput: our pipeline vs plain ``nlp.pipe``, and 2 workers vs 1.

    python -m bench.extract [--repeat N]

The corpus is the fixture articles plus the CoNLL04 texts (read from ../shared at
run time when present), repeated to tens of thousands of sentences. Every run sees the
same corpus; model loading is timed apart and reported, not counted in the rates (the
2-worker run forks from the already loaded pipeline, as ``Extractor.extract`` does).
The machine's load average is printed: other processes skew the 2-worker figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsgraph.graph.model import Document  # noqa: E402
from newsgraph.graph.settings import get_settings  # noqa: E402
from newsgraph.ingest.extract import BATCH_SIZE, Extractor  # noqa: E402
from newsgraph.ingest.pipeline import build_nlp, resolve_model  # noqa: E402
from newsgraph.ingest.sources import read_sources  # noqa: E402

__all__ = ["corpus", "main"]


def corpus(repeat: int) -> list[Document]:
    """Fixture articles and CoNLL04 sentences (grouped into articles), ``repeat`` times."""
    docs = [
        d
        for d in read_sources([ROOT / "tests" / "fixtures" / "articles"], 10**7)
        if isinstance(d, Document)
    ]
    conll = ROOT.parent / "shared" / "eval" / "conll04"
    for split in ("dev.jsonl", "test.jsonl"):
        path = conll / split
        if path.is_file():
            lines = [json.loads(x)["text"] for x in path.read_text().splitlines() if x.strip()]
            docs += [Document(text=" ".join(lines[i : i + 10])) for i in range(0, len(lines), 10)]
    return [Document(text=d.text, id=f"{d.id}-{n}") for n in range(repeat) for d in docs]


def _timed(fn: object, docs: list[Document]) -> float:
    start = time.perf_counter()
    fn(docs)  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print words/s and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    docs = corpus(args.repeat)
    words = sum(len(d.text.split()) for d in docs)
    settings = get_settings()
    import spacy

    plain_nlp = spacy.load(resolve_model(settings.spacy_model))
    ours = Extractor(settings)
    load = _timed(lambda _: build_nlp(settings.spacy_model), [])
    ours._nlp = build_nlp(settings.spacy_model)
    warm = docs[:20]
    list(plain_nlp.pipe(d.text for d in warm))
    list(ours.extract(warm))
    print(f"corpus: {len(docs)} documents, {words} words; load average {os.getloadavg()}")
    print(f"pipeline load: {load:.1f} s (not counted below)")
    plain = _timed(
        lambda ds: list(plain_nlp.pipe((d.text for d in ds), batch_size=BATCH_SIZE)), docs
    )
    print(f"plain nlp.pipe:       {words / plain:9.0f} words/s")
    one = _timed(lambda ds: list(ours.extract(ds)), docs)
    print(f"newsgraph, 1 worker:  {words / one:9.0f} words/s  ({plain / one:.2f}x plain)")
    before = os.times()
    two = _timed(lambda ds: list(ours.extract(ds, workers=2)), docs)
    after = os.times()
    cpu = sum(after[i] - before[i] for i in (2, 3))  # children's user and system time
    print(f"newsgraph, 2 workers: {words / two:9.0f} words/s  ({one / two:.2f}x one worker)")
    print(f"  workers used {cpu / two:.2f} cores on average (2.00 if the machine were idle)")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
