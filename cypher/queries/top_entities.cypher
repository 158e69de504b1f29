// title: Top entities
// description: The most connected entities (relations to other entities), or the most
//   mentioned, optionally of one type.
// param type: enum(@entity_types)? = null -- only entities of this type
// param by: enum(relations,mentions,documents) = relations -- what to rank by
// param limit: int = 25 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity)
WHERE $type IS NULL OR $type IN labels(e)
WITH e, size([(e)-[r]-(:Entity) | r]) AS relations
WITH e, relations, CASE $by
    WHEN 'mentions' THEN coalesce(e.mention_count, 0)
    WHEN 'documents' THEN coalesce(e.document_count, 0)
    ELSE relations END AS score
RETURN e.id AS id, e.name AS name, e.type AS type, relations,
       e.mention_count AS mentions, e.document_count AS documents, score, e AS entity
ORDER BY score DESC, name
SKIP $offset LIMIT $limit
