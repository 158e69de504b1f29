// title: Find the pre-evidence-record shape
// description: One relation that still keeps all its sources in lists (no source_count, no
//   evidence records), if any: the store needs admin/migrate_* (graph.migrations).
// mode: read
MATCH (a:Entity)-[r]->(:Entity)
WHERE r.sources IS NOT NULL AND r.source_count IS NULL
RETURN a.id AS id
LIMIT 1
