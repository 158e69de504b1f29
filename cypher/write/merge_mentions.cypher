// title: Merge the entities of one type with their mentions
// description: One Entity node per id and one MENTIONS edge per document and entity,
//   carrying how often and under which surface forms the document names the entity, and
//   the document's date (a Cypher date, from the ISO text of the row). An entity not
//   stored yet is created whole: with every label of its type at once (adding labels
//   to a stored node costs FalkorDB several times more) and its summaries, computed by
//   the writer from the batch (ingest/fresh_rows.py), since all its mentions are new;
//   updating a node right after creating it would make FalkorDB index it twice. A stored
//   entity gets only the missing edges (checked and created in one statement), and only
//   those change its summaries, by deltas: mention and document counts, first and last
//   seen, and the sorted distinct aliases with how many documents use each (alias_counts,
//   parallel). A replayed batch or a second writer finds the node and the edges and adds
//   nothing; the cost follows the batch, never the entity's history. One row per entity;
//   labels and Wikidata ids of stored entities are write/merge_entities' (run before).
// mode: write
// template: __LABELS__ is replaced by the schema-checked labels of the entity type,
//   backtick-quoted and joined with colons (ingest.writer.fill_names, the only filler)
// param rows: list -- {id: string, name: string, type: string, wikidata: string or null,
//   at: int (where its summaries are in $own), mentions: [{doc: string, count: int,
//   aliases: [string], date: string (ISO date)}]}
// param own: list -- each row's summaries as if the entity were new (the batch's own):
//   {mention_count: int, document_count: int, first_seen: string (ISO date), last_seen:
//   string (ISO date), aliases: [string] (sorted, distinct), alias_counts: [int]
//   (parallel), alias_text: string}
UNWIND $rows AS row
OPTIONAL MATCH (e:Entity {id: row.id})
FOREACH (own IN CASE WHEN e IS NULL THEN [$own[row.at]] ELSE [] END |
  CREATE (:__LABELS__ {id: row.id, name: row.name, type: row.type, wikidata: row.wikidata,
                       mention_count: own.mention_count, document_count: own.document_count,
                       first_seen: date(own.first_seen), last_seen: date(own.last_seen),
                       aliases: own.aliases, alias_counts: own.alias_counts,
                       alias_text: own.alias_text}))
WITH e, row
MATCH (n:Entity {id: row.id})
UNWIND row.mentions AS mention
MATCH (d:Document {id: mention.doc})
OPTIONAL MATCH (d)-[stored:MENTIONS]->(n)
WITH e, row.at AS at, n, d, mention, stored
WHERE stored IS NULL
CREATE (d)-[:MENTIONS {count: mention.count, aliases: mention.aliases, date: date(mention.date)}]->(n)
WITH e, at, collect(CASE WHEN e IS NULL THEN null ELSE mention END) AS ms
WHERE size(ms) > 0
WITH e, ms, $own[at] AS own
// The batch's part: the row's own summaries when every mention was new (as nearly always);
// else (a replay that found some) folded from the new ones only.
WITH e, head([whole IN [1] WHERE size(ms) = own.document_count |
              {count: own.mention_count, documents: own.document_count,
               first: date(own.first_seen), last: date(own.last_seen), names: own.aliases,
               uses: own.alias_counts}]
             + [part IN [1] WHERE size(ms) < own.document_count |
                [added IN [reduce(acc = [], m IN ms | acc + m.aliases)] |
                 [names IN [reduce(acc = [], a IN added |
                                   CASE WHEN a IN acc THEN acc
                                        ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a]
                                   END)] |
                  {count: reduce(t = 0, m IN ms | t + m.count), documents: size(ms),
                   first: reduce(x = null, m IN ms |
                                 CASE WHEN x IS NULL OR date(m.date) < x THEN date(m.date)
                                      ELSE x END),
                   last: reduce(x = null, m IN ms |
                                CASE WHEN x IS NULL OR date(m.date) > x THEN date(m.date)
                                     ELSE x END),
                   names: names,
                   uses: [a IN names | size([x IN added WHERE x = a])]}][0]][0]]) AS batch,
     coalesce(e.aliases, []) AS old, coalesce(e.alias_counts, []) AS old_counts
WITH e, batch, old, old_counts,
     reduce(acc = old, a IN batch.names |
            CASE WHEN a IN acc THEN acc
                 ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END) AS aliases
SET e.mention_count = coalesce(e.mention_count, 0) + batch.count,
    e.document_count = coalesce(e.document_count, 0) + batch.documents,
    e.first_seen = CASE WHEN e.first_seen IS NULL OR batch.first < e.first_seen
                        THEN batch.first ELSE e.first_seen END,
    e.last_seen = CASE WHEN e.last_seen IS NULL OR batch.last > e.last_seen
                       THEN batch.last ELSE e.last_seen END,
    e.aliases = aliases,
    e.alias_counts = [a IN aliases |
                      reduce(c = 0, i IN range(0, size(old) - 1) |
                             CASE WHEN old[i] = a THEN coalesce(old_counts[i], 1) ELSE c END)
                      + reduce(c = 0, i IN range(0, size(batch.names) - 1) |
                               CASE WHEN batch.names[i] = a THEN batch.uses[i] ELSE c END)],
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a)
