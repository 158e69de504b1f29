// title: Paths between two entities
// description: The shortest chains of relations (through entities only, never
//   through documents) between two entities, up to max_length relations long.
// example: from=person:elon-musk; to=place:china
// param from: string [1..300] -- entity id at one end
// param to: string [1..300] -- entity id at the other end
// param max_length: int = 4 [1..6] -- longest path to report
// param limit: int = 10 [1..100] -- max paths
// param offset: int = 0 [0..100000] -- paths to skip
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
WITH a, b
MATCH p = allShortestPaths((a)-[:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES*..6]-(b))
WITH p, length(p) AS hops
WHERE hops <= $max_length
RETURN hops, [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS relations,
       p AS path
ORDER BY hops
SKIP $offset LIMIT $limit
