"""Typed parameters of saved queries: the ``// param`` header grammar, parsing and binding.

One ``// param`` line declares one parameter::

    // param NAME: TYPE[?] [= DEFAULT] [[MIN..MAX]] [-- HELP]

- ``NAME``: lower-case identifier; it is bound as ``$NAME`` in the statement.
- ``TYPE``: ``string``, ``int``, ``float``, ``bool``, ``date`` (an ISO calendar date,
  ``YYYY-MM-DD``, checked and bound as that text: the statement compares with
  ``date($NAME)``), ``search`` (free text reduced to
  lower-case words, safe for either engine's full-text syntax), ``enum(A,B,...)``,
  ``list`` (of strings) or ``list[ITEM]`` with ``ITEM`` one of ``string``, ``int``,
  ``float`` or ``enum(...)``. ``enum(@entity_types)`` and ``enum(@relation_types)``
  expand to the labels and relation types of ``graph/schema.yaml``.
- ``?``: the value may be ``null``.
- ``= DEFAULT``: ``null``, a number, ``true``/``false``, a quoted or bare string, or a
  list ``[a, b]``. Without a default the parameter is required.
- ``[MIN..MAX]``: inclusive bounds, either side optional. For numbers they bound the
  value, for strings, search text and lists their length.
- ``-- HELP``: a short description, shown in the catalogue and the OpenAPI schema.

Examples: ``// param limit: int = 25 [1..500] -- max rows``,
``// param type: enum(@entity_types)? = null -- only this type``,
``// param types: list[enum(@relation_types)] = [] -- relation types (all when empty)``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.graph.errors import BadParameterError, SchemaError
from newsgraph.graph.schema import load_schema

__all__ = ["SCALAR_KINDS", "ParamSpec", "bind_all", "parse_param"]

SCALAR_KINDS = ("string", "int", "float", "bool", "date", "search", "enum")
_MISSING: Any = object()
_LINE = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*:\s*"
    r"(?P<type>list\[[^\]]*\]|enum\([^)]*\)|[a-z]+)(?P<nullable>\?)?\s*"
    r"(?:=\s*(?P<default>\[[^\]]*\]|'[^']*'|\"[^\"]*\"|[^\s\[]+))?\s*"
    r"(?:\[(?P<min>[^\].]*)\.\.(?P<max>[^\]]*)\])?\s*"
    r"(?:--\s*(?P<help>.*))?$"
)
_ENUM = re.compile(r"^enum\((?P<values>[^)]*)\)$")
_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter of a saved query."""

    name: str
    kind: str
    """``string``, ``int``, ``float``, ``bool``, ``date``, ``search``, ``enum`` or ``list``."""
    item: str | None = None
    """For lists: the kind of each item."""
    values: tuple[str, ...] = ()
    """For enums (and lists of enums): the allowed values."""
    nullable: bool = False
    default: Any = _MISSING
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""

    @property
    def required(self) -> bool:
        """True when the parameter has no default."""
        return self.default is _MISSING

    @property
    def type_label(self) -> str:
        """The type as written in the header, e.g. ``list[enum(A,B)]``."""
        inner = f"enum({','.join(self.values)})" if self.values else (self.item or self.kind)
        base = f"list[{inner}]" if self.kind == "list" else inner
        return base + ("?" if self.nullable else "")

    def describe(self) -> dict[str, Any]:
        """The catalogue entry: name, type, required, default, bounds, values, help."""
        return {
            "name": self.name,
            "type": self.kind,
            "item_type": self.item,
            "declared": self.type_label,
            "nullable": self.nullable,
            "required": self.required,
            "default": None if self.required else self.default,
            "min": self._shown(self.minimum),
            "max": self._shown(self.maximum),
            "values": list(self.values) or None,
            "description": self.help,
        }

    def _shown(self, bound: float | None) -> float | int | None:
        if bound is None or (self.kind == "float"):
            return bound
        return int(bound)

    def parse_text(self, value: Any) -> Any:
        """The value a command line or URL gives as text, in this parameter's type
        (``a,b`` for a list; ``true``/``1`` for a bool); other values as they are. The
        edges (CLI, HTTP) call this once; :meth:`bind` then checks typed values only."""
        if not isinstance(value, str):
            return value
        if self.kind == "list":
            kind = self.item or "string"
            return [_from_text(kind, item.strip(), self) for item in value.split(",")]
        return _from_text(self.kind, value.strip(), self)

    def bind(self, value: Any) -> Any:
        """Check one value; raise naming it."""
        if value is None:
            if self.nullable:
                return None
            raise self._bad("may not be null")
        if self.kind == "list":
            if not isinstance(value, list | tuple):
                raise self._bad(f"must be a list, not {_kind_of(value)}")
            self._check_bounds(len(value), "length")
            kind = self.item or "string"
            return [self._scalar(kind, v) for v in value]
        return self._scalar(self.kind, value, bounds=True)

    def _scalar(self, kind: str, value: Any, *, bounds: bool = False) -> Any:
        if kind in ("string", "search", "enum"):
            if not isinstance(value, str):
                raise self._bad(f"must be a string, not {_kind_of(value)}")
            _check_text(value, self)
            if kind == "enum" and value not in self.values:
                raise self._bad(f"must be one of {', '.join(self.values)}; got {value!r}")
            if kind == "search":
                value = " ".join(_WORD.findall(value.lower()))
                if not value:
                    raise self._bad("must contain at least one letter or digit")
            if bounds:
                self._check_bounds(len(value), "length")
            return value
        if kind == "date":
            return _iso_date(value, self)
        if kind == "bool":
            if not isinstance(value, bool):
                raise self._bad(f"must be true or false, not {_kind_of(value)}")
            return value
        if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            raise self._bad(f"must be an integer, not {_kind_of(value)}")
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self._bad(f"must be a number, not {_kind_of(value)}")
            if not math.isfinite(value):
                raise self._bad("must be a finite number")
            value = float(value)
        if bounds:
            self._check_bounds(value, "value")
        return value

    def _check_bounds(self, measure: float, what: str) -> None:
        if self.minimum is not None and measure < self.minimum:
            raise self._bad(f"{what} must be at least {_num(self.minimum)}; got {measure}")
        if self.maximum is not None and measure > self.maximum:
            raise self._bad(f"{what} must be at most {_num(self.maximum)}; got {measure}")

    def _bad(self, reason: str) -> BadParameterError:
        return BadParameterError(f"parameter {self.name!r} {reason}", param=self.name)


