// title: Newest ingest run
// description: The newest IngestRun: id, status and finish time (changes with every run,
//   even one that only updates properties). Part of the HTTP ETag marker (api/caching.py).
// mode: read
MATCH (r:IngestRun)
RETURN r.id AS id, r.status AS status, r.finished_at AS finished_at
ORDER BY r.started_at DESC
LIMIT 1
