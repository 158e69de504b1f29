// title: Floor: export/relations as it was when the floor was set (bench)
// description: A copy of cypher/export/relations.cypher, kept apart so that bench.export's
//   floor reads the same rows whatever the exports' own statements become.
// mode: read
// param ids: list -- entity ids (one page of export/entity_ids)
UNWIND $ids AS start_id
MATCH (a:Entity {id: start_id})-[r]->(b:Entity)
RETURN start_id AS source, b.id AS target, type(r) AS type,
       r.sources AS sources, r.evidence_count AS evidence_count,
       r.confidence AS confidence, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.source_count AS source_count, r.provenance AS provenance
