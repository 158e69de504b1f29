// title: Floor: export/mentions_joined as the exports read it (bench)
// description: A copy of cypher/export/mentions_joined.cypher (FalkorDB, read as text), kept
//   apart so that bench.export's floor reads the same rows whatever the exports' own
//   statements become.
// engine: falkordb
// mode: read
// param ids: list -- document ids (one page of export/document_ids)
// param sep: string -- the separator of list items
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
RETURN doc_id AS source, e.id AS target, type(m) AS type, m.count AS count,
       string.join(m.aliases, $sep) AS aliases, size(m.aliases) AS aliases__size,
       m.date AS date
