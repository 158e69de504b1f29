// title: Delete documents
// description: Delete the given Document nodes and their MENTIONS (`newsgraph forget`),
//   after write/retract_relations has removed their evidence.
// mode: write
// param doc_ids: list -- document ids
MATCH (d:Document)
WHERE d.id IN $doc_ids
DETACH DELETE d
