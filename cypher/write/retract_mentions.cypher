// title: Retract the mentions of documents
// description: Delete the MENTIONS edges of the given documents (the Document nodes stay;
//   a changed document is rewritten in the same transaction).
// mode: write
// param doc_ids: list -- document ids
MATCH (d:Document)-[m:MENTIONS]->(:Entity)
WHERE d.id IN $doc_ids
DELETE m
