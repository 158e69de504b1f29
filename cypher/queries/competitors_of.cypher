// title: Competitors of an entity
// description: Companies or products named as rivals of this one (COMPETES_WITH),
//   best supported first.
// example: id=company:tesla
// param id: string [1..300] -- entity id (a company or a product)
// param min_evidence: int = 1 [1..100000] -- only rivalries with at least this many evidence sentences
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})-[r:COMPETES_WITH]-(c:Entity)
WHERE coalesce(r.evidence_count, 0) >= $min_evidence
RETURN c.id AS id, c.name AS name, c.type AS type, r.evidence_count AS evidence,
       r.sources AS sources, r.last_seen AS last_seen, c AS competitor, r AS edge
ORDER BY evidence DESC, name
SKIP $offset LIMIT $limit
