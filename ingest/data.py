"""Data files of the extraction pipeline (gazetteer, type rules, relation patterns), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsgraph.graph.model import normalise_name

__all__ = ["DATA_DIR", "GazetteerEntry", "load_gazetteer", "load_yaml", "lookup_index"]

DATA_DIR = Path(str(files("newsgraph.ingest") / "data"))


@dataclass(frozen=True)
class GazetteerEntry:
    """One real, well-known entity: canonical name, ontology type and surface forms."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    demonyms: tuple[str, ...] = field(default=())


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
