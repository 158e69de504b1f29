// title: Entity profile
// description: One entity with its aliases and its relations grouped by type and
//   direction: how many, with whom (at most `partners`), and documents that state them
//   (the distinct documents of the source samples of the row's first 20 edges, at most
//   `partners`; every source of an edge is in its evidence records: evidence_for). An
//   entity without relations gives one row with relation null. Cost: one pass over the
//   entity's edges collecting references, never their sources squared.
// example: id=company:tesla
// param id: string [1..300] -- entity id, e.g. company:tesla
// param limit: int = 50 [1..500] -- max rows (one per relation type and direction)
// param offset: int = 0 [0..100000] -- rows to skip
// param partners: int = 200 [1..5000] -- max partners and sources listed per row
// param references: bool = true -- include facts known only from a reference dataset
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (e)-[r:MET_WITH|RESTRICTS|PARTNERS_WITH|IN_TALKS_WITH|LOCATED_IN|LEADS|WORKS_FOR|COMPETES_WITH|VISITED|MAKES|APPLIES_IN|REGULATES]-(other:Entity)
WHERE $references OR r.provenance IS NULL OR r.provenance <> 'reference'
WITH e, r, other,
     CASE WHEN r IS NULL THEN null WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction
WITH e, type(r) AS relation, direction, count(r) AS relations,
     collect(other)[..$partners] AS others, collect(r)[..20] AS rels,
     toInteger(sum(coalesce(r.evidence_count, 0))) AS evidence
ORDER BY relations DESC, relation, direction
SKIP $offset LIMIT $limit
CALL {
  WITH rels
  UNWIND rels AS rel
  UNWIND coalesce(rel.sources, []) AS source
  RETURN collect(DISTINCT source)[..$partners] AS sources
}
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       relation, direction, relations, [o IN others | o.name] AS partners,
       [o IN others | o.id] AS partner_ids, sources,
       evidence, e AS entity
ORDER BY relations DESC, relation, direction
