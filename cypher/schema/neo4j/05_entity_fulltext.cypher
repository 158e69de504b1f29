// title: Full-text index on entity names and aliases
// description: Lucene index over the canonical name and the alias text of entities.
// engine: neo4j
// mode: write
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.alias_text]
