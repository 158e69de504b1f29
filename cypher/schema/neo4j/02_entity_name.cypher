// title: Index entity names
// description: Range index for look-ups by canonical name.
// engine: neo4j
// mode: write
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)
