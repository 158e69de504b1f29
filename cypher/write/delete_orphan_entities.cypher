// title: Delete orphan entities
// description: Delete the given entities when no document mentions them any more.
// mode: write
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:MENTIONS]-(:Document)
DETACH DELETE e
