// title: Copy: merge STATES links
// description: One Document -STATES-> Evidence link per row. Idempotent.
// mode: write
// param rows: list -- maps {source: document id, target: evidence id, properties}
UNWIND $rows AS row
MATCH (d:Document {id: row.source})
MATCH (v:Evidence {id: row.target})
MERGE (d)-[s:STATES]->(v)
SET s = row.properties
