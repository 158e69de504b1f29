"""Relation rules loaded from ``data/relation_patterns.yaml`` and run over a parsed doc.

Four kinds: trigger frames (dependency roles around a trigger word), possessives
("SpaceX's Starlink"), token patterns over entity types (titles, place pairs) and
sentence co-occurrence. Each yields :class:`Candidate` relations; negation and
hedging are judged afterwards by the negation component from the trigger word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.ingest.flags import add_pattern
from newsgraph.ingest.roles import DocContext, Role, find_role

__all__ = ["Candidate", "RuleSet", "expand_words"]


@dataclass(frozen=True)
class Candidate:
    """A relation proposed by a rule: two entity spans, the sentence, the trigger."""

    subject: Span
    relation: str
    object: Span
    rule: str
    confidence: float
    trigger: int | None = None
    anchor: int | None = None

    @property
    def sentence(self) -> Span:
        """The sentence the evidence comes from: the trigger's, else the anchor's (the word
        that states the relation when an end is a reference to an earlier sentence), else
        the subject's."""
        at = self.trigger if self.trigger is not None else self.anchor
        return self.subject.sent if at is None else self.subject.doc[at].sent


@dataclass(frozen=True)
class Frame:
    """A trigger word with the roles its subject and object are found in."""

    name: str
    relation: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    subject_types: frozenset[str]
    subject_roles: tuple[Role, ...]
    object_types: frozenset[str]
    object_roles: tuple[Role, ...]
    confidence: float
    pair_within_subject: bool = False

    @classmethod
    def load(cls, spec: dict[str, Any]) -> Frame:
        """A frame from its YAML mapping."""
        return cls(
            name=spec["name"],
            relation=spec["relation"],
            lemmas=frozenset(spec["trigger"]["lemma"]),
            pos=frozenset(spec["trigger"].get("pos", ["VERB", "NOUN"])),
            subject_types=frozenset(spec["subject"]["types"]),
            subject_roles=tuple(find_role(r) for r in spec["subject"]["roles"]),
            object_types=frozenset(spec["object"]["types"]),
            object_roles=tuple(find_role(r) for r in spec["object"]["roles"]),
            confidence=float(spec.get("confidence", 0.7)),
            pair_within_subject=bool(spec.get("pair_within_subject", False)),
        )

    def run(self, ctx: DocContext, i: int) -> Iterator[Candidate]:
        """Candidates for the trigger at token ``i``."""
        tok = ctx.doc[i]
        subjects = _first(ctx, tok, self.subject_roles, self.subject_types)
        objects = [o for o in _first(ctx, tok, self.object_roles, self.object_types)
                   if all(o.kb_id_ != s.kb_id_ for s in subjects)]
        pairs = [(s, o) for s in subjects for o in objects]
        if not objects and self.pair_within_subject and len(subjects) > 1:
            pairs = [(subjects[0], s) for s in subjects[1:]]
        for s, o in pairs:
            yield Candidate(s, self.relation, o, self.name, self.confidence, i)


def _first(ctx: DocContext, tok: Any, roles: tuple[Role, ...], types: frozenset[str]) -> list[Span]:
    for role in roles:
        found = [e for e in role(ctx, tok, types) if not (e.start <= tok.i < e.end)]
        if found:
            return found
    return []


