// title: Last write
// description: A cheap marker of the graph's last committed write, for HTTP ETags: node and
//   relationship counts and the newest ingest run (its id, status and finish time).
// mode: read
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
WITH nodes, count(r) AS relationships
OPTIONAL MATCH (run:IngestRun)
WITH nodes, relationships, run
ORDER BY run.started_at DESC
LIMIT 1
RETURN nodes, relationships, run.id AS run, run.status AS status, run.finished_at AS finished_at
