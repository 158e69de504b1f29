// title: Plain mention merge (bench baseline)
// description: The simplest UNWIND-MERGE of MENTIONS rows, for comparison with the ingest
//   writer in bench/ingest.py.
// mode: write
// param rows: list -- {doc: string, entity: string, props: map}
UNWIND $rows AS row
MATCH (d:Entity {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e)
SET m += row.props
