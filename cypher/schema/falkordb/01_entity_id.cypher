// title: Index entity ids
// description: Exact-match index on the MERGE key of every entity node.
// engine: falkordb
// mode: write
CREATE INDEX FOR (e:Entity) ON (e.id)
