// title: Delete orphan entities
// description: Delete the given entities when no document mentions them any more
//   (document_count, kept by deltas, is zero).
// mode: write
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE coalesce(e.document_count, 0) <= 0
DETACH DELETE e
