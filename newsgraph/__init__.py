"""newsgraph: news articles into a knowledge graph of who does what to whom.

The short public API, for notebooks and scripts::

    from newsgraph import open_store, run_query, to_networkx

    store = open_store(data_dir="~/news/.newsgraph")   # or graph_url="bolt://..."
    rows = run_query("meetings", store=store, limit=20)
    graph = to_networkx(store)

The packages behind it: :mod:`newsgraph.ingest` (sources and extraction),
:mod:`newsgraph.graph` (stores, saved queries, exports), :mod:`newsgraph.api` (HTTP)
and :mod:`newsgraph.cli` (the ``newsgraph`` command).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from newsgraph._public import open_store, run_query, to_networkx

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__", "open_store", "run_query", "to_networkx"]
