// title: Unique entity ids
// description: Uniqueness constraint (and its index) on the MERGE key of entities.
// engine: neo4j
// mode: write
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE
