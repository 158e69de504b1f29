// title: Copy: merge relations
// description: Upsert one relation per (source, type, target) between entities and replace
//   its properties. Idempotent. Stores read dates back as ISO text, so first_seen,
//   last_seen and source_dates are made dates again here.
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (graph.export_read.fill_names)
// param rows: list -- maps {source, target, properties}
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.properties,
    r.first_seen = date(row.properties.first_seen),
    r.last_seen = date(row.properties.last_seen),
    r.source_dates = [x IN row.properties.source_dates | date(x)]
