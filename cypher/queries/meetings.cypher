// title: Meetings
// description: Who met whom (MET_WITH), with dates and sources, newest first;
//   optionally only the meetings of one person or since a date.
// param person: string? = null [1..300] -- only meetings of this person (entity id)
// param since: date? = null -- only meetings last reported on or after this day (YYYY-MM-DD)
// param limit: int = 50 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (a:Entity)-[r:MET_WITH]->(b:Entity)
WHERE ($person IS NULL OR a.id = $person OR b.id = $person)
  AND ($since IS NULL OR r.last_seen >= date($since))
RETURN a.name AS person, b.name AS met, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.sources AS sources, r.evidence_count AS evidence, a, r, b
ORDER BY last_seen DESC, person, met
SKIP $offset LIMIT $limit
