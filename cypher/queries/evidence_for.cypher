// title: Evidence for a relation
// description: The sentences and documents behind one relation between two entities
//   (either direction), one row per evidence sentence, newest document first, with
//   character offsets into the document text. Read from the relation's evidence records
//   (one per document, found by the indexed edge key), so every source is reachable by
//   paging. Facts known only from a reference dataset have no sentence and no row.
// example: from=company:tesla; type=LOCATED_IN; to=place:shanghai
// param from: string [1..300] -- entity id at one end
// param type: enum(@relation_types) -- relation type
// param to: string [1..300] -- entity id at the other end
// param limit: int = 100 [1..1000] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
WITH a, b  // both ends bound first: the edge is found between them, not among a's edges
MATCH (a)-[r]-(b)
WHERE type(r) = $type
WITH startNode(r).id AS subject, type(r) AS relation, endNode(r).id AS object
MATCH (v:Evidence {edge: subject + '|' + relation + '|' + object})
WHERE v.provenance = 'text'
WITH subject, relation, object, v
ORDER BY v.date DESC, v.doc
WITH subject, relation, object, collect(v)[..$offset + $limit] AS records
UNWIND records AS v
UNWIND range(0, size(v.sentences) - 1) AS i
OPTIONAL MATCH (d:Document {id: v.doc})
RETURN subject, relation, object,
       v.doc AS document, d.title AS title, d.url AS url, d.published AS published,
       v.sentences[i] AS sentence, v.starts[i] AS start, v.ends[i] AS end,
       v.rules[i] AS rule, v.confidences[i] AS confidence
ORDER BY v.date DESC, document, start
SKIP $offset LIMIT $limit
