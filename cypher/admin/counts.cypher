// title: Graph counts
// description: Node, relationship, entity and document counts for `newsgraph status`, plus
//   the relations between entities, those known only from a reference dataset (no
//   sentence), and the evidence records.
// mode: read
OPTIONAL MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
WITH nodes, count(r) AS relationships
OPTIONAL MATCH (e:Entity)
WITH nodes, relationships, count(e) AS entities
OPTIONAL MATCH (d:Document)
WITH nodes, relationships, entities, count(d) AS documents
OPTIONAL MATCH (:Entity)-[f]->(:Entity)
WITH nodes, relationships, entities, documents, count(f) AS relations,
     sum(CASE WHEN f.provenance = 'reference' THEN 1 ELSE 0 END) AS reference_relations
OPTIONAL MATCH (v:Evidence)
RETURN nodes, relationships, entities, documents, relations,
       toInteger(reference_relations) AS reference_relations, count(v) AS evidence_records
