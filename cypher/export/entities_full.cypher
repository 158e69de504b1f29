// title: Copy entities (page)
// description: The given entities (one page of export/entity_ids), with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS entity_id
MATCH (e:Entity {id: entity_id})
RETURN e.id AS id, labels(e) AS labels, properties(e) AS properties
