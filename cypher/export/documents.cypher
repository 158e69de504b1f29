// title: Export documents (page)
// description: The given documents (one page of export/document_ids), without their text;
//   `type` is "Document", so that every exported node has a type.
// mode: read
// param ids: list -- document ids
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, 'Document' AS type, labels(d) AS labels, d.title AS title, d.url AS url,
       d.source AS source, d.published AS published, d.word_count AS word_count
