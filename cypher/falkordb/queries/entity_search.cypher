// title: Entity search
// description: Entities whose canonical name or an alias matches the words, by
//   full-text score (RediSearch index over name and alias_text; the last word
//   matches as a prefix).
// engine: falkordb
// example: q=tesla
// param q: search [1..200] -- words to find in names and aliases (case-insensitive)
// param type: enum(@entity_types)? = null -- only entities of this type
// param limit: int = 25 [1..500] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
CALL db.idx.fulltext.queryNodes('Entity', $q + '*') YIELD node, score
WITH node AS e, score
WHERE $type IS NULL OR $type IN labels(e)
RETURN e.id AS id, e.name AS name, e.type AS type, score, e AS entity
ORDER BY score DESC, name
SKIP $offset LIMIT $limit
