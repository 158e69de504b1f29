// title: neo4j-import: entities (page)
// description: The given entities (one page of export/entity_ids) in the columns of
//   neo4j-import's entities.csv (graph.export_neo4j.FILES), and how many properties each has
//   (more than those columns hold: some are left out and counted).
// mode: read
// param ids: list -- entity ids
UNWIND $ids AS entity_id
MATCH (e:Entity {id: entity_id})
RETURN e.id AS id, labels(e) AS labels, e.name AS name, e.type AS type,
       e.aliases AS aliases, e.alias_text AS alias_text, e.wikidata AS wikidata,
       e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.mention_count AS mention_count, e.document_count AS document_count,
       e.alias_counts AS alias_counts,
       size(keys(e)) AS property_count
