// title: Index entity names
// description: Exact-match index for look-ups by canonical name.
// engine: falkordb
// mode: write
CREATE INDEX FOR (e:Entity) ON (e.name)
