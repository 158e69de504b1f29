"""Matcher word lists as lexeme flags (ingest/flags.py): the same matches as the patterns
as written, on a blank pipeline; the same pattern errors; tests past the opening and token
attributes left as written. Sentences and names are written for these tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher

from newsgraph.ingest.flags import add_pattern, flag_pattern

TEXT = ("Mrs. Vell of Dorwick, Calif., met Dr. Amberly and the NATO envoy in March; "
        "mr Tal said the CEO of Kestrel Systems flew from Ashby, Ore., to XY12345678 Lorn.")
PATTERNS = [
    [{"LOWER": {"IN": ["mr.", "mrs.", "dr.", "mr"]}}, {"IS_TITLE": True, "OP": "+"}],
    [{"IS_TITLE": True}, {"ORTH": ","}, {"ORTH": {"IN": ["Calif.", "Ore."]}}],
    [{"TEXT": {"REGEX": "^[A-Z]{2,6}$"}, "IS_SENT_START": False}, {"LOWER": "envoy"}],
    [{"TEXT": {"REGEX": "^[A-Z]{2}[0-9]{8,}$"}}, {"IS_TITLE": True}],
    [{"LOWER": {"IN": ["in", "from"]}, "OP": "?"}, {"LOWER": {"NOT_IN": ["march", "the"]},
                                                     "IS_TITLE": True}],
    [{"LOWER": "the"}, {"LOWER": {"IN": ["ceo", "chief"]}}, {"LOWER": "of"}],
    [{"ORTH": {"IN": ["Vell", "Tal"]}, "LENGTH": {">=": 3}}],
]


def _matches(matcher: Matcher, doc: spacy.tokens.Doc) -> list[tuple[int, int, int]]:
    return [tuple(m) for m in matcher(doc)]


def test_flagged_patterns_match_as_written() -> None:
    nlp = spacy.blank("en")
    doc = nlp(TEXT)  # its words are in the vocabulary before the flags are added
    plain, flagged = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
    for n, pattern in enumerate(PATTERNS):
        plain.add(f"p{n}", [pattern], greedy="LONGEST")
        add_pattern(flagged, f"p{n}", pattern, "LONGEST")
    found = _matches(plain, doc)
    assert len(found) >= len(PATTERNS)
    assert _matches(flagged, doc) == found
    unseen = nlp("Words the vocabulary never saw: Mrs. Zyxq of Qwvton, Ore., from Vell.")
    assert _matches(flagged, unseen) == _matches(plain, unseen) != []  # flags of new words


def test_only_opening_word_tests_become_flags() -> None:
    nlp = spacy.blank("en")
    pattern = [{"LOWER": {"IN": ["in", "at"]}, "OP": "?"},
               {"LOWER": {"IN": ["a", "b"]}, "ENT_TYPE": {"IN": ["Place"]}},
               {"LOWER": {"IN": ["c"]}}]
    first, second, third = flag_pattern(nlp.vocab, pattern)
    assert "LOWER" not in first and "LOWER" not in second
    assert second["ENT_TYPE"] == {"IN": ["Place"]}  # a token attribute: stays a predicate
    assert third == pattern[2]  # tried only after a partial match
    again = flag_pattern(nlp.vocab, pattern)  # equal tests share a flag
    assert again == [first, second, third]


def test_bad_patterns_are_refused_as_before() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(MatchPatternError):
        add_pattern(Matcher(nlp.vocab, validate=False), "bad", [{"LOWR": {"IN": ["a"]}}])


SET_PATTERNS = [
    [{"ENT_TYPE": {"IN": ["Person", "Official"]}, "OP": "+"}, {"ORTH": ","},
     {"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True}],
    [{"LOWER": {"IN": ["in", "near"]}}, {"ENT_TYPE": {"NOT_IN": ["Person", ""]}, "OP": "+"}],
    [{"ENT_TYPE": {"IN": ["Place"]}}, {"POS": {"IN": ["VERB", "AUX"]}, "OP": "?"},
     {"TAG": {"NOT_IN": ["DT"]}, "LEMMA": {"IN": ["visit", "meet"]}}],
    [{"ORTH": {"IN": ["Vell", "Tal"]}, "OP": "?"}, {"ORTH": {"NOT_IN": [",", "."]}},
     {"LOWER": {"IN": ["said", "met"]}}],
]


def _typed_doc(nlp: spacy.language.Language) -> spacy.tokens.Doc:
    words = ["Jo", "Vell", ",", "mayor", "of", "Ashby", ",", "met", "Al", "Tal", "in", "Lorn",
             "Bay", "and", "Tal", "said", "Ashby", "visits", "Kestrel", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "PROPN",
           "PROPN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "VERB",
           "PROPN", "PUNCT"]
    tags = ["NNP", "NNP", ",", "NN", "IN", "NNP", ",", "VBD", "NNP", "NNP", "IN", "NNP",
            "NNP", "CC", "NNP", "VBD", "NNP", "VBZ", "NNP", "."]
    lemmas = [w.lower() for w in words[:15]] + ["say", "ashby", "visit", "kestrel", "."]
    ents = ["B-Person", "I-Person", "O", "O", "O", "B-Place", "O", "O", "B-Official",
            "I-Official", "O", "B-Place", "I-Place", "O", "B-Person", "O", "B-Place", "O",
            "B-Company", "O"]
    return spacy.tokens.Doc(nlp.vocab, words=words, pos=pos, tags=tags, lemmas=lemmas,
                            ents=ents)


def test_set_predicates_are_plain_functions_with_the_same_matches() -> None:
    nlp = spacy.blank("en")
    doc = _typed_doc(nlp)
    plain, fast = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
    for n, pattern in enumerate(SET_PATTERNS):
        plain.add(f"s{n}", [pattern], greedy="LONGEST")
        add_pattern(fast, f"s{n}", pattern, "LONGEST")
    found = _matches(plain, doc)
    assert len({m[0] for m in found}) == len(SET_PATTERNS)  # every pattern matches somewhere
    assert _matches(fast, doc) == found
    replaced = fast._extra_predicates  # type: ignore[attr-defined]
    assert replaced and all(callable(p) and type(p).__name__ == "function" for p in replaced)
    originals = {p.key: p for p in plain._extra_predicates}  # type: ignore[attr-defined]
    for predicate in replaced:  # each gives what spaCy's own predicate gives, token by token
        assert [predicate(t) for t in doc] == [originals[predicate.key](t) for t in doc]
