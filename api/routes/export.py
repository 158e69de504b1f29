"""``GET /export``: the graph (or a saved query's subgraph) as a downloadable file.

GraphML, GEXF and JSON come as one file; ``csv`` and ``neo4j-import`` (folders on the
command line) come as a zip of their files. The export is written to a temporary
folder by :func:`graph.export.export_to`, streamed, then removed.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from newsgraph.api.deps import SettingsDep, StoreDep
from newsgraph.api.schemas import ERROR_RESPONSES
from newsgraph.graph.errors import BadParameterError
from newsgraph.graph.export.networkx import export_to
from newsgraph.graph.query.registry import load_registry

__all__ = ["router"]

router = APIRouter(tags=["export"])

ExportFormat = Literal["graphml", "gexf", "json", "csv", "neo4j-import"]
_MEDIA = {
    "graphml": ("application/graphml+xml", "graph.graphml"),
    "gexf": ("application/gexf+xml", "graph.gexf"),
    "json": ("application/json", "graph.json"),
    "csv": ("application/zip", "graph-csv.zip"),
    "neo4j-import": ("application/zip", "graph-neo4j-import.zip"),
}


def _params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadParameterError(f"param wants k=v, not {pair!r}", parameter="param")
        params[key] = value
    return params


def _zip(folder: Path, path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(folder.iterdir()):
            archive.write(item, item.name)


_BINARY = {"type": "string", "format": "binary"}
_NODE_LINK = {  # networkx node-link JSON, keyed by entity (and document) ids
    "type": "object",
    "required": ["directed", "multigraph", "graph", "nodes", "edges"],
    "properties": {
        "directed": {"type": "boolean"},
        "multigraph": {"type": "boolean"},
        "graph": {"type": "object"},
        "nodes": {"type": "array", "items": {"type": "object", "required": ["id"]}},
        "edges": {"type": "array",
                  "items": {"type": "object", "required": ["source", "target", "key"]}},
    },
}  # fmt: skip
_FILE = {"description": "The export file", "content": {
    m: {"schema": _NODE_LINK if m == "application/json" else _BINARY} for m, _ in _MEDIA.values()
}}  # fmt: skip


@router.get("/export", summary="Export the graph as a file", response_class=FileResponse,
            responses={200: _FILE, **ERROR_RESPONSES})  # fmt: skip
def export_graph(
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[ExportFormat, Query(description="Output format.")] = "graphml",
    query: Annotated[str | None, Query(description="Only this saved query's subgraph.")] = None,
    param: Annotated[list[str], Query(description="Saved-query parameter k=v (repeat).")] = [],  # noqa: B006
    include_documents: Annotated[bool, Query(description="Add documents and MENTIONS.")] = False,
) -> FileResponse:
    """The export as a download; ``X-Truncated: true`` when the saved query hit the row cap."""
    media, filename = _MEDIA[format]
    work = Path(tempfile.mkdtemp(prefix="newsgraph-export-"))
    try:
        output = work / ("out" if format in ("csv", "neo4j-import") else filename)
        params = _params(param)
        if query is not None:  # text from the URL, in the parameters' types
            params = load_registry(store.info.engine).get(query).parse_text(params)
        result = export_to(store, format, output, query=query, params=params,
                           include_documents=include_documents, settings=settings,
                           workers=1)  # fmt: skip  # one request, one process
        if output.is_dir():
            _zip(output, work / filename)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return FileResponse(
        work / filename, media_type=media, filename=filename,
        headers={"X-Truncated": "true" if result.truncated else "false"},
        background=BackgroundTask(shutil.rmtree, work, ignore_errors=True),
    )  # fmt: skip
