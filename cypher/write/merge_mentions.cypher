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
//   mention_count: int, document_count: int, first_seen: string (ISO date), last_seen:
//   string (ISO date), aliases: [string] (sorted, distinct), alias_counts: [int]
//   (parallel), alias_text: string (for a new entity), mentions: [{doc: string, count:
//   int, aliases: [string], date: string (ISO date)}]}
UNWIND $rows AS row
OPTIONAL MATCH (e:Entity {id: row.id})
FOREACH (_ IN CASE WHEN e IS NULL THEN [1] ELSE [] END |
  CREATE (:__LABELS__ {id: row.id, name: row.name, type: row.type, wikidata: row.wikidata,
                       mention_count: row.mention_count, document_count: row.document_count,
                       first_seen: date(row.first_seen), last_seen: date(row.last_seen),
                       aliases: row.aliases, alias_counts: row.alias_counts,
                       alias_text: row.alias_text}))
WITH e, row
MATCH (n:Entity {id: row.id})
UNWIND row.mentions AS mention
MATCH (d:Document {id: mention.doc})
OPTIONAL MATCH (d)-[stored:MENTIONS]->(n)
WITH e, n, d, mention, stored
WHERE stored IS NULL
CREATE (d)-[:MENTIONS {count: mention.count, aliases: mention.aliases, date: date(mention.date)}]->(n)
WITH e, collect(CASE WHEN e IS NULL THEN null ELSE mention END) AS ms
WHERE size(ms) > 0
WITH e, ms, reduce(acc = [], m IN ms | acc + m.aliases) AS added,
     coalesce(e.aliases, []) AS old, coalesce(e.alias_counts, []) AS old_counts
WITH e, ms, added, old, old_counts,
     reduce(acc = old, a IN added |
            CASE WHEN a IN acc THEN acc
                 ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END) AS aliases
WITH e, ms, aliases,
     [a IN aliases |
      reduce(c = 0, i IN range(0, size(old) - 1) |
             CASE WHEN old[i] = a THEN coalesce(old_counts[i], 1) ELSE c END)
      + size([x IN added WHERE x = a])] AS counts,
     reduce(t = 0, m IN ms | t + m.count) AS mentions,
     reduce(x = e.first_seen, m IN ms |
            CASE WHEN x IS NULL OR date(m.date) < x THEN date(m.date) ELSE x END) AS first_seen,
     reduce(x = e.last_seen, m IN ms |
            CASE WHEN x IS NULL OR date(m.date) > x THEN date(m.date) ELSE x END) AS last_seen
SET e.mention_count = coalesce(e.mention_count, 0) + mentions,
    e.document_count = coalesce(e.document_count, 0) + size(ms),
    e.first_seen = first_seen,
    e.last_seen = last_seen,
    e.aliases = aliases,
    e.alias_counts = counts,
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a)
