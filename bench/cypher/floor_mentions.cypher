// title: Floor: export/mentions as it was when the floor was set (bench)
// description: A copy of cypher/export/mentions.cypher, kept apart so that bench.export's
//   floor reads the same rows whatever the exports' own statements become.
// mode: read
// param ids: list -- document ids (one page of export/document_ids)
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
RETURN doc_id AS source, e.id AS target, type(m) AS type, m.count AS count,
       m.aliases AS aliases, m.date AS date
