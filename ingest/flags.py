"""Word lists and regular expressions of Matcher patterns as lexeme flags.

spaCy's Matcher checks ``{"LOWER": {"IN": [...]}}`` and ``{"TEXT": {"REGEX": ...}}`` by
calling Python for every token the pattern is tried at, and a pattern is tried at every
token: that was most of what our Matchers cost. Those tests only read the word's text, so
each can be a lexeme flag (``vocab.add_flag``), computed once per word of the vocabulary
and checked in C: :func:`flag_pattern` rewrites a pattern that way, with the same matches.
Tests of token attributes (``ENT_TYPE``, ``NORM``) stay Python predicates, and so does any
list once the vocabulary's free flag bits are taken. spaCy's pattern check knows no flag
names, so :func:`add_pattern` checks the pattern as written and adds it rewritten to a
Matcher made with ``validate=False``. The set tests left as predicates (``ENT_TYPE``, and
word lists past the free flags) are swapped for plain functions of the token with the same
result: spaCy's generic predicate object cost about three times as much per call, and the
Matcher calls each one once per token of every document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.matcher.matcher import _SetPredicate  # type: ignore[attr-defined]
from spacy.schemas import validate_token_pattern
from spacy.tokens import Token
from spacy.vocab import Vocab

__all__ = ["add_pattern", "flag_pattern"]

_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}  # read from the word alone
_OPERATORS = {"IN": True, "NOT_IN": False, "REGEX": True}  # operator: flag value that passes
_FIRST_FLAG = 19  # FLAG19..FLAG63: the bits spaCy leaves free (1..18 are IS_ALPHA and such)
_LAST_FLAG = 63


class WordTest:
    """One test of a word's text: in a set of strings, or matching a regular expression.
    Equal tests share one flag of a vocabulary."""

    __slots__ = ("attr", "kind", "lower", "value", "words")

    def __init__(self, attr: str, kind: str, value: Any, lower: Callable[[str], str] | None):
        self.attr, self.kind = attr, kind
        self.lower = lower if attr == "LOWER" else None
        self.words = frozenset(value) if kind != "REGEX" else frozenset()
        self.value = re.compile(value) if kind == "REGEX" else None

    def key(self) -> tuple[str, str, Any]:
        """What makes two tests the same."""
        pattern = self.value.pattern if self.value is not None else None
        return (self.attr, "REGEX" if pattern is not None else "IN", pattern or self.words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordTest) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __call__(self, text: str) -> bool:
        if self.lower is not None:
            text = self.lower(text)
        if self.value is not None:
            return bool(self.value.search(text))
        return text in self.words


def add_pattern(matcher: Matcher, key: str, pattern: list[dict[str, Any]],
                greedy: str | None = None) -> None:
    """Add one token pattern to ``matcher`` (made with ``validate=False``), checked as a
    validating Matcher would check it, with its word tests as flags."""
    errors = validate_token_pattern(pattern)
    if errors:
        raise MatchPatternError(key, {0: errors})
    vocab: Vocab = matcher.vocab  # type: ignore[attr-defined]  # (not in spaCy's stubs)
    matcher.add(key, [flag_pattern(vocab, pattern)], greedy=greedy)
    predicates: list[Any] = matcher._extra_predicates  # type: ignore[attr-defined]
    for n, predicate in enumerate(predicates):
        if type(predicate) is _SetPredicate:
            predicates[n] = _fast_predicate(predicate)


def flag_pattern(vocab: Vocab, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``pattern`` with the word-list and regex tests of ORTH/TEXT/LOWER that are tried at
    every token (those of its first token, and of the next while the ones before are
    optional) as lexeme flags; later tests run only after a partial match, and are kept."""
    out = []
    opening = True
    for spec in pattern:
        out.append(_flag_token(vocab, spec) if opening else spec)
        opening = opening and spec.get("OP") in ("?", "*")
    return out


def _flag_token(vocab: Vocab, spec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in spec.items():
        attr = _ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is None or not isinstance(value, dict):
            out[key] = value
            continue
        rest = {}
        for op, arg in value.items():
            flag = _flag(vocab, attr, op, arg)
            if flag is None or f"FLAG{flag}" in out:  # (the same test twice: kept as written)
                rest[op] = arg
            else:
                out[f"FLAG{flag}"] = _OPERATORS[op]
        if rest:
            out[key] = rest
    return out


def _flag(vocab: Vocab, attr: str, op: str, arg: Any) -> int | None:
    """The flag for one test (found or added), or None to keep it a Python predicate."""
    if op not in _OPERATORS:
        return None
    if op == "REGEX" and not isinstance(arg, str):
        return None
    if op != "REGEX" and not (isinstance(arg, list) and all(isinstance(w, str) for w in arg)):
        return None
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    test = WordTest(attr, op, arg, getters.get(LOWER, str.lower))
    for flag, getter in getters.items():
        if _FIRST_FLAG <= flag <= _LAST_FLAG and getter == test:
            return int(flag)
    free = [bit for bit in range(_FIRST_FLAG, _LAST_FLAG + 1) if bit not in getters]
    return int(vocab.add_flag(test, free[0])) if free else None


# The token attributes whose Python property reads the value the Matcher's predicate reads.
_READERS: dict[int, Callable[[Token], int]] = {
    ENT_TYPE: lambda t: t.ent_type, LOWER: lambda t: t.lower, ORTH: lambda t: t.orth,
    POS: lambda t: t.pos, TAG: lambda t: t.tag, LEMMA: lambda t: t.lemma,
}


def _fast_predicate(predicate: Any) -> Any:
    """A function with the result of one of spaCy's ``IN``/``NOT_IN`` predicates over a token
    attribute, keeping the ``key`` and ``i`` the Matcher reads to share equal predicates; any
    other predicate is returned as it is."""
    read = _READERS.get(predicate.attr)
    kind = predicate.predicate
    if (read is None or kind not in ("IN", "NOT_IN") or predicate.is_extension
            or predicate.regex or predicate.fuzzy is not None):
        return predicate
    values = frozenset(predicate.value)
    if predicate.attr == ENT_TYPE:  # the commonest: read without a second call
        test = ((lambda t: t.ent_type in values) if kind == "IN"
                else (lambda t: t.ent_type not in values))
    elif predicate.attr == LOWER:
        test = (lambda t: t.lower in values) if kind == "IN" else (lambda t: t.lower not in values)
    else:
        test = ((lambda t: read(t) in values) if kind == "IN"
                else (lambda t: read(t) not in values))
    test.key, test.i = predicate.key, predicate.i  # type: ignore[attr-defined]
    return test
