// title: Export documents (page)
// description: One page of documents in id order, after the id `after`, without their text.
// mode: read
// param after: string -- last id of the previous page ("" for the first page)
// param limit: int -- page size
MATCH (d:Document)
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $limit  // sort ids first, project only the page
RETURN d.id AS id, labels(d) AS labels, d.title AS title, d.url AS url,
       d.source AS source, d.published AS published, d.word_count AS word_count
ORDER BY id
