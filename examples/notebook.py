"""A worked example for notebooks: the graph in networkx, centrality by type, communities.

    python examples/notebook.py [ENTITY_ID] [--data-dir DIR]

Loads the graph with :func:`graph.export.to_networkx` (from the configured store, or
the embedded one in ``--data-dir``), prints the most central entities of each type by
degree and betweenness, and the community around ``ENTITY_ID`` (default: the entity
with the highest degree) found by Louvain modularity. In a notebook, run the cells
one by one and keep ``graph`` for your own analysis. See docs/exports.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.graph.export.networkx import to_networkx
from newsgraph.graph.settings import get_settings
from newsgraph.graph.stores import open_store


def top_by_type(scores: dict[str, float], graph: nx.MultiDiGraph, k: int = 3) -> dict:
    """The ``k`` best-scoring entities of each entity type."""
    by_type: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for node, score in scores.items():
        by_type[graph.nodes[node].get("type", "?")].append((score, node))
    return {t: sorted(items, reverse=True)[:k] for t, items in sorted(by_type.items())}


def community_of(graph: nx.MultiDiGraph, entity: str, seed: int = 1) -> set[str]:
    """The Louvain community (on the undirected, edge-count-weighted graph) holding ``entity``."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if u != v:
            weight = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=weight + 1)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return next(c for c in communities if entity in c)


def main() -> None:
    """Load, rank, cluster, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entity", nargs="?", help="entity id, e.g. company:tesla")
    parser.add_argument("--data-dir", type=Path, help="embedded store folder")
    args = parser.parse_args()
    settings = get_settings()
    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir, "graph_url": ""})
    store = open_store(settings)
    try:
        graph = to_networkx(store)  # the whole graph; to_networkx(store, "neighbourhood", {...})
    finally:  # gives a saved query's subgraph instead
        store.close()
    print(f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations")
    if graph.number_of_edges() == 0:
        return

    degree = {n: float(d) for n, d in graph.degree()}
    k = min(500, graph.number_of_nodes())  # sampled betweenness keeps big graphs quick
    betweenness = nx.betweenness_centrality(nx.DiGraph(graph), k=k, seed=1)
    for title, scores in (("degree", degree), ("betweenness", betweenness)):
        print(f"\nTop entities by {title}, per type:")
        for kind, items in top_by_type(scores, graph).items():
            names = ", ".join(f"{graph.nodes[n].get('name', n)} ({s:.3g})" for s, n in items)
            print(f"  {kind:<10} {names}")

    entity = args.entity or max(degree, key=lambda n: degree[n])
    if entity not in graph:
        raise SystemExit(f"no entity {entity!r} in the graph")
    members = community_of(graph, entity)
    print(f"\nCommunity of {graph.nodes[entity].get('name', entity)}: {len(members)} entities")
    for node in sorted(members, key=lambda n: -degree[n])[:15]:
        attrs = graph.nodes[node]
        print(f"  {attrs.get('type', '?'):<10} {attrs.get('name', node)}")
    relations: dict[str, int] = defaultdict(int)
    for _, _, kind in graph.subgraph(members).edges(keys=True):
        relations[kind] += 1
    print("  relations inside:", dict(sorted(relations.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
