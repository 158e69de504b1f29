// title: Retract the mentions of documents
// description: Take the given documents' MENTIONS out of their entities' summaries by
//   deltas (counts, aliases with their document counts) and delete the edges. An entity
//   whose first or last seen date came from one of them is marked `bounds_stale` for
//   write/refresh_entities. The Document nodes stay (a changed document is rewritten in
//   the same transaction).
// mode: write
// param doc_ids: list -- document ids
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})-[m:MENTIONS]->(e:Entity)
WITH e, collect(m) AS ms
WITH e, ms, reduce(acc = [], m IN ms | acc + m.aliases) AS removed
WITH e, ms,
     [i IN range(0, size(coalesce(e.aliases, [])) - 1) |
      coalesce(e.alias_counts[i], 1) - size([x IN removed WHERE x = e.aliases[i]])] AS counts,
     any(m IN ms WHERE m.date = e.first_seen OR m.date = e.last_seen) AS stale
WITH e, ms, counts, stale, [i IN range(0, size(counts) - 1) WHERE counts[i] > 0 | e.aliases[i]] AS aliases
SET e.mention_count = e.mention_count - reduce(t = 0, m IN ms | t + m.count),
    e.document_count = e.document_count - size(ms),
    e.aliases = aliases,
    e.alias_counts = [c IN counts WHERE c > 0],
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a),
    e.bounds_stale = CASE WHEN stale THEN true ELSE e.bounds_stale END
WITH ms
UNWIND ms AS m
DELETE m
