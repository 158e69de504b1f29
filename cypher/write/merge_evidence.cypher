// title: Merge evidence records
// description: One Evidence node per edge and document, keyed by both, linked from its
//   Document by STATES: the sentences (at most NEWSGRAPH_EVIDENCE_PER_DOCUMENT), their
//   offsets, rules and confidences, the document's date and how many sentences support the
//   fact. A reference fact (provenance reference) names its dataset and has no sentence.
//   Only a missing record is created (checked and created in one statement), marked `fresh`
//   for write/merge_relations. The date arrives as ISO text and is stored as a Cypher date,
//   which merge_relations carries into the edge's first_seen, last_seen and source_dates.
// mode: write
// param rows: list -- {id: string, doc: string, props: map of the record's properties
//   (id, edge, src, type, dst, doc, date (ISO text), count, confidence, provenance, and either
//   sentences/starts/ends/rules/confidences or dataset)}
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
OPTIONAL MATCH (v:Evidence {id: row.id})
WITH d, row, v
WHERE v IS NULL
CREATE (d)-[:STATES]->(n:Evidence)
SET n += row.props, n.date = date(row.props.date), n.fresh = true
