// title: Corroboration
// description: Facts by how many documents state them: corroborated (at least
//   min_sources documents) or single-source, most corroborated first.
// param min_sources: int = 2 [1..1000] -- documents needed to count as corroborated
// param corroborated: bool? = null -- only corroborated (true) or only weaker (false) facts
// param types: list[enum(@relation_types)] = [] [0..12] -- relation types (all when empty)
// param limit: int = 100 [1..1000] -- max rows
// param offset: int = 0 [0..100000] -- rows to skip
MATCH (a:Entity)-[r]->(b:Entity)
WHERE size($types) = 0 OR type(r) IN $types
WITH a, r, b, coalesce(r.source_count, size(coalesce(r.sources, []))) AS documents
WITH a, r, b, documents, documents >= $min_sources AS is_corroborated
WHERE $corroborated IS NULL OR is_corroborated = $corroborated
RETURN a.name AS subject, type(r) AS relation, b.name AS object, documents,
       is_corroborated AS corroborated, r.evidence_count AS evidence, r.sources AS sources,
       a.id AS subject_id, b.id AS object_id
ORDER BY documents DESC, evidence DESC, subject, relation, object
SKIP $offset LIMIT $limit
