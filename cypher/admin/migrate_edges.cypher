// title: Migrate: relation summaries from evidence records
// description: For relations in the old shape, once admin/migrate_evidence has written their
//   records: counts, provenance and the bounded sample (the $sample newest sources, oldest
//   first, with their dates), exactly as write/merge_relations keeps them; the old
//   sentence lists go with admin/drop_edge_evidence, run after it.
// mode: write
// param sample: int -- how many sources an edge keeps in its lists
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sources IS NOT NULL AND r.source_count IS NULL
OPTIONAL MATCH (w:Evidence {edge: a.id + '|' + type(r) + '|' + b.id})
WITH r, w
ORDER BY w.date DESC, w.doc DESC
WITH r, collect(w) AS rest
WITH r, rest, reverse(rest[..$sample]) AS kept
SET r.sources = [w IN kept | w.doc],
    r.source_dates = [w IN kept | w.date],
    r.source_count = size(rest),
    r.evidence_count = reduce(t = 0, w IN rest | t + w.count),
    r.reference_count = 0,
    r.datasets = [],
    r.provenance = 'text'
