// title: Merge entities of one type
// description: Upsert Entity nodes by id and add the labels of its type. Counts, aliases and
//   dates are derived from MENTIONS afterwards by write/refresh_entities.
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null}
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type
SET e:__LABELS__, e.wikidata = coalesce(row.wikidata, e.wikidata)
