// title: Copy ingest runs (page)
// description: One page of ingest runs in id order after `after`, with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (r:IngestRun)
WHERE r.id > $after
WITH r ORDER BY r.id LIMIT $limit  // sort ids first, project only the page
RETURN r.id AS id, labels(r) AS labels, properties(r) AS properties
ORDER BY id
