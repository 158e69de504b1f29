// title: Located in
// description: The places an entity is located in, transitively (a factory in
//   Lingang, which is in Shanghai, which is in China), nearest first.
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param max_hops: int = 6 [1..6] -- how many LOCATED_IN steps to follow
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})
MATCH p = (e)-[:LOCATED_IN*1..6]->(place:Entity)
WHERE length(p) <= $max_hops
WITH place, min(length(p)) AS hops, collect(p) AS paths
RETURN place.id AS id, place.name AS name, place.type AS type, hops, head(paths) AS path
ORDER BY hops, name
SKIP $offset LIMIT $limit
