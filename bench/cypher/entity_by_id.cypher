// title: Entity by id (bench)
// description: One entity, looked up by the id index.
// mode: read
// param id: string -- entity id
MATCH (e:Entity {id: $id})
RETURN e
