"""The graph schema as data: ``graph/schema.yaml`` loaded into frozen dataclasses.

The schema is the allow-list for every label and relation type that may be
written or interpolated into Cypher (see :func:`quote_name`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsgraph.graph.cypher import CypherFile
from newsgraph.graph.errors import SchemaError

__all__ = [
    "ENTITY_LABEL",
    "LabelSpec",
    "RelationSpec",
    "Schema",
    "fill_names",
    "load_schema",
    "quote_name",
]

ENTITY_LABEL = "Entity"
DOCUMENT_LABEL = "Document"
_PLACEHOLDER = re.compile(r"__([A-Z]+)__")
_NAME = re.compile(r"^[A-Z][A-Za-z]*$|^[A-Z][A-Z_]*[A-Z]$")
SCHEMA_PATH = Path(str(files("newsgraph.graph") / "schema.yaml"))


@dataclass(frozen=True)
class LabelSpec:
    """An entity type: its label, description and the labels it implies."""

    name: str
    description: str
    also: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label a node of this type carries, ``Entity`` first."""
        return (ENTITY_LABEL, *self.also, self.name)


@dataclass(frozen=True)
class RelationSpec:
    """A relation type with the labels it may connect."""

    name: str
    description: str
    sources: frozenset[str]
    targets: frozenset[str]
    symmetric: bool = False
    same_label: bool = False


@dataclass(frozen=True)
class Schema:
    """Labels and relation types, with the checks extraction output must pass."""

    labels: dict[str, LabelSpec]
    relations: dict[str, RelationSpec]

    def label(self, name: str) -> LabelSpec:
        """The spec of entity type ``name``, or :class:`SchemaError`."""
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(
                f"unknown entity type {name!r}", allowed=sorted(self.labels)
            ) from None

    def relation(self, name: str) -> RelationSpec:
        """The spec of relation type ``name``, or :class:`SchemaError`."""
        try:
            return self.relations[name]
        except KeyError:
            raise SchemaError(
                f"unknown relation type {name!r}", allowed=sorted(self.relations)
            ) from None

    def allows(self, relation: str, source_type: str, target_type: str) -> bool:
        """Whether ``relation`` may join an entity of ``source_type`` to one of ``target_type``.

        A symmetric type has no direction, so either order will do: its edges are
        stored once in the canonical (sorted id) order, which may be the reverse of
        the one its ``from``/``to`` lists name (Apple PARTNERS_WITH a regulator).
        """
        spec = self.relation(relation)
        src = set(self.label(source_type).labels)
        dst = set(self.label(target_type).labels)

        def ok(a: set[str], b: set[str]) -> bool:
            if not (a & spec.sources and b & spec.targets):
                return False
            return not spec.same_label or bool(a & b & spec.sources)

        return ok(src, dst) or (spec.symmetric and ok(dst, src))

    def check_relation(self, relation: str, source_type: str, target_type: str) -> None:
        """Raise :class:`SchemaError` unless :meth:`allows` holds."""
        if not self.allows(relation, source_type, target_type):
            raise SchemaError(
                f"{relation} cannot join {source_type} to {target_type}",
                relation=relation,
                source_type=source_type,
                target_type=target_type,
            )

    @cached_property
    def symmetric(self) -> frozenset[str]:
        """Relation types stored once, in a canonical direction."""
        return frozenset(n for n, r in self.relations.items() if r.symmetric)


def quote_name(name: str, schema: Schema | None = None) -> str:
    """Backtick-quote a label or relation type for Cypher, if the schema allows it.

    This is the one place a name is interpolated into Cypher. Values never are.
    """
    schema = schema or load_schema()
    known = {ENTITY_LABEL, DOCUMENT_LABEL, *schema.labels, *schema.relations}
    if name not in known or not _NAME.match(name):
        raise SchemaError(f"{name!r} is not a label or relation type of the schema")
    return f"`{name}`"


def fill_names(statement: CypherFile, names: Mapping[str, Sequence[str]]) -> str:
    """The statement's text with each ``__KEY__`` placeholder replaced by checked names.

    ``names["LABELS"] = ("Entity", "Person")`` becomes ``\\`Entity\\`:\\`Person\\```. With
    :func:`quote_name`, this is the only way a name enters Cypher; anything that is
    not a label or relation type of the schema is refused.
    """

    def replace(match: re.Match[str]) -> str:
        key = match[1]
        if not names.get(key):
            raise SchemaError(f"{statement.path}: no names given for placeholder __{key}__")
        return ":".join(quote_name(name) for name in names[key])

    return _PLACEHOLDER.sub(replace, statement.text)


def _as_names(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{where}: expected a list of label names")
    return frozenset(value)


def parse_schema(data: Any, source: str = "schema") -> Schema:
    """Build and validate a :class:`Schema` from parsed YAML."""
    if not isinstance(data, dict) or not {"labels", "relations"} <= set(data):
        raise SchemaError(f"{source}: needs 'labels' and 'relations' mappings")
    labels: dict[str, LabelSpec] = {}
    for name, body in (data["labels"] or {}).items():
        body = body or {}
        if not _NAME.match(name):
            raise SchemaError(f"{source}: bad label name {name!r}")
        labels[name] = LabelSpec(
            name, str(body.get("description", "")), tuple(body.get("also", []))
        )
    for spec in labels.values():
        for parent in spec.also:
            if parent not in labels:
                raise SchemaError(f"{source}: label {spec.name} implies unknown label {parent!r}")
    relations: dict[str, RelationSpec] = {}
    for name, body in (data["relations"] or {}).items():
        if not _NAME.match(name) or not isinstance(body, dict):
            raise SchemaError(f"{source}: bad relation {name!r}")
        where = f"{source}: relation {name}"
        sources, targets = _as_names(body.get("from"), where), _as_names(body.get("to"), where)
        unknown = (sources | targets) - set(labels)
        if unknown:
            raise SchemaError(f"{where} names unknown labels {sorted(unknown)}")
        relations[name] = RelationSpec(
            name,
            str(body.get("description", "")),
            sources,
            targets,
            bool(body.get("symmetric", False)),
            bool(body.get("same_label", False)),
        )
    return Schema(labels, relations)


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    """Load and validate the schema file (cached)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaError(f"{path}: cannot load schema: {exc}") from exc
    return parse_schema(data, str(path))
