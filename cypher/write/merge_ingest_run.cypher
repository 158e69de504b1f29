// title: Record an ingest run
// description: Create or update the IngestRun node of one `newsgraph ingest` run.
// mode: write
// param id: string -- the run id
// param props: map -- scalar properties and lists of strings (settings as a JSON string)
MERGE (r:IngestRun {id: $id})
SET r += $props
