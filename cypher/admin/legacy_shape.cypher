// title: Find an edge in an older shape
// description: One relation in an older shape, if any, and which: 'lists' (all its sources
//   in lists on the edge, no source_count, no evidence records: admin/migrate_* are
//   needed) or 'sample' (evidence records, but the edge still copies its sample's
//   sentences in ev_* lists and source_counts: admin/drop_edge_evidence). graph.migrations.
// mode: read
MATCH (:Entity)-[r]->(:Entity)
WHERE (r.sources IS NOT NULL AND r.source_count IS NULL) OR r.ev_doc IS NOT NULL
RETURN CASE WHEN r.source_count IS NULL THEN 'lists' ELSE 'sample' END AS shape
ORDER BY shape
LIMIT 1
