"""Data files of the extraction pipeline (gazetteer, type rules, relation patterns), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.model import normalise_name

__all__ = [
    "DATA_DIR", "GazetteerEntry", "load_demonyms", "load_gazetteer", "load_yaml", "lookup_index",
    "word_list",
]

DATA_DIR = Path(str(files("newsgraph.ingest") / "data"))


@dataclass(frozen=True)
class GazetteerEntry:
    """One real, well-known entity: canonical name, ontology type and surface forms."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    demonyms: tuple[str, ...] = field(default=())
    country: str | None = None  # an organisation's home country (its seat)


def resolve(path: str | Path | None, default: str) -> Path:
    """A data file path: the given one, else the packaged default."""
    return Path(path) if path else DATA_DIR / default


@lru_cache(maxsize=8)
def load_gazetteer(path: str | Path | None = None) -> tuple[GazetteerEntry, ...]:
    """Read a gazetteer JSONL file (one entity per line)."""
    entries = []
    for line in resolve(path, "gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec: dict[str, Any] = json.loads(line)
            entries.append(
                GazetteerEntry(
                    name=rec["name"],
                    type=rec["type"],
                    aliases=tuple(rec.get("aliases", ())),
                    wikidata=rec.get("wikidata"),
                    demonyms=tuple(rec.get("demonyms", ())),
                    country=rec.get("country"),
                )
            )
    return tuple(entries)


@lru_cache(maxsize=8)
def lookup_index(path: str | Path | None = None) -> dict[str, GazetteerEntry]:
    """Normalised name or alias -> gazetteer entry (first entry wins)."""
    index: dict[str, GazetteerEntry] = {}
    for entry in load_gazetteer(path):
        for surface in (entry.name, *entry.aliases):
            index.setdefault(normalise_name(surface), entry)
    return index


@lru_cache(maxsize=16)
def load_yaml(path: str | Path | None, default: str) -> dict[str, Any]:
    """Read one YAML rules file."""
    data = yaml.safe_load(resolve(path, default).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def word_list(data: dict[str, Any], key: str, path: str | Path | None, default: str) -> list[str]:
    """The word list ``key`` of a rules file, refusing any entry that is not a string.

    YAML reads unquoted ``no``, ``yes``, ``on``, ``off`` as booleans and ``1`` as a number;
    such an entry would silently never match a word, so the file is rejected, naming the
    file, the list and the entry.
    """
    values = data.get(key)
    where = resolve(path, default)
    if not isinstance(values, list):
        raise BadInputError(f"{where}: {key!r} must be a list of words", file=str(where), key=key)
    for n, value in enumerate(values):
        if not isinstance(value, str):
            raise BadInputError(
                f"{where}: {key}[{n}] is {value!r} ({type(value).__name__}), not a word; "
                "quote it in the YAML file", file=str(where), key=key, entry=n)
    return values


@lru_cache(maxsize=8)
def load_demonyms(
    path: str | Path | None = None, gazetteer_path: str | Path | None = None
) -> dict[str, str]:
    """Demonym -> country: ``demonyms.yaml`` (every country) plus the gazetteer's own."""
    table: dict[str, str] = {}
    for entry in load_gazetteer(gazetteer_path):
        for demonym in entry.demonyms if entry.type == "Place" else ():
            table.setdefault(demonym, entry.name)
    countries = load_yaml(path, "demonyms.yaml").get("countries", {})
    for country in countries:
        for demonym in word_list(countries, country, path, "demonyms.yaml"):
            table.setdefault(demonym, str(country))
    return table
