// title: Fold new mentions into entity summaries
// description: Add the batch's new (`fresh`) MENTIONS to the summaries of their entities by
//   deltas: mention and document counts, first and last seen, and the sorted distinct
//   aliases with how many documents use each (alias_counts, parallel). Starts from the
//   batch's documents, so the cost follows the batch, never the entity's history.
// mode: write
// param doc_ids: list -- ids of the batch's documents
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
WHERE m.fresh = true
WITH e, collect(m) AS ms
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
     reduce(x = e.first_seen, m IN ms | CASE WHEN x IS NULL OR m.date < x THEN m.date ELSE x END) AS first_seen,
     reduce(x = e.last_seen, m IN ms | CASE WHEN x IS NULL OR m.date > x THEN m.date ELSE x END) AS last_seen
SET e.mention_count = coalesce(e.mention_count, 0) + mentions,
    e.document_count = coalesce(e.document_count, 0) + size(ms),
    e.first_seen = first_seen,
    e.last_seen = last_seen,
    e.aliases = aliases,
    e.alias_counts = counts,
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a)
WITH ms
UNWIND ms AS m
SET m.fresh = null
