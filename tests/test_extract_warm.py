"""The tokenizer cache warmed between memory zones (ingest/warm.py): recurring chunks only,
bounded by the cache size, and the same tokens as an unwarmed tokenizer. Texts are written
for these tests."""

from __future__ import annotations

import spacy

from newsgraph.ingest.warm import warm_tokenizer

TEXTS = [
    "Mrs. Vell (AP) said the U.S. plan wasn't \"final,\" she told Kestrel's board.",
    "Vell said the plan, which Kestrel's board backs, can't pass -- not yet.",
    "The board met in Ashby, Ore., on Monday; Vell said nothing.",
]


def _tokens(nlp: spacy.language.Language, texts: list[str]) -> list[list[tuple[str, str, str]]]:
    with nlp.memory_zone():
        return [[(t.text, t.whitespace_, t.norm_) for t in nlp(text)] for text in texts]


def test_recurring_chunks_are_warmed_and_split_the_same() -> None:
    cold, warm = spacy.blank("en"), spacy.blank("en")
    warmed: set[str] = set()
    warm_tokenizer(warm, TEXTS, warmed)
    assert {"said", "the", "Vell", "Kestrel's", "board"} <= warmed
    assert "Monday;" not in warmed and "Ashby," not in warmed  # came once: left alone
    assert _tokens(warm, TEXTS) == _tokens(cold, TEXTS)


def test_warming_stops_at_the_cache_size() -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = 3  # type: ignore[attr-defined]
    warmed: set[str] = set()
    warm_tokenizer(nlp, TEXTS, warmed)
    assert len(warmed) == 3
    warm_tokenizer(nlp, TEXTS, warmed)
    assert len(warmed) == 3
