// title: Copy STATES links of a page of evidence records
// description: The Document -STATES-> Evidence link of each given record, with its properties.
// mode: read
// param ids: list -- evidence record ids (one page of export/evidence_ids)
UNWIND $ids AS evidence_id
MATCH (d:Document)-[s:STATES]->(v:Evidence {id: evidence_id})
RETURN d.id AS source, evidence_id AS target, type(s) AS type, properties(s) AS properties
