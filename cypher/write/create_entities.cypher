// title: Create missing entities of one type
// description: Create the Entity nodes of the rows that are not stored yet, with every
//   label of their type at once (adding labels to a merged node costs FalkorDB several
//   times more). The check and the creation are one statement: a second writer finds the
//   node. Stored entities are left to write/merge_entities.
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null}
UNWIND $rows AS row
OPTIONAL MATCH (e:Entity {id: row.id})
WITH row, e
WHERE e IS NULL
CREATE (n:__LABELS__ {id: row.id, name: row.name, type: row.type})
SET n.wikidata = row.wikidata
