"""Saved queries: the registry of ``cypher/queries/*.cypher``, typed parameters, results.

- :mod:`.registry`: loads and checks the saved queries; binds and runs one, capped;
- :mod:`.params`: the parameter grammar of a query's header, and binding;
- :mod:`.results`: rows as CSV and as a graph of nodes and edges.
"""

from newsgraph.graph.query.registry import QueryPage, QueryRegistry, SavedQuery, load_registry

__all__ = ["QueryPage", "QueryRegistry", "SavedQuery", "load_registry"]
