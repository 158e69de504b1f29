"""Write ``docs/neodash/newsgraph-dashboard.json``: a NeoDash 2.4 dashboard whose reports
run newsgraph's saved queries on Neo4j.

Each report's query is the body of a saved query (the Neo4j override where there is
one, header comments left out) with its parameters renamed to NeoDash's global
parameters (``$id`` -> ``$neodash_entity_id``; ``SKIP``/``LIMIT`` values wrapped in
``toInteger`` because NeoDash sends numbers as floats). Run it again after a saved
query changes: ``python docs/neodash/build_dashboard.py``; ``tests/test_neodash.py``
fails until the shipped file matches.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from newsgraph.graph.query.registry import load_registry

__all__ = ["DASHBOARD", "PARAMETERS", "build", "report_query"]

DASHBOARD = Path(__file__).with_name("newsgraph-dashboard.json")

# saved-query parameter -> NeoDash global parameter (per query where names clash)
RENAME = {
    "id": "neodash_entity_id", "person": "neodash_entity_id", "from": "neodash_entity_id",
    "to": "neodash_other_id", "q": "neodash_search", "depth": "neodash_depth",
    "types": "neodash_relation_types", "since": "neodash_since", "until": "neodash_until",
    "by": "neodash_rank_by", "limit": "neodash_limit", "offset": "neodash_offset",
    "partners": "neodash_partners", "references": "neodash_references",
}  # fmt: skip
RENAME_IN = {"top_entities": {"type": "neodash_entity_type"},
             "entity_search": {"type": "neodash_entity_type"},
             "evidence_for": {"type": "neodash_relation_type"}}  # fmt: skip
PARAMETERS: dict[str, Any] = {
    "neodash_entity_id": "company:tesla", "neodash_other_id": "place:shanghai",
    "neodash_search": "tesla", "neodash_depth": 2, "neodash_relation_types": [],
    "neodash_since": None, "neodash_until": None, "neodash_rank_by": "relations",
    "neodash_entity_type": None, "neodash_relation_type": "LOCATED_IN",
    "neodash_limit": 100, "neodash_offset": 0, "neodash_partners": 200,
    "neodash_references": True,
}  # fmt: skip
"""Starting values of the global parameters (the select reports change the entity)."""

# (saved query, report title, NeoDash report type, x, y, width, height)
REPORTS = [
    ("neighbourhood", "Neighbourhood of the entity", "graph", 0, 2, 12, 5),
    ("entity_profile", "Profile: relations by type", "table", 12, 2, 12, 5),
    ("restrictions_on", "What restricts it (directly or where it is)", "table", 0, 7, 12, 4),
    ("timeline", "Timeline of its facts", "table", 12, 7, 12, 4),
    ("evidence_for", "Evidence: entity to the second entity", "table", 0, 11, 24, 4),
    ("top_entities", "Most connected entities", "bar", 0, 15, 12, 4),
    ("meetings", "Meetings of the entity", "table", 12, 15, 12, 4),
    ("entity_search", "Search names and aliases", "table", 0, 19, 24, 4),
]
REPORT_SETTINGS: dict[str, dict[str, Any]] = {
    "bar": {"index": "name", "value": "score"},
}


def _select(title: str, parameter: str, x: int) -> dict[str, Any]:
    """A NeoDash select report that sets ``parameter`` to an entity id."""
    query = ("MATCH (n:`Entity`) \nWHERE toLower(toString(n.`name`)) CONTAINS toLower($input) "
             "OR toLower(toString(n.`id`)) CONTAINS toLower($input) \n"
             "RETURN DISTINCT n.`id` AS value, n.`name` AS display "
             "ORDER BY size(toString(value)) ASC LIMIT 5")  # fmt: skip
    settings = {"type": "Node Property", "entityType": "Entity", "propertyType": "id",
                "propertyTypeDisplay": "name", "parameterName": parameter}  # fmt: skip
    return _report(title, query, "select", (x, 0, 12, 2), settings)


def _report(title: str, query: str, kind: str, box: tuple[int, int, int, int],
            settings: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    x, y, width, height = box
    report_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"newsgraph-neodash:{title}"))
    return {"id": report_id, "title": title, "query": query, "width": width, "height": height,
            "x": x, "y": y, "type": kind, "selection": {}, "settings": settings}  # fmt: skip


def report_query(name: str) -> str:
    """The saved query ``name`` (Neo4j text) with NeoDash's parameters."""
    saved = load_registry("neo4j").get(name)
    lines = saved.text.splitlines()
    body = "\n".join(line for line in lines[next(i for i, line in enumerate(lines)
                                                  if not line.startswith("//")):])  # fmt: skip
    names = {**RENAME, **RENAME_IN.get(name, {})}

    def rename(match: re.Match[str]) -> str:
        return "$" + names[match[1]]

    body = re.sub(r"\$([A-Za-z_][A-Za-z0-9_]*)", rename, body)
    return re.sub(r"(SKIP|LIMIT) (\$neodash_\w+)", r"\1 toInteger(\2)", body).strip() + "\n"


def build() -> dict[str, Any]:
    """The dashboard as NeoDash 2.4 saves it."""
    reports = [_select("Entity", "neodash_entity_id", 0),
               _select("Second entity (for the evidence)", "neodash_other_id", 12)]  # fmt: skip
    for name, title, kind, x, y, width, height in REPORTS:
        reports.append(_report(title, report_query(name), kind, (x, y, width, height),
                               dict(REPORT_SETTINGS.get(kind, {}))))  # fmt: skip
    return {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, "newsgraph-neodash-dashboard")),
        "title": "newsgraph: companies, officials, regulators",
        "version": "2.4",
        "settings": {
            "pagenumber": 0,
            "editable": True,
            "fullscreenEnabled": False,
            "parameters": dict(PARAMETERS),
            "theme": "light",
        },
        "pages": [{"title": "Explore", "reports": reports}],
        "parameters": {},
        "extensions": {"active": True, "activeReducers": []},
    }


if __name__ == "__main__":
    DASHBOARD.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {DASHBOARD}")
