// title: Entity search
// description: Entities whose canonical name or an alias contains the text, exact and
//   prefix matches first. FalkorDB and Neo4j use their full-text index instead
//   (prefix match on the last word).
// example: q=tesla
// param q: search [1..200] -- words to find in names and aliases (case-insensitive)
// param type: enum(@entity_types)? = null -- only entities of this type
// param limit: int = 25 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (e:Entity)
WHERE (toLower(e.name) CONTAINS $q OR toLower(coalesce(e.alias_text, '')) CONTAINS $q)
  AND ($type IS NULL OR $type IN labels(e))
WITH e, CASE
    WHEN toLower(e.name) = $q THEN 2.0
    WHEN toLower(e.name) STARTS WITH $q THEN 1.5
    ELSE 1.0 END AS score
RETURN e.id AS id, e.name AS name, e.type AS type, score, e AS entity
ORDER BY score DESC, coalesce(e.mention_count, 0) DESC, name
SKIP $offset LIMIT $limit
