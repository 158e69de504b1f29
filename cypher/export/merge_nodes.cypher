// title: Copy: merge entities or documents
// description: Upsert nodes by id under their key label (Entity or Document), replace their
//   properties and set all their labels. Idempotent. Stores read dates back as ISO text,
//   so first_seen, last_seen and published are made dates again here.
// mode: write
// template: __KEY__ (the key label) and __LABELS__ (all labels) are replaced by
//   schema-checked names, backtick-quoted and joined with ':' (graph.export_read.fill_names)
// param rows: list -- maps {id, properties}
UNWIND $rows AS row
MERGE (n:__KEY__ {id: row.id})
SET n = row.properties,
    n.first_seen = date(row.properties.first_seen),
    n.last_seen = date(row.properties.last_seen),
    n.published = date(row.properties.published)
SET n:__LABELS__
