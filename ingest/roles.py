"""Where a relation rule looks for its subject and object around a trigger word.

Each role is a small function of (context, trigger token, allowed types) returning
entity spans; relation rules in ``data/relation_patterns.yaml`` list roles by name
and the first role that finds something wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

__all__ = ["DocContext", "find_role"]

_PRONOUNS = {"its", "their", "his", "her", "it", "they", "he", "she"}
_MODIFIERS = ("compound", "amod", "nmod", "npadvmod")
_RELATIVES = {"who", "that"}
_OBJECTS = ("dobj", "attr", "oprd", "nsubjpass", "dative")


class DocContext:
    """Per-document lookups shared by all rules: entity at each token, salient company."""

    def __init__(self, doc: Doc, anaphors: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.anaphors = anaphors
        self.ents: Sequence[Span] = doc.ents  # (each read of doc.ents makes new spans)
        self.ent_at: dict[int, Span] = {t: e for e in self.ents for t in range(e.start, e.end)}
        refs = doc._.references if Doc.has_extension("references") else None
        self.refs: dict[int, Span] | None = refs  # None: no reference component ran
        counts = Counter(e.kb_id_ for e in self.ents if e.label_ == "Company")
        top = counts.most_common(1)
        self.salient: Span | None = None
        if top and top[0][1] >= 2:
            self.salient = next(e for e in self.ents if e.kb_id_ == top[0][0])

    def ents_in(self, tokens: Iterable[Token], types: frozenset[str]) -> list[Span]:
        """Distinct entities of the allowed types among ``tokens``, in text order."""
        found: dict[int, Span] = {}
        for token in tokens:
            ent = self.ent_at.get(token.i)
            if ent is not None and ent.label_ in types:
                found[ent.start] = ent
        return [found[k] for k in sorted(found)]

    def referent(self, token: Token, types: frozenset[str]) -> list[Span]:
        """The entity a pronoun, description or bare title stands for, if of the types."""
        ref = (self.refs or {}).get(token.i)
        return [ref] if ref is not None and ref.label_ in types else []

    def resolve_pronoun(self, token: Token, types: frozenset[str]) -> list[Span]:
        """The reference component's antecedent when it ran; else the clause subject, the
        nearest earlier entity of the types, or the salient company."""
        if self.refs is not None:
            return self.referent(token, types)
        node = token
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                inside = child.left_edge.i <= token.i <= child.right_edge.i
                if child.dep_ == "nsubj" and not inside:
                    found = self.ents_in(child.subtree, types)
                    if found:
                        return found[:1]
        floor = max(0, token.sent.start - 60)
        for i in range(token.i - 1, floor - 1, -1):
            ent = self.ent_at.get(i)
            if ent is not None and ent.label_ in types:
                return [ent]
        return self.salient_of(types)

    def nearest_before(self, i: int, types: frozenset[str], window: int = 3) -> list[Span]:
        """The nearest entity of the types ending before token ``i``, at most ``window``
        sentences back."""
        starts = [s.start for s in self.doc.sents if s.start <= i]
        floor = starts[max(0, len(starts) - 1 - window)] if starts else 0
        for ent in reversed(self.ents):
            if ent.end <= i and ent.start >= floor and ent.label_ in types:
                return [ent]
        return []

    def salient_of(self, types: frozenset[str]) -> list[Span]:
        """The document's most mentioned company, if its type is allowed."""
        return [self.salient] if self.salient is not None and self.salient.label_ in types else []


Role = Callable[[DocContext, Token, frozenset[str]], list[Span]]


def _subtree_ents(ctx: DocContext, children: Iterable[Token], types: frozenset[str]) -> list[Span]:
    out: list[Span] = []
    for child in children:
        if child.lower_ in _PRONOUNS:
            out += ctx.resolve_pronoun(child, types)
        else:
            out += ctx.ents_in(child.subtree, types) or ctx.referent(child, types)
    return out


