// title: Export entities (page), lists joined (FalkorDB, read as text)
// description: export/entities with each list column sent as one string, its items joined by
//   $sep, and its length beside it (`<name>__size`), so that the reply can be read without
//   decoding (newsgraph.graph.export.slim; a page whose lists do not split back to their
//   lengths is read again with export/entities).
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
