// title: Unique ingest run ids
// description: Uniqueness constraint on ingest run ids.
// engine: neo4j
// mode: write
CREATE CONSTRAINT ingest_run_id IF NOT EXISTS FOR (r:IngestRun) REQUIRE r.id IS UNIQUE
