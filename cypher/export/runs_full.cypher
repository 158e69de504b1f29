// title: Copy ingest runs (page)
// description: The given ingest runs (one page of export/run_ids), with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param ids: list -- ingest run ids
UNWIND $ids AS run_id
MATCH (r:IngestRun {id: run_id})
RETURN r.id AS id, labels(r) AS labels, properties(r) AS properties
