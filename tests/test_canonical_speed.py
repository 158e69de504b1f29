"""Canonicalisation and line-break sentences are near-linear and give exactly the output
of the straightforward quadratic versions (kept here as the reference)."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from newsgraph.graph.model import Document
from newsgraph.ingest.components.canonical import Canonicaliser
from newsgraph.ingest.extract import doc_to_extracted
from newsgraph.ingest.pipeline import build_nlp, newline_sentences
from newsgraph.ingest.sources import read_sources

ROOT = Path(__file__).resolve().parents[1]
_PERSONS = ("Person", "Official")
_THINGS = ("Company", "Product")
Names = dict[int, tuple[str, str]]


def reference_merge(known: set[str], names: Names) -> None:
    """The original quadratic ``merge_short_names``: a regex per mention over all names."""
    for i, (name, label) in list(names.items()):
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])")
        longer = {
            (other, other_label)
            for other, other_label in names.values()
            if other != name
            and len(other) > len(name)
            and (label in _PERSONS) == (other_label in _PERSONS)
            and "Place" not in (label, other_label)
            and pattern.search(other)
            and (label not in _PERSONS or other.endswith(" " + name))
        }
        if len({o for o, _ in longer}) == 1 and name not in known:
            names[i] = max(longer)


def reference_adopt(known: set[str], names: Names) -> None:
    """The original quadratic ``adopt_surnames``."""
    def part(name: str, person: str) -> bool:
        return person.startswith(name + " ") if " " in name else person.endswith(" " + name)

    for i, (name, label) in list(names.items()):
        if label not in _THINGS or name in known:
            continue
        people = {o for o, ol in names.values() if ol in _PERSONS and part(name, o)}
        if len(people) == 1:
            names[i] = (people.pop(), "Person")


_WORDS = ["Musk", "Elon", "Sky", "Net", "SkyNet", "Smart", "Anna", "Maria", "Olsen", "Idaho",
          "Falls", "Bank", "of", "Tarn", "Tarn-1", "Corp", "A.B", "Lee", "Li", "Qiang", "Nord"]
_LABELS = ["Person", "Official", "Company", "Product", "Place", "Regulator"]


def _names(rng: random.Random, mentions: int, distinct: int) -> Names:
    pool = []
    for _ in range(distinct):
        words = rng.choices(_WORDS, k=rng.choice([1, 1, 2, 2, 3, 4]))
        sep = rng.choice([" ", " ", " ", "-", ""])
        pool.append((sep.join(words), rng.choice(_LABELS)))
    return {i: rng.choice(pool) for i in range(mentions)}


def _canonicaliser(known: set[str]) -> Canonicaliser:
    canonical = Canonicaliser({}, ["Corp"])
    canonical.known = known
    return canonical


@pytest.mark.parametrize("seed", range(150))
def test_same_output_as_the_quadratic_versions(seed: int) -> None:
    rng = random.Random(seed)
    names = _names(rng, rng.randint(1, 120), rng.randint(1, 40))
    known = {n for n, _ in rng.sample(list(names.values()), k=min(2, len(names)))}
    ours, theirs = dict(names), dict(names)
    canonical = _canonicaliser(known)
    canonical.adopt_surnames(ours)
    reference_adopt(known, theirs)
    assert ours == theirs
    canonical.merge_short_names(ours)
    reference_merge(known, theirs)
    assert ours == theirs


def test_long_article_names_are_near_linear() -> None:
    rng = random.Random(7)
    names = _names(rng, 1500, 400)
    theirs = dict(names)
    start = time.perf_counter()
    reference_adopt(set(), theirs)
    reference_merge(set(), theirs)
    quadratic = time.perf_counter() - start
    big = {i: names[i % len(names)] for i in range(30000)}  # 20x the mentions
    ours = dict(names)
    canonical = _canonicaliser(set())
    start = time.perf_counter()
    canonical.adopt_surnames(big)
    canonical.merge_short_names(big)
    linear = time.perf_counter() - start
    canonical.adopt_surnames(ours)
    canonical.merge_short_names(ours)
    assert ours == theirs
    # 20x the mentions in less time than the quadratic version took on 1x
    assert linear < max(quadratic, 0.5), (linear, quadratic)


def _old_newlines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or (token.whitespace_ == "" and token.text.endswith("\n")):
            doc[token.i + 1].is_sent_start = True
    return doc


def test_line_breaks_end_sentences_in_linear_time() -> None:
    nlp = spacy.blank("en")
    text = "A Headline\nFirst line. Second one\n\n- an item\n- another item\nEnd.\n" * 300
    ours, theirs = newline_sentences(nlp(text)), _old_newlines(nlp(text))
    assert (ours.to_array([SENT_START]) == theirs.to_array([SENT_START])).all()
    assert sum(bool(t.is_sent_start) for t in ours) == 1 + 5 * 300 - 1
    big = nlp(text * 30)  # 270k tokens: the per-token setter took minutes
    start = time.perf_counter()
    newline_sentences(big)
    assert time.perf_counter() - start < 5
    assert newline_sentences(nlp("no break at all")).to_array([SENT_START]).tolist() == [1, 0, 0, 0]


def test_fixture_articles_extract_as_with_the_quadratic_versions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = build_nlp()
    docs = [d for d in read_sources([ROOT / "tests" / "fixtures" / "articles"], 10**7)
            if isinstance(d, Document)]
    assert docs

    def run() -> list[dict]:
        return [doc_to_extracted(nlp(d.text), d).to_prediction() for d in docs]

    ours = run()
    canonical = nlp.get_pipe("newsgraph_canonical")
    monkeypatch.setattr(canonical, "adopt_surnames",
                        lambda names: reference_adopt(canonical.known, names))
    monkeypatch.setattr(canonical, "merge_short_names",
                        lambda names: reference_merge(canonical.known, names))
    assert run() == ours


def test_extract_bench_refuses_a_missing_corpus(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from bench.extract import long_article, main

    (tmp_path / "conll04").mkdir()
    (tmp_path / "conll04" / "dev.jsonl").write_text('{"text": "A line."}\n', encoding="utf-8")
    assert main(["--eval-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "conll04/test.jsonl" in err and "will not run on a smaller corpus" in err
    article = long_article([Document(text="Short one."), Document(text="Another.")], 1000)
    assert len(article.text) >= 1000 and article.text.count("\n\n") > 50
