// title: Update stored entities of one type
// description: Before write/merge_mentions: add the labels of their type to stored entities
//   that lack one (a person later seen as an official) and keep the first Wikidata id
//   seen. Only nodes that need it are written to; entities not stored yet are created
//   whole by write/merge_mentions. Summaries (counts, dates, aliases) are folded in from
//   the batch's new mentions there, so replaying a batch changes nothing.
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null}
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WITH e, row
WHERE NOT e:__LABELS__ OR (e.wikidata IS NULL AND row.wikidata IS NOT NULL)
SET e:__LABELS__,
    e.wikidata = coalesce(e.wikidata, row.wikidata)
