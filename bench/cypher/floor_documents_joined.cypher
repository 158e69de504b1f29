// title: Floor: export/documents_joined as the exports read it (bench)
// description: A copy of cypher/export/documents_joined.cypher (FalkorDB, read as text), kept
//   apart so that bench.export's floor reads the same rows whatever the exports' own
//   statements become.
// engine: falkordb
// mode: read
// param ids: list -- document ids
// param sep: string -- the separator of list items
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, 'Document' AS type,
       string.join(labels(d), $sep) AS labels, size(labels(d)) AS labels__size,
       d.title AS title, d.url AS url, d.source AS source, d.published AS published,
       d.word_count AS word_count
