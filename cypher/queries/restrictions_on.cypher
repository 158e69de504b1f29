// title: Restrictions on an entity
// description: What restricts or oversees an entity, directly or through the places it
//   is located in (transitively): RESTRICTS and REGULATES edges, laws that apply in
//   those places and regulators located there. `through` is null for direct ones.
// example: id=company:tesla
// param id: string [1..300] -- entity id of the target
// param limit: int = 100 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (t:Entity {id: $id})
MATCH chain = (t)-[:LOCATED_IN*0..4]->(place:Entity)
WITH t, place, min(length(chain)) AS hops
MATCH (x:Entity)-[r:RESTRICTS|REGULATES|APPLIES_IN|LOCATED_IN]->(place)
WHERE x <> t
  AND (type(r) IN ['RESTRICTS', 'REGULATES']
       OR (type(r) = 'APPLIES_IN' AND x:Law)
       OR (type(r) = 'LOCATED_IN' AND x:Regulator))
RETURN x.id AS id, x.name AS name, x.type AS type, type(r) AS relation,
       CASE WHEN hops = 0 THEN null ELSE place.name END AS through, hops,
       r.sources AS sources, x AS restrictor, r AS edge, place
ORDER BY hops, relation, name
SKIP $offset LIMIT $limit
