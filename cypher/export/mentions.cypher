// title: Export mentions of a page of documents
// description: The MENTIONS edges of the given documents.
// mode: read
// param ids: list -- document ids (one page of export/document_ids)
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
RETURN doc_id AS source, e.id AS target, type(m) AS type, m.count AS count,
       m.aliases AS aliases, m.date AS date