def _check_text(value: str, spec: ParamSpec) -> None:
    """Refuse NUL and lone surrogates: FalkorDB's client sends parameters as text, and a
    NUL ends the statement there (a syntax error, never an injection, but not the caller's
    intent); a lone surrogate cannot be encoded at all."""
    if "\x00" in value:
        raise spec._bad("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise spec._bad("must be valid Unicode text (no lone surrogates)") from None


def _iso_date(value: Any, spec: ParamSpec) -> str:
    """``value`` as ``YYYY-MM-DD`` text: a :class:`datetime.date` or text of a real date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise spec._bad(f"must be an ISO date (YYYY-MM-DD), not {_kind_of(value)}")
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise spec._bad(f"must be an ISO date (YYYY-MM-DD); got {value[:40]!r}") from None


def _kind_of(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}.get(
        type(value), type(value).__name__
    )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _from_text(kind: str, text: str, spec: ParamSpec) -> Any:
    """Convert a command-line or query-string value to ``kind``."""
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        raise spec._bad(f"must be {'an integer' if kind == 'int' else 'a number'}; "
                        f"got {text!r}") from None  # fmt: skip
    if kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise spec._bad(f"must be true or false; got {text!r}")
    return text


def _enum_values(text: str, where: str) -> tuple[str, ...]:
    inner = _ENUM.match(text)
    if inner is None:
        raise SchemaError(f"{where}: bad enum {text!r}")
    raw = inner["values"].strip()
    if raw == "@entity_types":
        return tuple(sorted(load_schema().labels))
    if raw == "@relation_types":
        return tuple(sorted(load_schema().relations))
    values = tuple(v.strip() for v in raw.split(",") if v.strip())
    if not values or any(not re.fullmatch(r"[A-Za-z0-9_]+", v) for v in values):
        raise SchemaError(f"{where}: enum values must be words separated by commas: {text!r}")
    return values


def _literal(text: str) -> Any:
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    if text[:1] in "'\"" and text[-1:] == text[:1]:
        return text[1:-1]
    if text.startswith("["):
        return [_literal(v.strip()) for v in text[1:-1].split(",") if v.strip()]
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def _bound(text: str | None, where: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise SchemaError(f"{where}: bound {text!r} is not a number") from None


def _kind(type_text: str, where: str) -> tuple[str, str | None, tuple[str, ...]]:
    if type_text.startswith("list"):
        inner = type_text[5:-1] if type_text != "list" else "string"
        if inner.startswith("enum("):
            return "list", "enum", _enum_values(inner, where)
        if inner not in ("string", "int", "float"):
            raise SchemaError(f"{where}: list items must be string, int, float or enum(...)")
        return "list", inner, ()
    if type_text.startswith("enum("):
        return "enum", None, _enum_values(type_text, where)
    if type_text not in SCALAR_KINDS:
        raise SchemaError(f"{where}: unknown type {type_text!r} (use {', '.join(SCALAR_KINDS)}, "
                          "list or list[...])")  # fmt: skip
    return type_text, None, ()


def parse_param(text: str, where: str) -> ParamSpec:
    """Parse one ``// param`` declaration; ``where`` (``path:line``) prefixes any error."""
    match = _LINE.match(text.strip())
    if match is None:
        raise SchemaError(f"{where}: cannot parse parameter {text!r}; expected "
                          "'NAME: TYPE[?] [= DEFAULT] [[MIN..MAX]] [-- HELP]'")  # fmt: skip
    kind, item, values = _kind(match["type"], where)
    spec = ParamSpec(
        name=match["name"],
        kind=kind,
        item=item,
        values=values,
        nullable=bool(match["nullable"]),
        minimum=_bound(match["min"], where),
        maximum=_bound(match["max"], where),
        help=(match["help"] or "").strip(),
    )
    if match["default"] is None:
        return spec
    try:
        default = spec.bind(_literal(match["default"]))
    except BadParameterError as exc:
        raise SchemaError(
            f"{where}: default {match['default']!r} is invalid: {exc.message}"
        ) from exc
    return ParamSpec(**{**spec.__dict__, "default": default})


def parse_all(specs: Sequence[ParamSpec], raw: Mapping[str, Any]) -> dict[str, Any]:
    """:meth:`ParamSpec.parse_text` for every declared parameter in ``raw`` (an unknown one
    is left for :func:`bind_all` to refuse)."""
    by_name = {spec.name: spec for spec in specs}
    return {k: by_name[k].parse_text(v) if k in by_name else v for k, v in raw.items()}


def bind_all(specs: Sequence[ParamSpec], raw: dict[str, Any]) -> dict[str, Any]:
    """Bind every declared parameter from ``raw``; reject unknown and missing ones by name."""
    known = {spec.name for spec in specs}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise BadParameterError(
            f"unknown parameter {unknown[0]!r} (known: {', '.join(sorted(known))})",
            param=unknown[0],
        )
    bound: dict[str, Any] = {}
    for spec in specs:
        if spec.name in raw:
            bound[spec.name] = spec.bind(raw[spec.name])
        elif spec.required:
            raise BadParameterError(f"missing required parameter {spec.name!r}", param=spec.name)
        else:
            bound[spec.name] = spec.default
    return bound
