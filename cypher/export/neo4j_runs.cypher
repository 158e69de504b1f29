// title: neo4j-import: ingest runs (page)
// description: The given ingest runs (one page of export/run_ids) in the columns of
//   neo4j-import's ingest_runs.csv (graph.export_neo4j.FILES), and how many properties each
//   has.
// mode: read
// param ids: list -- ingest run ids
UNWIND $ids AS run_id
MATCH (r:IngestRun {id: run_id})
RETURN r.id AS id, labels(r) AS labels, r.started_at AS started_at,
       r.finished_at AS finished_at, r.status AS status, r.settings AS settings,
       r.paths AS paths, r.documents_new AS documents_new,
       r.documents_unchanged AS documents_unchanged,
       r.documents_updated AS documents_updated, r.documents_failed AS documents_failed,
       r.failures AS failures, r.entities AS entities, r.relations AS relations,
       size(keys(r)) AS property_count
