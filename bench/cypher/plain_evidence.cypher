// title: Plain evidence record merge (bench baseline)
// description: The simplest UNWIND-MERGE of evidence records and their STATES edges, for
//   comparison with the ingest writer in bench/ingest.py (the same records the writer
//   keeps, one per edge and document).
// mode: write
// param rows: list -- {id: string, doc: string, props: map}
UNWIND $rows AS row
MATCH (d:Entity {id: row.doc})
MERGE (v:Evidence {id: row.id})
SET v += row.props
MERGE (d)-[:STATES]->(v)
