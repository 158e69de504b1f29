// title: Partners of an entity
// description: Partnerships, joint ventures and supply or licensing deals
//   (PARTNERS_WITH), best supported first; with include_talks also negotiations not
//   yet agreed (IN_TALKS_WITH).
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param include_talks: bool = false -- also list IN_TALKS_WITH
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})-[r:PARTNERS_WITH|IN_TALKS_WITH]-(p:Entity)
WHERE type(r) = 'PARTNERS_WITH' OR $include_talks
RETURN p.id AS id, p.name AS name, p.type AS type, type(r) AS relation,
       r.evidence_count AS evidence, r.sources AS sources, r.first_seen AS first_seen,
       r.last_seen AS last_seen, p AS partner, r AS edge
ORDER BY evidence DESC, name
SKIP $offset LIMIT $limit
