// title: Plain node merge (bench baseline)
// description: The simplest UNWIND-MERGE of entity or document rows, for comparison with
//   the ingest writer in bench/ingest.py.
// mode: write
// param rows: list -- {id: string, props: map}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props
