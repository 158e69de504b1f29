// title: Copy documents (page)
// description: The given documents (one page of export/document_ids), with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param ids: list -- document ids
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, labels(d) AS labels, properties(d) AS properties
