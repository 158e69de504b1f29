// title: Copy: merge evidence records
// description: Upsert Evidence nodes by id and replace their properties. Idempotent. The
//   date (ISO text as stores read it back) is made a date again.
// mode: write
// param rows: list -- maps {id, properties}
UNWIND $rows AS row
MERGE (n:Evidence {id: row.id})
SET n = row.properties, n.date = date(row.properties.date)
