// title: Floor: export/entities as it was when the floor was set (bench)
// description: A copy of cypher/export/entities.cypher, kept apart so that bench.export's
//   floor reads the same rows whatever the exports' own statements become.
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS entity_id
MATCH (e:Entity {id: entity_id})
RETURN e.id AS id, labels(e) AS labels, e.name AS name, e.type AS type,
       e.aliases AS aliases, e.wikidata AS wikidata,
       e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.mention_count AS mention_count, e.document_count AS document_count
