// title: Copy evidence records (page)
// description: The given evidence records (one page of export/evidence_ids), with all their
//   labels and properties (for copy and neo4j-import).
// mode: read
// param ids: list -- evidence record ids
UNWIND $ids AS evidence_id
MATCH (v:Evidence {id: evidence_id})
RETURN v.id AS id, labels(v) AS labels, properties(v) AS properties
