"""Keep the tokenizer's cache working for extraction, which runs inside memory zones.

spaCy's tokenizer caches how it split each whitespace-delimited chunk ("said,", "U.S.")
and reuses the split the next time the chunk comes, but inside a memory zone it caches
nothing (a cached split would point at lexemes the zone frees): every chunk of every
document was split again, prefixes, suffixes and infixes, which cost extraction a few per
cent against a plain ``nlp.pipe``. Between zones, :func:`warm_tokenizer` splits the
chunks that came more than once in the zone just done, commonest first, outside any
zone, so they are cached (and their lexemes kept) for the zones that follow. The cache
is bounded by the tokenizer's ``max_cache_size``, and so is what this keeps; a cached
split is the same split, so the output does not change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.language import Language

__all__ = ["warm_tokenizer"]


def warm_tokenizer(nlp: Language, texts: Iterable[str], warmed: set[str]) -> None:
    """Split the recurring chunks of ``texts`` not in ``warmed`` (adding them) with
    ``nlp``'s tokenizer, outside any memory zone, while the cache has room for them."""
    room = int(getattr(nlp.tokenizer, "max_cache_size", 0)) - len(warmed)
    if room <= 0:
        return
    counts = Counter(chunk for text in texts for chunk in text.split())
    for chunk, seen in counts.most_common():
        if seen < 2 or room <= 0:
            break
        if chunk not in warmed:
            nlp.tokenizer(chunk)
            warmed.add(chunk)
            room -= 1
