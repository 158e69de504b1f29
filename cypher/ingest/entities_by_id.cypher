// title: Entities by id
// description: The stored entities among the given ids: name, type and Wikidata id.
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.name AS name, e.type AS type, e.wikidata AS wikidata
