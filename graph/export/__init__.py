"""Exports: the graph (or a saved query's subgraph) to networkx, files and neo4j-import.

- :mod:`.read`: paged reads of entities, documents, mentions and relations;
- :mod:`.networkx`: :func:`to_networkx` and :func:`export_to` (every format by name);
- :mod:`.files` and :mod:`.xml`: GraphML, GEXF, node-link JSON and CSV, written atomically;
- :mod:`.neo4j_import`: the CSV folder ``neo4j-admin database import full`` reads;
- :mod:`.copy`: the whole graph into another store.
"""

from newsgraph.graph.export.copy import CopyReport, copy_graph
from newsgraph.graph.export.networkx import (
    FORMATS,
    ExportResult,
    Subgraph,
    export_to,
    saved_query_subgraph,
    to_networkx,
)

__all__ = [
    "FORMATS",
    "CopyReport",
    "ExportResult",
    "Subgraph",
    "copy_graph",
    "export_to",
    "saved_query_subgraph",
    "to_networkx",
]
