// title: Copy: merge mentions
// description: Upsert one MENTIONS per (document, entity) and replace its properties.
//   Idempotent. The date (ISO text as stores read it back) is made a date again.
// mode: write
// param rows: list -- maps {source, target, properties}
UNWIND $rows AS row
MATCH (d:Document {id: row.source})
MATCH (e:Entity {id: row.target})
MERGE (d)-[m:MENTIONS]->(e)
SET m = row.properties, m.date = date(row.properties.date)
