// title: neo4j-import: documents (page)
// description: The given documents (one page of export/document_ids) in the columns of
//   neo4j-import's documents.csv (graph.export_neo4j.FILES), text included, and how many
//   properties each has.
// mode: read
// param ids: list -- document ids
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, labels(d) AS labels, d.title AS title, d.url AS url, d.source AS source,
       d.published AS published, d.published_text AS published_text, d.text AS text,
       d.content_hash AS content_hash,
       d.word_count AS word_count, d.ingested_at AS ingested_at,
       d.extractor_version AS extractor_version, size(keys(d)) AS property_count
