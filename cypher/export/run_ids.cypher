// title: Export ingest runs: ids (page)
// description: One page of IngestRun ids in order, after the id `after` (keyset paging). The
//   exports read ids first, then nodes and relationships by pages of these ids.
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (r:IngestRun)
WITH r.id AS id
WHERE id > $after  // after a label scan: 100k ids in 0.32 s, 0.51 s by an index range scan
RETURN id
ORDER BY id
LIMIT $limit
