// title: Merge mentions and fold them into entity summaries
// description: One MENTIONS edge per document and entity, carrying how often and under
//   which surface forms the document names the entity, and the document's date (a Cypher
//   date, from the ISO text of the row). Only
//   missing edges are created (checked and created in one statement), and only those
//   change their entity's summaries, by deltas: mention and document counts, first and
//   last seen, and the sorted distinct aliases with how many documents use each
//   (alias_counts, parallel). A replayed batch or a second writer finds the edges and adds
//   nothing; the cost follows the batch, never the entity's history. One row per entity.
// mode: write
// param rows: list -- {entity: string, mentions: [{doc: string, count: int,
//   aliases: [string], date: string (ISO date)}]}
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
WITH e, row.mentions AS mentions
UNWIND mentions AS mention
MATCH (d:Document {id: mention.doc})
OPTIONAL MATCH (d)-[stored:MENTIONS]->(e)
WITH e, d, mention, stored
WHERE stored IS NULL
CREATE (d)-[:MENTIONS {count: mention.count, aliases: mention.aliases, date: date(mention.date)}]->(e)
WITH e, collect(mention) AS ms
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
