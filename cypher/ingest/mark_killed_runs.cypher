// title: Mark killed ingest runs
// description: IngestRun nodes still "running" that are not the current run belong to runs
//   that were killed: only the holder of the store's writer lock runs this, and a run
//   holds the lock from its first write to its end.
// mode: write
// param current: string -- id of the run now holding the writer lock
// param now: string -- ISO time stamp
MATCH (r:IngestRun)
WHERE r.status = 'running' AND r.id <> $current
SET r.status = 'killed', r.killed_noticed_at = $now
RETURN count(r) AS killed
