// title: Timeline of an entity
// description: Every fact about an entity dated by the documents that state it, in
//   date order: one row per relation and source document, read from the relations'
//   evidence records (found by the indexed edge key).
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param since: date? = null -- only dates on or after this day (YYYY-MM-DD)
// param until: date? = null -- only dates on or before this day (YYYY-MM-DD)
// param types: list[enum(@relation_types)] = [] [0..12] -- relation types (all when empty)
// param limit: int = 200 [1..1000] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})-[r:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES]-(o:Entity)
WHERE (size($types) = 0 OR type(r) IN $types)
  AND ($since IS NULL OR r.last_seen >= date($since))
  AND ($until IS NULL OR r.first_seen <= date($until))
WITH e, r, o, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction
MATCH (v:Evidence {edge: startNode(r).id + '|' + type(r) + '|' + endNode(r).id})
WHERE ($since IS NULL OR v.date >= date($since)) AND ($until IS NULL OR v.date <= date($until))
RETURN v.date AS date, type(r) AS relation, direction, o.id AS other_id, o.name AS other,
       v.doc AS document
ORDER BY date, relation, other, document
SKIP $offset LIMIT $limit
