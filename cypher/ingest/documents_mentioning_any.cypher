// title: Documents mentioning any of some entities
// description: The ids of the stored documents that mention at least one of the given
//   entities (what a new judgement about them re-writes).
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:MENTIONS]-(d:Document)
RETURN DISTINCT d.id AS id
