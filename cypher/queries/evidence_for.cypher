// title: Evidence for a relation
// description: The sentences and documents behind one relation between two entities
//   (either direction), one row per evidence sentence, with character offsets
//   into the document text.
// example: from=company:tesla; type=LOCATED_IN; to=place:shanghai
// param from: string [1..300] -- entity id at one end
// param type: enum(@relation_types) -- relation type
// param to: string [1..300] -- entity id at the other end
// param limit: int = 100 [1..1000] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (a:Entity {id: $from})-[r]-(b:Entity {id: $to})
WHERE type(r) = $type
UNWIND range(0, size(coalesce(r.ev_doc, [])) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.ev_doc[i]})
RETURN startNode(r).id AS subject, type(r) AS relation, endNode(r).id AS object,
       r.ev_doc[i] AS document, d.title AS title, d.url AS url, d.published AS published,
       r.ev_sentence[i] AS sentence, r.ev_start[i] AS start, r.ev_end[i] AS end,
       r.ev_rule[i] AS rule, r.ev_confidence[i] AS confidence
ORDER BY coalesce(published, '') DESC, document, start
SKIP $offset LIMIT $limit
