// title: Copy: merge relations
// description: Upsert one relation per (source, type, target) between entities and replace
//   its properties. Idempotent.
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (graph.export_read.fill_names)
// param rows: list -- maps {source, target, properties}
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.properties
