// title: Ingest runs
// description: The recorded ingest runs, newest first.
// mode: read
// param limit: int -- max rows
MATCH (r:IngestRun)
RETURN r.id AS id, r.status AS status, r.started_at AS started_at, r.finished_at AS finished_at,
       r.documents_new AS documents_new, r.documents_unchanged AS documents_unchanged,
       r.documents_updated AS documents_updated, r.documents_failed AS documents_failed,
       r.failures AS failures, r.entities AS entities, r.relations AS relations,
       r.settings AS settings, r.paths AS paths
ORDER BY r.started_at DESC
LIMIT $limit