def subj(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The grammatical subject of the trigger or of the verb that governs it."""
    node, came_from = tok, None
    for _ in range(5):
        subjects = [c for c in node.children
                    if c.dep_ == "nsubj" and (came_from is None or c.i != came_from.i)]
        if subjects:
            found = _subtree_ents(ctx, subjects, types)
            if not found and subjects[0].lower_ in _RELATIVES and node.dep_ == "relcl":
                found = ctx.ents_in([node.head], types)  # "Roe, who works for Acme"
                if not found and node.head.dep_ == "appos":  # "Roe, a Republican who served in ..."
                    found = ctx.ents_in([node.head.head], types)
            if not found and subjects[0].lemma_.lower() in ctx.anaphors and ctx.refs is None:
                found = ctx.salient_of(types)  # "the company", "the carmaker"
            return found
        if node.dep_ in ("ROOT", "relcl", "advcl", "ccomp", "acl") or node.head is node:
            break  # a participle's subject is the noun it modifies ("a field located ...")
        node, came_from = node.head, node
    return []


def poss(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The possessor of the trigger noun ("Tesla's factory", "its talks")."""
    heads = [tok, tok.head] if tok.dep_ in _MODIFIERS else [tok]
    owners = [c for h in heads for c in h.children if c.dep_ == "poss"]
    return _subtree_ents(ctx, owners, types)


def mod(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """Entity modifiers of the trigger noun ("Shanghai factory", "American sanctions")."""
    return _subtree_ents(ctx, [c for c in tok.children if c.dep_ in _MODIFIERS], types)


def dobj(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The object of the trigger verb (or the subject of a passive), with its conjuncts."""
    objects = [c for c in tok.children if c.dep_ in _OBJECTS]
    return _with_conjuncts(ctx, _subtree_ents(ctx, objects, types), types)


def agent(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The "by" agent of a passive trigger."""
    return _subtree_ents(ctx, [c for c in tok.children if c.dep_ == "agent"], types)


def prep(word: str) -> Role:
    """The object of a preposition attached to the trigger or to its light verb."""

    def role(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
        nodes = [tok, tok.head] if tok.dep_ in ("dobj", "attr", "compound") else [tok]
        preps = [c for n in nodes for c in n.children if c.dep_ in ("prep", "agent")]
        found = _subtree_ents(ctx, [p for p in preps if p.lower_ == word], types)
        if found or ctx.refs is None:
            return found
        # "a spokesman for the company": the description's referent
        return [r for p in preps if p.lower_ == word for c in p.children if c.dep_ == "pobj"
                for r in ctx.referent(c, types)]

    return role


def between(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """Both sides of "talks between A and B", "an agreement between A and B was reached"."""
    nodes = [tok, tok.head] if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else [tok]
    preps = [c for n in nodes for c in n.children
             if c.dep_ in ("prep", "agent") and c.lower_ == "between"]
    return _subtree_ents(ctx, preps, types)


def after_word(word: str) -> Role:
    """The first entity after ``word`` later in the sentence ("... by CASC")."""

    def role(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
        for token in tok.sent:
            if token.lower_ == word and token.i > tok.i:
                return ctx.ents_in(tok.doc[token.i + 1 : min(token.i + 4, tok.sent.end)], types)[:1]
        return []

    return role


def left(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The nearest entity before the trigger in its sentence; none for a participle that
    modifies a common noun ("a field located along the border": the field is located)."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.head.i not in ctx.ent_at:
        return []
    found = ctx.ents_in(tok.doc[tok.sent.start : tok.i], types)
    return found[-1:]


def right(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The first entity after the trigger in its sentence, with its conjuncts (lists)."""
    return _with_conjuncts(ctx, ctx.ents_in(tok.doc[tok.i + 1 : tok.sent.end], types), types)


def _with_conjuncts(ctx: DocContext, found: list[Span], types: frozenset[str]) -> list[Span]:
    """The first entity found and those joined to it in a list ("A, B and C")."""
    if not found:
        return []
    kept = [found[0]]
    for ent in found[1:]:
        head = ctx.ent_at.get(ent.root.head.i)
        if ent.root.dep_ in ("conj", "appos") and head is not None and head.label_ in types:
            kept.append(ent)
    return kept


def near(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The entity nearest the trigger on either side, within its sentence."""
    found = ctx.ents_in(tok.sent, types)
    return sorted(found, key=lambda e: min(abs(e.start - tok.i), abs(e.end - 1 - tok.i)))[:1]


def appos(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The entity a title noun stands in apposition to ("Jane Roe, a professor at ..."), with
    the names coordinated with it ("A and B, rivals of C")."""
    if tok.dep_ != "appos":
        return []
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    nodes = [head, *[c for c in head.children if c.dep_ == "conj"]]
    return ctx.ents_in(nodes, types)


def self_(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The person a bare title trigger stands for ("the chief executive of Acme said")."""
    return ctx.referent(tok, types) or (
        ctx.referent(tok.head, types) if tok.dep_ == "compound" else [])


def salient(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """The document's most mentioned company (for "the company", untold subjects)."""
    return ctx.salient_of(types)


def sentence(ctx: DocContext, tok: Token, types: frozenset[str]) -> list[Span]:
    """Every entity of the allowed types in the trigger's sentence."""
    return ctx.ents_in(tok.sent, types)


_ROLES: dict[str, Role] = {
    "subj": subj, "poss": poss, "mod": mod, "dobj": dobj, "agent": agent, "left": left,
    "right": right, "near": near, "salient": salient, "sentence": sentence, "appos": appos,
    "self": self_, "between": between,
}


def find_role(name: str) -> Role:
    """The role function for a name from the rules file: ``subj``, ``prep:with``, ``word:by``…"""
    if name.startswith("prep:"):
        return prep(name[5:])
    if name.startswith("word:"):
        return after_word(name[5:])
    try:
        return _ROLES[name]
    except KeyError:
        raise ValueError(f"unknown relation role {name!r}") from None
