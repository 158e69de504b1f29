// title: neo4j-import: evidence records (page)
// description: The given evidence records in the columns of neo4j-import's evidence.csv
//   (graph.export_neo4j.FILES), and how many properties each has.
// mode: read
// param ids: list -- evidence record ids
UNWIND $ids AS evidence_id
MATCH (v:Evidence {id: evidence_id})
RETURN v.id AS id, labels(v) AS labels, v.edge AS edge, v.src AS src, v.type AS type,
       v.dst AS dst, v.doc AS doc, v.date AS date, v.count AS count,
       v.confidence AS confidence, v.provenance AS provenance, v.dataset AS dataset,
       v.sentences AS sentences, v.starts AS starts, v.ends AS ends, v.rules AS rules,
       v.confidences AS confidences, size(keys(v)) AS property_count
