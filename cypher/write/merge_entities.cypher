// title: Merge entities of one type
// description: Upsert Entity nodes by id, add the labels of their type, and keep the first
//   Wikidata id seen. Only nodes that lack a label or the Wikidata id are written to (setting
//   labels a node already has still costs FalkorDB a write). Summaries (counts, dates,
//   aliases) are folded in from the batch's new mentions afterwards (write/fold_mentions),
//   so replaying a batch changes nothing.
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null}
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type
WITH e, row
WHERE NOT e:__LABELS__ OR (e.wikidata IS NULL AND row.wikidata IS NOT NULL)
SET e:__LABELS__,
    e.wikidata = coalesce(e.wikidata, row.wikidata)
