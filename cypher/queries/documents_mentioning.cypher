// title: Documents mentioning an entity
// description: The articles that mention an entity, newest first (undated last).
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})<-[m:MENTIONS]-(d:Document)
RETURN d.id AS id, d.title AS title, d.url AS url, d.source AS source,
       d.published AS published, m.count AS mentions
ORDER BY coalesce(published, '') DESC, id
SKIP $offset LIMIT $limit
