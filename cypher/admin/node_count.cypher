// title: Node count
// description: How many nodes the graph holds. Part of the HTTP ETag marker (api/caching.py):
//   on its own the count comes from the engine's counters, not a scan.
// mode: read
MATCH (n)
RETURN count(n) AS nodes
