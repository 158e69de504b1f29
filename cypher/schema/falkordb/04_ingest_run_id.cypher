// title: Index ingest runs
// description: Exact-match index on ingest run ids.
// engine: falkordb
// mode: write
CREATE INDEX FOR (r:IngestRun) ON (r.id)
