// title: Export evidence records: ids (page)
// description: One page of Evidence record ids in order, after the id `after` (keyset
//   paging), for copy and neo4j-import.
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (v:Evidence)
WITH v.id AS id
WHERE id > $after
RETURN id
ORDER BY id
LIMIT $limit
