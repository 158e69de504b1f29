// title: Copy entities (page)
// description: One page of entities in id order after `after`, with all their labels and
//   properties (for copy and neo4j-import).
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (e:Entity)
WHERE e.id > $after
WITH e ORDER BY e.id LIMIT $limit  // sort ids first, project only the page
RETURN e.id AS id, labels(e) AS labels, properties(e) AS properties
ORDER BY id
