// title: Merge mentions
// description: One MENTIONS edge per document and entity, carrying how often and under
//   which surface forms the document names the entity, and the date of the document (a
//   Cypher date, from the ISO text of the row).
//   Only a missing edge is created (checked and created in one statement), marked `fresh`
//   for write/fold_mentions: a replayed batch or a second writer finds it and adds nothing.
// mode: write
// param rows: list -- {doc: string, entity: string, count: int, aliases: [string],
//   date: string (ISO date)}
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
OPTIONAL MATCH (d)-[m:MENTIONS]->(e)
WITH d, e, row, m
WHERE m IS NULL
CREATE (d)-[:MENTIONS {count: row.count, aliases: row.aliases, date: date(row.date), fresh: true}]->(e)
