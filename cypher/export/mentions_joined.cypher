// title: Export mentions of a page of documents, lists joined (FalkorDB, read as text)
// description: export/mentions with each list column sent as one string, its items joined by
//   $sep, and its length beside it (`<name>__size`), so that the reply can be read without
//   decoding (newsgraph.graph.export.slim; a page whose lists do not split back to their
//   lengths is read again with export/mentions).
// engine: falkordb
// mode: read
// param ids: list -- document ids (one page of export/document_ids)
// param sep: string -- the separator of list items
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
RETURN doc_id AS source, e.id AS target, type(m) AS type, m.count AS count,
       string.join(m.aliases, $sep) AS aliases, size(m.aliases) AS aliases__size,
       m.date AS date
