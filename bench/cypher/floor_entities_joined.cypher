// title: Floor: export/entities_joined as the exports read it (bench)
// description: A copy of cypher/export/entities_joined.cypher (FalkorDB, read as text), kept
//   apart so that bench.export's floor reads the same rows whatever the exports' own
//   statements become.
// engine: falkordb
// mode: read
// param ids: list -- entity ids
// param sep: string -- the separator of list items
UNWIND $ids AS entity_id
MATCH (e:Entity {id: entity_id})
RETURN e.id AS id, string.join(labels(e), $sep) AS labels, size(labels(e)) AS labels__size,
       e.name AS name, e.type AS type,
       string.join(e.aliases, $sep) AS aliases, size(e.aliases) AS aliases__size,
       e.wikidata AS wikidata, e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.mention_count AS mention_count, e.document_count AS document_count
