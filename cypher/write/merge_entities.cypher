// title: Merge entities of one type
// description: Upsert Entity nodes by id, add the labels of their type, and fold the
//   batch into their summaries (mention and document counts, first and last seen, sorted
//   distinct aliases and alias_text). One row per entity and batch. Entities touched by a
//   retraction are recomputed from their mentions afterwards (write/refresh_entities).
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null,
//   mentions: int, documents: int, first_seen: string, last_seen: string,
//   aliases: [string]}
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type
WITH e, row,
     reduce(acc = coalesce(e.aliases, []), a IN row.aliases |
            CASE WHEN a IN acc THEN acc
                 ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END) AS aliases
SET e:__LABELS__,
    e.wikidata = coalesce(row.wikidata, e.wikidata),
    e.mention_count = coalesce(e.mention_count, 0) + row.mentions,
    e.document_count = coalesce(e.document_count, 0) + row.documents,
    e.first_seen = CASE WHEN e.first_seen IS NULL OR row.first_seen < e.first_seen
                        THEN row.first_seen ELSE e.first_seen END,
    e.last_seen = CASE WHEN e.last_seen IS NULL OR row.last_seen > e.last_seen
                       THEN row.last_seen ELSE e.last_seen END,
    e.aliases = aliases,
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a)
