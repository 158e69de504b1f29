"""``GET /style/newsgraph.grass``: the Neo4j Browser stylesheet, for ``:style <url>``.

The compose stack's Neo4j runs ``:style`` with this URL when the Browser connects
(``browser.post_connect_cmd``). The Browser fetches it from the page's own origin
(port 7474), so the answer allows any origin; it is public and needs no API key
(``OPEN_PATHS`` in :mod:`newsgraph.api.auth`). docs/neo4j-browser.md explains the file.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

__all__ = ["STYLE_PATH", "router"]

STYLE_PATH = "/style/newsgraph.grass"

router = APIRouter(tags=["system"])


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return (files("newsgraph.cypher") / "newsgraph.grass").read_text(encoding="utf-8")


@router.get(STYLE_PATH, response_class=PlainTextResponse, summary="Neo4j Browser stylesheet")
def stylesheet() -> PlainTextResponse:
    """``cypher/newsgraph.grass`` as text, readable from any origin."""
    return PlainTextResponse(_stylesheet(), headers={"Access-Control-Allow-Origin": "*"})
