// title: Plain edge merge (bench baseline)
// description: The simplest UNWIND-MERGE of edge rows between entities, for comparison
//   with the ingest writer in bench/ingest.py.
// mode: write
// template: __TYPE__ is the schema-checked relation type (ingest.writer.fill_names)
// param rows: list -- {src: string, dst: string, props: map}
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props
