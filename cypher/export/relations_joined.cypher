// title: Export relations of a page of entities, lists joined (FalkorDB, read as text)
// description: export/relations with each list column sent as one string, its items joined by
//   $sep, and its length beside it (`<name>__size`), so that the reply can be read without
//   decoding (newsgraph.graph.export.slim; a page whose lists do not split back to their
//   lengths is read again with export/relations).
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
