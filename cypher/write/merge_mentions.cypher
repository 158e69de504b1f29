// title: Merge mentions
// description: One MENTIONS edge per document and entity, carrying how often and under
//   which surface forms the document names the entity, and the date of the document.
//   Only a new edge is written, and marked `fresh` for write/fold_mentions: a replayed
//   batch or a second writer finds it and adds nothing.
// mode: write
// param rows: list -- {doc: string, entity: string, count: int, aliases: [string],
//   date: string (ISO date)}
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e)
ON CREATE SET m.count = row.count, m.aliases = row.aliases, m.date = row.date, m.fresh = true
