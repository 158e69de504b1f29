// title: Entity profile
// description: One entity with its aliases and its relations grouped by type and
//   direction: how many, with whom, and the documents that state them. An entity
//   without relations gives one row with relation null.
// example: id=company:tesla
// param id: string [1..300] -- entity id, e.g. company:tesla
// param limit: int = 50 [1..500] -- max rows (one per relation type and direction)
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (e)-[r]-(other:Entity)
WITH e, r, other,
     CASE WHEN r IS NULL THEN null WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction
WITH e, type(r) AS relation, direction, count(r) AS relations,
     collect(other.id) AS partner_ids, collect(other.name) AS partners,
     collect(r.sources) AS source_lists, toInteger(sum(coalesce(r.evidence_count, 0))) AS evidence
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       relation, direction, relations, partners, partner_ids,
       reduce(acc = [], s IN source_lists | acc + [x IN s WHERE NOT x IN acc]) AS sources,
       evidence, e AS entity
ORDER BY relations DESC, relation, direction
SKIP $offset LIMIT $limit
