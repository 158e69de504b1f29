// title: Export documents (page), lists joined (FalkorDB, read as text)
// description: export/documents with each list column sent as one string, its items joined by
//   $sep, and its length beside it (`<name>__size`), so that the reply can be read without
//   decoding (newsgraph.graph.export.slim; a page whose lists do not split back to their
//   lengths is read again with export/documents).
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
