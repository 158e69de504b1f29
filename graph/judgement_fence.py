"""Keep-apart inside one document: undo the extractor's joins across a fence.

The canonicaliser resolves a surname or a shorter name to a longer one of the same
document ("Quell" to "Mara Quell"). Where the shorter form's own id is kept apart from
the entity's, the form is moved to an entity of its own: with the mentions of the form
in the text that are not part of a longer form of the document, and with the relations
whose every evidence sentence names that form alone and none of the entity's other
forms. The rest stays with the entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgraph.graph.errors import SchemaError
from newsgraph.graph.model import Entity, Relation, entity_id

if TYPE_CHECKING:
    from newsgraph.graph.judgements import Judgements

__all__ = ["fence"]


def _matches(form: str, text: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def _alone(form: str, forms: Iterable[str], text: str) -> int:
    """How often ``form`` occurs in ``text`` outside the longer ``forms`` containing it."""
    covered = [span for other in forms if form in other and other != form
               for span in _matches(other, text)]  # fmt: skip
    return sum(1 for s, e in _matches(form, text)
               if not any(cs <= s and e <= ce for cs, ce in covered))  # fmt: skip


def fence(
    text: str, entities: list[Entity], relations: list[Relation], fenced: set[frozenset[str]],
    judgements: Judgements, doc_id: str,
) -> bool:  # fmt: skip
    """Move the forms joined across a fence (pairs of ``fenced`` ids) to entities of their
    own, changing ``entities`` and ``relations`` in place; True when something moved."""
    forms = {form for e in entities for form in e.aliases | {e.name}}
    moved = False
    for entity in list(entities):
        for form in sorted(entity.aliases - {entity.name}):
            try:
                other = judgements.resolve(entity_id(form, entity.type), doc_id)
            except SchemaError:
                continue
            if frozenset((entity.id, other)) not in fenced:
                continue
            count = _alone(form, forms, text)
            target = next((e for e in entities if e.id == other), None)
            if target is None:
                target = judgements.entity(other, form, entity.type)
                entities.append(target)
            target.aliases.add(form)
            target.mentions += max(count, 1)
            entity.aliases = entity.aliases - {form}
            entity.mentions = max(entity.mentions - count, 1)
            _move_relations(relations, entity, other, form, forms)
            moved = True
    return moved


def _move_relations(relations: list[Relation], entity: Entity, other: str, form: str,
                    forms: set[str]) -> None:  # fmt: skip
    """Relations of ``entity`` whose every sentence names ``form`` alone, and none of the
    entity's remaining forms, go to ``other``."""
    own = entity.aliases | {entity.name}
    for n, rel in enumerate(relations):
        if entity.id not in (rel.subject, rel.object) or not rel.evidence:
            continue
        if all(_alone(form, forms, ev.sentence) and not any(_matches(o, ev.sentence) for o in own)
               for ev in rel.evidence):  # fmt: skip
            subject = other if rel.subject == entity.id else rel.subject
            obj = other if rel.object == entity.id else rel.object
            relations[n] = replace(rel, subject=subject, object=obj)
