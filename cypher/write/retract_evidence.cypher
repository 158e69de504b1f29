// title: Delete the evidence records of documents
// description: Delete the Evidence records the given documents state (after
//   write/retract_relations has taken them out of their edges).
// mode: write
// param doc_ids: list -- document ids
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})-[:STATES]->(v:Evidence)
DETACH DELETE v
