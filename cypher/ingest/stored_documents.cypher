// title: Stored documents
// description: For the given ids, the documents already stored: content hash, extractor
//   version and the ids of the entities they mention (what retracting them touches).
// mode: read
// param ids: list -- document ids
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.content_hash AS content_hash, d.extractor_version AS extractor_version,
       [(d)-[:MENTIONS]->(e:Entity) | e.id] AS entities