class RuleSet:
    """Every relation rule of one rules file, ready to run over parsed documents."""

    def __init__(self, vocab: Vocab, spec: dict[str, Any]) -> None:
        self.frames = [Frame.load(f) for f in spec.get("frames", [])]
        self.by_lemma: dict[str, list[Frame]] = {}
        for frame in self.frames:
            for lemma in frame.lemmas:
                self.by_lemma.setdefault(lemma, []).append(frame)
        self.possessives = spec.get("possessives", [])
        self.cooccur = spec.get("cooccur", [])
        self.patterns = {p["name"]: p for p in spec.get("patterns", [])}
        self.matcher = Matcher(vocab, validate=False)  # add_pattern validates
        words = spec.get("words", {})
        self.anaphors = frozenset(words.get("company_anaphors", []))
        for name, pattern in self.patterns.items():
            add_pattern(self.matcher, name, expand_words(pattern["pattern"], words), "LONGEST")

    def run(self, doc: Doc, ctx: DocContext | None = None) -> list[Candidate]:
        """All candidate relations in ``doc`` (``ctx``: its lookups, if already made)."""
        ctx = ctx or DocContext(doc, self.anaphors)
        found: list[Candidate] = []
        for tok in doc:
            for frame in self.by_lemma.get(tok.lemma_.lower(), ()):
                if tok.pos_ in frame.pos and tok.i not in ctx.ent_at:
                    found.extend(frame.run(ctx, tok.i))
        found.extend(self.run_possessives(ctx))
        found.extend(self.run_patterns(ctx))
        found.extend(self.run_cooccur(ctx))
        return found

    def run_possessives(self, ctx: DocContext) -> Iterator[Candidate]:
        """"X's Y" between entities, "its Y" resolved to the nearest earlier entity."""
        for ent in ctx.ents:
            heads = [ent.root]
            heads += [c for c in ent.root.lefts if c.dep_ in ("compound", "amod")]
            if ent.root.dep_ in ("compound", "amod", "nmod", "appos", "conj"):
                heads.append(ent.root.head)
            owners = [c for h in heads for c in h.children if c.dep_ == "poss"]
            for rule in self.possessives:
                if ent.label_ not in rule["possessed"]:
                    continue
                types = frozenset(rule["possessor"])
                for holder in _owners(ctx, owners, types):
                    pair = (ent, holder) if rule.get("reverse") else (holder, ent)
                    yield Candidate(pair[0], rule["relation"], pair[1], "possessive",
                                    float(rule.get("confidence", 0.7)), anchor=ent.start)

    def run_patterns(self, ctx: DocContext) -> Iterator[Candidate]:
        """Token patterns over entity types: titles, place pairs, datelines."""
        for match_id, start, end in self.matcher(ctx.doc):
            spec = self.patterns[ctx.doc.vocab.strings[match_id]]
            types = frozenset(spec["subject"]) | frozenset(spec["object"])
            ents = ctx.ents_in(ctx.doc[start:end], types)
            subjects = [e for e in ents if e.label_ in spec["subject"]]
            if not subjects:
                continue
            subject = subjects[-1] if spec.get("subject_last") else subjects[0]
            if spec.get("not_in_list") and (_in_list(ctx, start, end, subject.label_)
                                            or _pair_follows(ctx, end)):
                continue
            heads = subjects if spec.get("all_subjects") else [subject]
            if spec.get("list_subjects"):
                heads += _list_before(ctx, subject)
            objects = [e for e in ents if e.label_ in spec["object"] and e.kb_id_ != subject.kb_id_]
            if not spec.get("all_objects"):
                objects = objects[-1:] if spec.get("pick") == "last" else objects[:1]
            fallback = spec.get("fallback_object")
            if not objects and fallback == "nearest":  # "... Acme. Chief executive Jane Roe"
                objects = ctx.nearest_before(start, frozenset(spec["object"]))
            if not objects and fallback in ("salient", "nearest"):
                objects = ctx.salient_of(frozenset(spec["object"]))
            for obj in objects:
                for head in (h for h in heads if h.kb_id_ != obj.kb_id_):
                    yield Candidate(head, spec["relation"], obj, spec["name"],
                                    float(spec.get("confidence", 0.7)))

    def run_cooccur(self, ctx: DocContext) -> Iterator[Candidate]:
        """Sentences naming a subject-type entity and exactly one object-type entity."""
        for sent in ctx.doc.sents:
            for rule in self.cooccur:
                subjects = ctx.ents_in(sent, frozenset(rule["subject"]))
                objects = ctx.ents_in(sent, frozenset(rule["object"]))
                if subjects and 0 < len({o.kb_id_ for o in objects}) <= rule.get("max_objects", 1):
                    for s in subjects:
                        yield Candidate(s, rule["relation"], objects[0], rule["name"],
                                        float(rule.get("confidence", 0.5)))


