// title: Timeline of an entity
// description: Every fact about an entity dated by the documents that state it, in
//   date order: one row per relation and source document.
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param since: string? = null [1..40] -- only dates on or after this ISO date
// param until: string? = null [1..40] -- only dates on or before this ISO date
// param types: list[enum(@relation_types)] = [] [0..12] -- relation types (all when empty)
// param limit: int = 200 [1..1000] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})-[r]-(o:Entity)
WHERE size($types) = 0 OR type(r) IN $types
UNWIND range(0, size(coalesce(r.sources, [])) - 1) AS i
WITH e, r, o, r.source_dates[i] AS date, r.sources[i] AS document
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
RETURN date, type(r) AS relation, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, o.name AS other, document
ORDER BY date, relation, other
SKIP $offset LIMIT $limit
