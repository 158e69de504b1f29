// title: Relationship count
// description: How many relationships the graph holds. Part of the HTTP ETag marker
//   (api/caching.py): on its own the count comes from the engine's counters, not a scan.
// mode: read
MATCH ()-[r]->()
RETURN count(r) AS relationships
