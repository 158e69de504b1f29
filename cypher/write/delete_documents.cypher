// title: Delete documents
// description: Delete the given Document nodes (`newsgraph forget`), after
//   write/retract_relations, write/retract_evidence and write/retract_mentions.
// mode: write
// param doc_ids: list -- document ids
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})
DETACH DELETE d
