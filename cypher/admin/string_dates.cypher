// title: Find dates stored as text
// description: Whether the store keeps its dates as ISO text (written before dates were
//   Cypher date values): looks at one dated entity, document, evidence record and mention,
//   so it costs four look-ups that stop at the first hit. True means graph.migrations
//   should run admin/migrate_*_dates.
// mode: read
OPTIONAL MATCH (e:Entity) WHERE e.first_seen IS NOT NULL
WITH e LIMIT 1
OPTIONAL MATCH (d:Document) WHERE d.published IS NOT NULL
WITH e, d LIMIT 1
OPTIONAL MATCH (v:Evidence) WHERE v.date IS NOT NULL
WITH e, d, v LIMIT 1
OPTIONAL MATCH (:Document)-[m:MENTIONS]->(:Entity) WHERE m.date IS NOT NULL
WITH e, d, v, m LIMIT 1
RETURN any(x IN [e.first_seen, d.published, v.date, m.date] WHERE toString(x) = x) AS stale