def _in_list(ctx: DocContext, start: int, end: int, label: str) -> bool:
    """Whether the match is part of a list of names ("Colombia, Bolivia, Peru and Chile") rather
    than a chain of ever larger places ("Azusa, Calif."): the run of names around it (people
    only in a list of people) is joined by "and"/"or" somewhere, or has four names or more."""
    doc, names = ctx.doc, 0
    people = {"Person", "Official"}
    ent_at = {i: e for i, e in ctx.ent_at.items() if (e.label_ in people) == (label in people)}
    while end > start and (end - 1) not in ent_at:  # a match may end past its last name
        end -= 1
    inside = len({ent_at[k].start for k in range(start, end) if k in ent_at})
    conjunction = False
    i = start
    while (j := _skip_joiners(doc, i - 1, -1)) != i - 1 and j in ent_at:
        before = ent_at[j].start
        if j < i - 2 and before > 1 and doc[before - 1].text == "," and (before - 2) in ent_at:
            break  # the pair before in a list of pairs: "Ely, Nev., and Troy, Ohio"
        conjunction = conjunction or any(t.text != "," for t in doc[j + 1 : i])
        i, names = ent_at[j].start, names + 1
    i = end
    while (j := _skip_joiners(doc, i, 1)) != i and j in ent_at:
        after = ent_at[j].end
        if after + 1 < len(doc) and doc[after].text == "," and (after + 1) in ent_at:
            break  # a list of pairs: "Ely, Nev., and Troy, Ohio"
        conjunction = conjunction or any(t.text != "," for t in doc[i:j])
        i, names = ent_at[j].end, names + 1
    # "Ashby, Bly, Coldwell and northern Dane county": three names, then "and" goes on listing
    trailing = names + inside >= 3 and i < len(doc) and doc[i].lower_ in ("and", "or")
    return conjunction or trailing or names + inside >= 4


def _pair_follows(ctx: DocContext, end: int) -> bool:
    """Whether "in <place>" follows the match: a list of pairs ("Ely in Nye, Troy in Lane")
    where the comma joins two pairs, not a town and its region."""
    doc = ctx.doc
    while end > 0 and (end - 1) not in ctx.ent_at:
        end -= 1
    if end >= len(doc) - 1 or doc[end].lower_ != "in":
        return False
    nxt = end + 2 if doc[end + 1].lower_ == "the" else end + 1
    place = ctx.ent_at.get(nxt)
    return place is not None and place.label_ == "Place"


def _list_before(ctx: DocContext, ent: Span) -> list[Span]:
    """The names of ``ent``'s type listed before it ("Ashby, Bly and Coldwell in ..." gives
    Ashby and Bly for Coldwell); none unless the last joiner is "and" or "or"."""
    doc, i = ctx.doc, ent.start
    out: list[Span] = []
    if i < 1 or doc[i - 1].lower_ not in ("and", "or"):
        return out
    while (j := _skip_joiners(doc, i - 1, -1)) != i - 1 and j in ctx.ent_at:
        before = ctx.ent_at[j]
        paired = before.start > 0 and doc[before.start - 1].lower_ in ("in", "of")
        if before.label_ != ent.label_ or paired:
            break  # another type, or a list of pairs ("Ely in Nye, and Troy in Ohio")
        out.append(before)
        i = before.start
    return out


def _skip_joiners(doc: Doc, i: int, step: int) -> int:
    """The first token from ``i`` (going by ``step``) past up to two list joiners (", and")."""
    for _ in range(2):
        if 0 <= i < len(doc) and doc[i].text in (",", "and", "or"):
            i += step
    return i


def _owners(ctx: DocContext, owners: list[Any], types: frozenset[str]) -> list[Span]:
    out: list[Span] = []
    for owner in owners:
        ent = ctx.ent_at.get(owner.i)
        if ent is not None:
            out += [ent] if ent.label_ in types else []
        elif owner.lower_ in ("its", "their"):
            out += ctx.resolve_pronoun(owner, types)
    return out


def expand_words(
    pattern: list[dict[str, Any]], words: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Replace ``"$name"`` word-list references inside a Matcher pattern."""

    def fix(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            return words[value[1:]]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return [fix(token) for token in pattern]
