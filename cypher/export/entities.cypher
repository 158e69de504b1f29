// title: Export entities (page)
// description: The given entities (one page of export/entity_ids), with the attributes exports
//   carry.
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS entity_id
MATCH (e:Entity {id: entity_id})
RETURN e.id AS id, labels(e) AS labels, e.name AS name, e.type AS type,
       e.aliases AS aliases, e.wikidata AS wikidata,
       e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.mention_count AS mention_count, e.document_count AS document_count
