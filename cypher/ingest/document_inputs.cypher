// title: Stored document inputs
// description: For the given ids, what extraction needs to extract the stored documents
//   again: text and metadata.
// mode: read
// param ids: list -- document ids
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.text AS text, d.title AS title, d.url AS url, d.source AS source,
       d.published AS published
