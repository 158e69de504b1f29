// title: Floor: export/documents as it was when the floor was set (bench)
// description: A copy of cypher/export/documents.cypher, kept apart so that bench.export's
//   floor reads the same rows whatever the exports' own statements become.
// mode: read
// param ids: list -- document ids
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, 'Document' AS type, labels(d) AS labels, d.title AS title, d.url AS url,
       d.source AS source, d.published AS published, d.word_count AS word_count
