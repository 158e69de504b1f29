// title: Copy relations of a page of entities
// description: Every relation from the given entities to an entity, with all its properties.
// mode: read
// param ids: list -- entity ids (one page of export/entity_ids)
UNWIND $ids AS start_id
MATCH (a:Entity {id: start_id})-[r]->(b:Entity)
RETURN start_id AS source, b.id AS target, type(r) AS type, properties(r) AS properties
