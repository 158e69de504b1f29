// title: Copy documents (page)
// description: One page of documents in id order after `after`, with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (d:Document)
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $limit  // sort ids first, project only the page
RETURN d.id AS id, labels(d) AS labels, properties(d) AS properties
ORDER BY id
