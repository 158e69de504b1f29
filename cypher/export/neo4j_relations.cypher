// title: neo4j-import: relations of a page of entities
// description: Every relation from the given entities to an entity, in the columns of
//   neo4j-import's relations.csv (graph.export.neo4j_import.FILES; the sentences are in
//   the Evidence records), and how many properties each has.
// mode: read
// param ids: list -- entity ids (one page of export/entity_ids)
UNWIND $ids AS start_id
MATCH (a:Entity {id: start_id})-[r]->(b:Entity)
RETURN start_id AS source, b.id AS target, type(r) AS type,
       r.sources AS sources, r.source_dates AS source_dates,
       r.evidence_count AS evidence_count,
       r.confidence AS confidence, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.extractor_version AS extractor_version, r.source_count AS source_count,
       r.reference_count AS reference_count, r.datasets AS datasets,
       r.provenance AS provenance, size(keys(r)) AS property_count
