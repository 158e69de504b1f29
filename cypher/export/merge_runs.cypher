// title: Copy: merge ingest runs
// description: Upsert IngestRun nodes by id and replace their properties. Idempotent.
// mode: write
// param rows: list -- maps {id, properties}
UNWIND $rows AS row
MERGE (n:IngestRun {id: row.id})
SET n = row.properties
