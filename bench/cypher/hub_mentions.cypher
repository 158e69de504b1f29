// title: Hub mentions (bench)
// description: How often one entity is mentioned.
// mode: read
// param id: string -- entity id
MATCH (e:Entity {id: $id})
RETURN e.mention_count
