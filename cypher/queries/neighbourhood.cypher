// title: Neighbourhood
// description: The ego network of an entity: paths of 1 to depth relations (through
//   entities only), optionally restricted to some relation types, nearest first. Each
//   depth is its own branch, run only when asked for: depth=1 never expands further
//   (the branch's start look-up is on a null id unless the depth asks for it: FalkorDB
//   expands a variable-length pattern before a WHERE on its start is applied).
// example: id=company:tesla
// param id: string [1..300] -- entity id at the centre
// param depth: int = 1 [1..3] -- how many relations away
// param types: list[enum(@relation_types)] = [] [0..12] -- relation types to follow (all when empty)
// param limit: int = 100 [1..1000] -- max paths
// param offset: int = 0 [0..100000] -- paths to skip
CALL {
  MATCH (e:Entity {id: $id})
  MATCH p = (e)-[:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES]-(n:Entity)
  WHERE size($types) = 0 OR all(r IN relationships(p) WHERE type(r) IN $types)
  RETURN n, p
  UNION ALL
  MATCH (e:Entity {id: CASE WHEN $depth >= 2 THEN $id ELSE null END})
  MATCH p = (e)-[:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES*2..2]-(n:Entity)
  WHERE size($types) = 0 OR all(r IN relationships(p) WHERE type(r) IN $types)
  RETURN n, p
  UNION ALL
  MATCH (e:Entity {id: CASE WHEN $depth >= 3 THEN $id ELSE null END})
  MATCH p = (e)-[:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES*3..3]-(n:Entity)
  WHERE size($types) = 0 OR all(r IN relationships(p) WHERE type(r) IN $types)
  RETURN n, p
}
RETURN n.id AS id, n.name AS name, n.type AS type, length(p) AS distance,
       [r IN relationships(p) | type(r)] AS via, p AS path
ORDER BY distance, name
SKIP $offset LIMIT $limit
