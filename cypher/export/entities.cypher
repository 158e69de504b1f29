// title: Export entities (page)
// description: One page of entities in id order, after the id `after` (keyset paging on the
//   indexed id), with the attributes exports carry.
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (e:Entity)
WHERE e.id > $after
WITH e ORDER BY e.id LIMIT $limit  // sort ids first, project only the page
RETURN e.id AS id, labels(e) AS labels, e.name AS name, e.type AS type,
       e.aliases AS aliases, e.wikidata AS wikidata,
       e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.mention_count AS mention_count, e.document_count AS document_count
ORDER BY id
