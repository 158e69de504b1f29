// title: Floor: export/relations_joined as the exports read it (bench)
// description: A copy of cypher/export/relations_joined.cypher (FalkorDB, read as text), kept
//   apart so that bench.export's floor reads the same rows whatever the exports' own
//   statements become.
// engine: falkordb
// mode: read
// param ids: list -- entity ids (one page of export/entity_ids)
// param sep: string -- the separator of list items
UNWIND $ids AS start_id
MATCH (a:Entity {id: start_id})-[r]->(b:Entity)
RETURN start_id AS source, b.id AS target, type(r) AS type,
       string.join(r.sources, $sep) AS sources, size(r.sources) AS sources__size,
       r.evidence_count AS evidence_count, r.confidence AS confidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.source_count AS source_count, r.provenance AS provenance
