// title: Documents mentioning an entity
// description: The articles that mention an entity, newest first (undated last);
//   optionally only those published within a range of days (undated articles are then
//   left out).
// example: id=company:tesla
// param id: string [1..300] -- entity id
// param since: date? = null -- only articles published on or after this day (YYYY-MM-DD)
// param until: date? = null -- only articles published on or before this day (YYYY-MM-DD)
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity {id: $id})<-[m:MENTIONS]-(d:Document)
WHERE ($since IS NULL OR d.published >= date($since))
  AND ($until IS NULL OR d.published <= date($until))
RETURN d.id AS id, d.title AS title, d.url AS url, d.source AS source,
       d.published AS published, m.count AS mentions
ORDER BY CASE WHEN published IS NULL THEN 1 ELSE 0 END, published DESC, id
SKIP $offset LIMIT $limit
